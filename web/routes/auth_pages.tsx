import { Hono } from "hono";
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../api/app_env.ts";
import { LocaleSchema, SignInSchema, SignUpSchema } from "../../api/contract/auth.ts";
import { clearSessionCookies, setSessionCookies } from "../../api/auth/session.ts";
import { signUp, updateMyProfile } from "../../api/services/accounts.ts";
import { requestIp } from "../../api/lib/request_ip.ts";
import { AppError } from "../../api/lib/errors.ts";
import { Layout } from "../components/Layout.tsx";
import { Island } from "../components/Island.tsx";
import { Alert, Field } from "../components/ui.tsx";
import SignUpForm, { SIGN_UP_FORM_KEYS } from "../islands/SignUpForm.tsx";
import { type FieldErrors, fieldErrors, type SignUpField, validateSignUp } from "../lib/form_errors.ts";
import { type MessageKey, pickMessages, t } from "../i18n/t.ts";
import {
  attempt,
  html,
  LANG_COOKIE,
  type PageState,
  pageState,
  readForm,
  safePath,
  statusOf,
} from "../lib/page.tsx";

type SignUpView = {
  values?: { email: string; fullName: string; organizationName: string };
  errors?: FieldErrors<SignUpField>;
  formError?: string;
  invitationToken?: string;
  status?: ContentfulStatusCode;
};

/** The sign-up page; with an invitation token it is the "join your team" variant (no organization name). */
export function renderSignUp(c: Context<AppEnv>, state: PageState, view: SignUpView = {}): Response {
  const { locale } = state;
  const invited = Boolean(view.invitationToken);
  const acceptPath = invited ? `/invitations/accept?token=${encodeURIComponent(view.invitationToken!)}` : "";
  const signInHref = invited ? `/signin?next=${encodeURIComponent(acceptPath)}` : "/signin";
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, invited ? "signUpInvitedTitle" : "signUpTitle")}
      currentPath={invited ? acceptPath : "/signup"}
      isSignedIn={Boolean(state.claims)}
      islands={["SignUpForm"]}
      width="narrow"
    >
      <section class="card card-auth">
        <h1>{t(locale, invited ? "signUpInvitedTitle" : "signUpTitle")}</h1>
        <p class="lead">{t(locale, invited ? "signUpInvitedLead" : "signUpLead")}</p>
        <Island
          name="SignUpForm"
          component={SignUpForm}
          props={{
            locale,
            invitationToken: view.invitationToken,
            values: view.values ?? { email: "", fullName: "", organizationName: "" },
            errors: view.errors ?? {},
            formError: view.formError,
            text: pickMessages(locale, SIGN_UP_FORM_KEYS),
          }}
        />
        <p class="card-footer">
          {t(locale, invited ? "acceptHaveAccount" : "signUpHaveAccount")}{" "}
          <a href={signInHref}>{t(locale, invited ? "acceptSignInToAccept" : "navSignIn")}</a>
        </p>
      </section>
    </Layout>,
    view.status,
  );
}

type SignInView = {
  email?: string;
  next?: string;
  errors?: Partial<Record<"email" | "password", MessageKey>>;
  formError?: string;
  status?: ContentfulStatusCode;
};

function renderSignIn(c: Context<AppEnv>, state: PageState, view: SignInView = {}): Response {
  const { locale } = state;
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "signInTitle")}
      currentPath={view.next ? `/signin?next=${encodeURIComponent(view.next)}` : "/signin"}
      isSignedIn={Boolean(state.claims)}
      width="narrow"
    >
      <section class="card card-auth">
        <h1>{t(locale, "signInTitle")}</h1>
        <p class="lead">{t(locale, "signInLead")}</p>
        <form method="post" action="/signin" class="form" noValidate>
          {view.formError && <Alert kind="error">{view.formError}</Alert>}
          {view.next && <input type="hidden" name="next" value={view.next} />}
          <Field
            id="signin-email"
            name="email"
            type="email"
            label={t(locale, "fieldEmail")}
            value={view.email ?? ""}
            autocomplete="email"
            error={view.errors?.email && t(locale, view.errors.email)}
          />
          <Field
            id="signin-password"
            name="password"
            type="password"
            label={t(locale, "fieldPassword")}
            value=""
            autocomplete="current-password"
            error={view.errors?.password && t(locale, view.errors.password)}
          />
          <button type="submit" class="button button-primary button-block">
            {t(locale, "signInSubmit")}
          </button>
        </form>
        <p class="card-footer">
          {t(locale, "signInNoAccount")} <a href="/signup">{t(locale, "navSignUp")}</a>
        </p>
      </section>
    </Layout>,
    view.status,
  );
}

function rateLimitedHeader(c: Context, err: AppError): void {
  const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retry) c.header("Retry-After", String(retry));
}

/** Sign-up, sign-in, sign-out and the language switch: plain HTML forms, enhanced by islands. */
export const authPages = new Hono<AppEnv>()
  .get("/signup", async (c) => {
    const state = await pageState(c);
    if (state.claims) return c.redirect("/dashboard", 303);
    return renderSignUp(c, state);
  })
  .post("/signup", async (c) => {
    const state = await pageState(c);
    const form = await readForm(c);
    const invitationToken = form.invitationToken || undefined;
    const values = {
      email: form.email ?? "",
      fullName: form.fullName ?? "",
      organizationName: form.organizationName ?? "",
    };
    const input = {
      email: values.email,
      password: form.password ?? "",
      fullName: values.fullName,
      organizationName: invitationToken || !values.organizationName.trim()
        ? undefined
        : values.organizationName,
      invitationToken,
      locale: LocaleSchema.catch(state.locale).parse(form.locale),
    };
    const view = { values, invitationToken, status: 422 as ContentfulStatusCode };
    const parsed = SignUpSchema.safeParse(input);
    if (!parsed.success) {
      const errors = { ...validateSignUp({ ...values, password: input.password }, Boolean(invitationToken)) };
      for (const [field, key] of Object.entries(fieldErrors<SignUpField>(parsed.error.issues))) {
        errors[field as SignUpField] ??= key;
      }
      return renderSignUp(c, state, { ...view, errors });
    }
    const { config } = c.get("deps");
    const ctx = { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
    const result = await attempt(
      () => signUp(c.get("deps"), parsed.data, ctx),
      ["conflict", "rateLimited", "invalidInput", "notFound", "forbidden"],
    );
    if (!result.ok) {
      const err = result.error;
      if (err.code === "rateLimited") rateLimitedHeader(c, err);
      const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
      const errors = err.code === "invalidInput" && issues ? fieldErrors<SignUpField>(issues) : {};
      const key: MessageKey = err.code === "conflict"
        ? "errorEmailTaken"
        : err.code === "rateLimited"
        ? "errorRateLimited"
        : err.code === "notFound"
        ? "errorInvitationInvalid"
        : err.code === "forbidden"
        ? "errorInvitationOtherEmail"
        : "formHasErrors";
      return renderSignUp(c, state, {
        ...view,
        errors,
        formError: t(state.locale, key),
        status: statusOf(err),
      });
    }
    setSessionCookies(c, result.value.session);
    return c.redirect(invitationToken ? "/dashboard?done=joined" : "/dashboard", 303);
  })
  .get("/signin", async (c) => {
    const state = await pageState(c);
    const next = safePath(c.req.query("next")) ?? undefined;
    if (state.claims) return c.redirect(next ?? "/dashboard", 303);
    return renderSignIn(c, state, { next });
  })
  .post("/signin", async (c) => {
    const state = await pageState(c);
    const form = await readForm(c);
    const next = safePath(form.next) ?? undefined;
    const view = { email: form.email ?? "", next, status: 422 as ContentfulStatusCode };
    const parsed = SignInSchema.safeParse({ email: form.email ?? "", password: form.password ?? "" });
    if (!parsed.success) {
      const errors = fieldErrors<"email" | "password">(parsed.error.issues);
      return renderSignIn(c, state, { ...view, errors });
    }
    const { auth, config } = c.get("deps");
    const ctx = { ip: requestIp(c, config.trustProxy), userAgent: c.req.header("user-agent") };
    const result = await attempt(() => auth.signIn(parsed.data, ctx), ["unauthenticated", "rateLimited"]);
    if (!result.ok) {
      if (result.error.code === "rateLimited") rateLimitedHeader(c, result.error);
      const key = result.error.code === "rateLimited" ? "errorRateLimited" : "errorWrongCredentials";
      return renderSignIn(c, state, {
        ...view,
        formError: t(state.locale, key),
        status: statusOf(result.error),
      });
    }
    setSessionCookies(c, result.value);
    return c.redirect(next ?? "/dashboard", 303);
  })
  .post("/signout", async (c) => {
    const claims = c.get("claims");
    if (claims) await attempt(() => c.get("deps").auth.signOut(claims), ["unauthenticated"]);
    clearSessionCookies(c);
    return c.redirect("/signin", 303);
  })
  .post("/lang", async (c) => {
    const form = await readForm(c);
    const lang = LocaleSchema.safeParse(form.lang);
    const back = safePath(form.back) ?? "/";
    if (!lang.success) return c.redirect(back, 303);
    const { config } = c.get("deps");
    setCookie(c, LANG_COOKIE, lang.data, {
      path: "/",
      maxAge: 365 * 86400,
      sameSite: "Lax",
      secure: config.cookieSecure,
      httpOnly: true,
    });
    const claims = c.get("claims");
    if (claims) await updateMyProfile(c.get("deps"), claims, { locale: lang.data });
    return c.redirect(back, 303);
  });
