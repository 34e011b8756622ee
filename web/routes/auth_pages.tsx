import { Hono } from "hono";
import type { Context } from "hono";
import type { ComponentChildren } from "preact";
import { setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../api/app_env.ts";
import {
  ConfirmSignUpSchema,
  EmailRequestSchema,
  EmailSchema,
  type Locale,
  LocaleSchema,
  ResetPasswordSchema,
  SignInSchema,
  SignUpSchema,
} from "../../api/contract/auth.ts";
import type { RequestContext } from "../../api/auth/provider.ts";
import { clearSessionCookies, setSessionCookies } from "../../api/auth/session.ts";
import {
  checkPasswordResetToken,
  confirmSignUp,
  requestPasswordReset,
  resendConfirmation,
  resetPassword,
  signUp,
  updateMyProfile,
} from "../../api/services/accounts.ts";
import { requestIp } from "../../api/lib/request_ip.ts";
import { AppError } from "../../api/lib/errors.ts";
import { Layout } from "../components/Layout.tsx";
import { Island, type IslandName } from "../components/Island.tsx";
import { Alert, Field } from "../components/ui.tsx";
import SignUpForm, { SIGN_UP_FORM_KEYS } from "../islands/SignUpForm.tsx";
import PasswordResetForm, { PASSWORD_RESET_FORM_KEYS } from "../islands/PasswordResetForm.tsx";
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
  /** zxcvbn's explanation when the server found the password too weak. */
  passwordFeedback?: string;
  invitationToken?: string;
  /** Who invites, to which organization (the colleague invitation page); the lead names them. */
  invitation?: { organizationName: string; invitedByName: string | null };
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
        <p class="lead">
          {view.invitation
            ? t(locale, view.invitation.invitedByName ? "signUpInvitedBy" : "signUpInvited", {
              inviter: view.invitation.invitedByName ?? "",
              org: view.invitation.organizationName,
            })
            : t(locale, invited ? "signUpInvitedLead" : "signUpLead")}
        </p>
        <Island
          name="SignUpForm"
          component={SignUpForm}
          props={{
            locale,
            invitationToken: view.invitationToken,
            values: view.values ?? { email: "", fullName: "", organizationName: "" },
            errors: view.errors ?? {},
            formError: view.formError,
            passwordFeedback: view.passwordFeedback,
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
          <a href="/forgot-password">{t(locale, "signInForgotPassword")}</a>
        </p>
        <p class="card-footer">
          {t(locale, "signInNoAccount")} <a href="/signup">{t(locale, "navSignUp")}</a>
        </p>
      </section>
    </Layout>,
    view.status,
  );
}

function requestContext(c: Context<AppEnv>): RequestContext {
  return { ip: requestIp(c, c.get("deps").config.trustProxy), userAgent: c.req.header("user-agent") };
}

/** zxcvbn's warning (or first suggestion) from a passwordTooWeak refusal, already in the page's language. */
function feedbackOf(err: AppError): string | undefined {
  const f = (err.details as { feedback?: { warning: string | null; suggestions: string[] } } | undefined)
    ?.feedback;
  return f ? (f.warning ?? f.suggestions[0]) : undefined;
}

function rateLimitedHeader(c: Context, err: AppError): void {
  const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retry) c.header("Retry-After", String(retry));
}

/** A one-card page of the account flows (check your e-mail, confirm, forgotten password…). */
function AuthCard(
  props: {
    c: Context<AppEnv>;
    state: PageState;
    title: MessageKey;
    path: string;
    islands?: IslandName[];
    children: ComponentChildren;
  },
) {
  const { locale } = props.state;
  return (
    <Layout
      locale={locale}
      title={t(locale, props.title)}
      currentPath={props.path}
      isSignedIn={Boolean(props.state.claims)}
      islands={props.islands}
      width="narrow"
    >
      <section class="card card-auth">
        <h1>{t(locale, props.title)}</h1>
        {props.children}
      </section>
    </Layout>
  );
}

/** A form asking only for an e-mail address (confirmation resend, forgotten password). */
function EmailForm(
  props: { locale: Locale; action: string; id: string; email?: string; submit: MessageKey; error?: string },
) {
  return (
    <form method="post" action={props.action} class="form" noValidate>
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <input type="hidden" name="locale" value={props.locale} />
      <Field
        id={props.id}
        name="email"
        type="email"
        label={t(props.locale, "fieldEmail")}
        value={props.email ?? ""}
        autocomplete="email"
      />
      <button type="submit" class="button button-primary button-block">
        {t(props.locale, props.submit)}
      </button>
    </form>
  );
}

/** "Check your e-mail": the same page whether or not the address has an account. */
function renderCheckEmail(
  c: Context<AppEnv>,
  state: PageState,
  view: { kind: "confirm" | "recovery"; email: string },
): Response {
  const { locale } = state;
  return html(
    c,
    <AuthCard c={c} state={state} title="checkEmailTitle" path="/signup">
      <p class="lead">
        {t(locale, view.kind === "confirm" ? "checkEmailConfirmText" : "checkEmailRecoveryText")}
      </p>
      <p>{t(locale, "checkEmailNothing")}</p>
      <EmailForm
        locale={locale}
        action={view.kind === "confirm" ? "/resend-confirmation" : "/forgot-password"}
        id="check-email"
        email={view.email}
        submit={view.kind === "confirm" ? "resendSubmit" : "forgotSubmit"}
      />
    </AuthCard>,
  );
}

/**
 * The landing of a confirmation link: a button that posts the token. Never consumed on GET, because mail
 * scanners open links before people do.
 */
function renderConfirm(
  c: Context<AppEnv>,
  state: PageState,
  view: { token: string; formError?: string; status?: ContentfulStatusCode },
): Response {
  const { locale } = state;
  return html(
    c,
    <AuthCard c={c} state={state} title="confirmTitle" path="/confirm">
      <p class="lead">{t(locale, "confirmLead")}</p>
      {view.formError
        ? (
          <>
            <Alert kind="error">{view.formError}</Alert>
            <EmailForm
              locale={locale}
              action="/resend-confirmation"
              id="resend-email"
              submit="resendSubmit"
            />
          </>
        )
        : (
          <form method="post" action="/confirm" class="form">
            <input type="hidden" name="token" value={view.token} />
            <button type="submit" class="button button-primary button-block">
              {t(locale, "confirmSubmit")}
            </button>
          </form>
        )}
    </AuthCard>,
    view.status,
  );
}

function renderEmailRequest(
  c: Context<AppEnv>,
  state: PageState,
  view: { kind: "resend" | "forgot"; email?: string; formError?: string; status?: ContentfulStatusCode },
): Response {
  const { locale } = state;
  const forgot = view.kind === "forgot";
  return html(
    c,
    <AuthCard
      c={c}
      state={state}
      title={forgot ? "forgotTitle" : "resendTitle"}
      path={forgot ? "/forgot-password" : "/resend-confirmation"}
    >
      <p class="lead">{t(locale, forgot ? "forgotLead" : "resendLead")}</p>
      <EmailForm
        locale={locale}
        action={forgot ? "/forgot-password" : "/resend-confirmation"}
        id={forgot ? "forgot-email" : "resend-email"}
        email={view.email}
        submit={forgot ? "forgotSubmit" : "resendSubmit"}
        error={view.formError}
      />
    </AuthCard>,
    view.status,
  );
}

/** The new-password form of a reset link (the link is checked, not used, until the form is posted). */
function renderReset(
  c: Context<AppEnv>,
  state: PageState,
  view: {
    token: string;
    valid: boolean;
    /** Whose account the link opens: the island refuses a password made of these, as the server does. */
    owner?: { email: string; fullName: string } | null;
    error?: MessageKey;
    feedback?: string;
    formError?: string;
    status?: ContentfulStatusCode;
  },
): Response {
  const { locale } = state;
  return html(
    c,
    <AuthCard
      c={c}
      state={state}
      title="resetTitle"
      path="/reset-password"
      islands={view.valid ? ["PasswordResetForm"] : []}
    >
      {!view.valid
        ? (
          <>
            <Alert kind="error">{t(locale, "errorLinkInvalid")}</Alert>
            <EmailForm locale={locale} action="/forgot-password" id="forgot-email" submit="forgotSubmit" />
          </>
        )
        : (
          <>
            <p class="lead">{t(locale, "resetLead")}</p>
            <Island
              name="PasswordResetForm"
              component={PasswordResetForm}
              props={{
                locale,
                token: view.token,
                userInputs: view.owner ? [view.owner.email, view.owner.fullName] : [],
                error: view.error && [t(locale, view.error), view.feedback].filter(Boolean).join(" "),
                formError: view.formError,
                text: pickMessages(locale, PASSWORD_RESET_FORM_KEYS),
              }}
            />
          </>
        )}
    </AuthCard>,
    view.status,
  );
}

function renderResetDone(c: Context<AppEnv>, state: PageState, email: string): Response {
  const { locale } = state;
  return html(
    c,
    <AuthCard c={c} state={state} title="resetDoneTitle" path="/reset-password">
      <Alert kind="success">{t(locale, "resetDoneText")}</Alert>
      <p>
        <a class="button button-primary button-block" href={`/signin?email=${encodeURIComponent(email)}`}>
          {t(locale, "resetDoneSignIn")}
        </a>
      </p>
    </AuthCard>,
  );
}

/** Resend a confirmation or send a reset link: same answer for every address, unless rate-limited. */
async function emailRequest(c: Context<AppEnv>, kind: "resend" | "forgot"): Promise<Response> {
  const state = await pageState(c);
  const form = await readForm(c);
  const parsed = EmailRequestSchema.safeParse({ email: form.email ?? "", locale: state.locale });
  if (!parsed.success) {
    return renderEmailRequest(c, state, {
      kind,
      email: form.email,
      formError: t(state.locale, "emailInvalid"),
      status: 422,
    });
  }
  const send = kind === "resend" ? resendConfirmation : requestPasswordReset;
  const result = await attempt(() => send(c.get("deps"), parsed.data.email, requestContext(c)), [
    "rateLimited",
  ]);
  if (!result.ok) {
    rateLimitedHeader(c, result.error);
    return renderEmailRequest(c, state, {
      kind,
      email: parsed.data.email,
      formError: t(state.locale, "errorRateLimited"),
      status: 429,
    });
  }
  return renderCheckEmail(c, state, {
    kind: kind === "resend" ? "confirm" : "recovery",
    email: parsed.data.email,
  });
}

/**
 * Sign-up (and its e-mail confirmation), sign-in, forgotten password, sign-out and the language switch:
 * plain HTML forms, enhanced by islands.
 */
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
    const result = await attempt(
      () => signUp(c.get("deps"), parsed.data, requestContext(c)),
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
        passwordFeedback: feedbackOf(err),
        status: statusOf(err),
      });
    }
    if (result.value.kind === "confirmationSent") {
      return renderCheckEmail(c, state, { kind: "confirm", email: parsed.data.email });
    }
    setSessionCookies(c, result.value.session);
    return c.redirect(invitationToken ? "/dashboard?done=joined" : "/dashboard", 303);
  })
  .get("/signin", async (c) => {
    const state = await pageState(c);
    const next = safePath(c.req.query("next")) ?? undefined;
    if (state.claims) return c.redirect(next ?? "/dashboard", 303);
    // After a password reset the "sign in" link carries the address, so only the password is left to type.
    const email = EmailSchema.safeParse(c.req.query("email") ?? "");
    return renderSignIn(c, state, { next, email: email.success ? email.data : undefined });
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
    const { auth } = c.get("deps");
    const result = await attempt(
      () => auth.signIn(parsed.data, requestContext(c)),
      ["unauthenticated", "rateLimited"],
    );
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
  .get("/confirm", async (c) => {
    const token = ConfirmSignUpSchema.shape.token.safeParse(c.req.query("token") ?? "");
    const state = await pageState(c);
    if (!token.success) {
      return renderConfirm(c, state, {
        token: "",
        formError: t(state.locale, "errorLinkInvalid"),
        status: 404,
      });
    }
    return renderConfirm(c, state, { token: token.data });
  })
  .post("/confirm", async (c) => {
    const state = await pageState(c);
    const form = await readForm(c);
    const parsed = ConfirmSignUpSchema.safeParse({ token: form.token ?? "" });
    const result = parsed.success
      ? await attempt(
        () => confirmSignUp(c.get("deps"), parsed.data.token, requestContext(c)),
        ["notFound", "conflict", "forbidden", "rateLimited"],
      )
      : { ok: false as const, error: new AppError("notFound", "Invalid link", { reason: "linkInvalid" }) };
    if (!result.ok) {
      const key: MessageKey = result.error.code === "conflict"
        ? "errorEmailTaken"
        : result.error.code === "rateLimited"
        ? "errorRateLimited"
        : result.error.details?.reason === "linkInvalid"
        ? "errorLinkInvalid"
        : "errorInvitationInvalid";
      return renderConfirm(c, state, {
        token: "",
        formError: t(state.locale, key),
        status: statusOf(result.error),
      });
    }
    setSessionCookies(c, result.value.session);
    return c.redirect("/dashboard", 303);
  })
  .get("/resend-confirmation", async (c) => renderEmailRequest(c, await pageState(c), { kind: "resend" }))
  .get("/forgot-password", async (c) => renderEmailRequest(c, await pageState(c), { kind: "forgot" }))
  .post("/resend-confirmation", (c) => emailRequest(c, "resend"))
  .post("/forgot-password", (c) => emailRequest(c, "forgot"))
  .get("/reset-password", async (c) => {
    const state = await pageState(c);
    const token = ResetPasswordSchema.shape.token.safeParse(c.req.query("token") ?? "");
    const owner = token.success ? await checkPasswordResetToken(c.get("deps"), token.data) : null;
    return renderReset(c, state, {
      token: token.success ? token.data : "",
      valid: Boolean(owner),
      owner,
      status: owner ? 200 : 404,
    });
  })
  .post("/reset-password", async (c) => {
    const state = await pageState(c);
    const form = await readForm(c);
    const input = { token: form.token ?? "", password: form.password ?? "", locale: state.locale };
    const view = { token: input.token, valid: true, status: 422 as ContentfulStatusCode };
    const parsed = ResetPasswordSchema.safeParse(input);
    if (!parsed.success) {
      const tokenBad = parsed.error.issues.some((i) => i.path[0] === "token");
      if (tokenBad) return renderReset(c, state, { ...view, valid: false, status: 404 });
      const errors = fieldErrors<"password">(parsed.error.issues);
      return renderReset(c, state, { ...view, error: errors.password });
    }
    const result = await attempt(() => resetPassword(c.get("deps"), parsed.data), [
      "notFound",
      "invalidInput",
    ]);
    if (!result.ok) {
      if (result.error.code === "notFound") {
        return renderReset(c, state, { ...view, valid: false, status: 404 });
      }
      return renderReset(c, state, {
        ...view,
        owner: await checkPasswordResetToken(c.get("deps"), parsed.data.token),
        error: "passwordTooWeak",
        feedback: feedbackOf(result.error),
      });
    }
    clearSessionCookies(c);
    return renderResetDone(c, state, result.value.email);
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
