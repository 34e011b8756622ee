import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../api/app_env.ts";
import { AcceptInvitationSchema } from "../../api/contract/organizations.ts";
import { acceptOrgInvitation } from "../../api/services/organizations.ts";
import { getOrgInvitationOffer } from "../../api/services/invitation_offer.ts";
import type { OrgInvitationOffer } from "../../api/db/org_invitations.ts";
import { Layout } from "../components/Layout.tsx";
import { Alert } from "../components/ui.tsx";
import { type MessageKey, t } from "../i18n/t.ts";
import {
  attempt,
  html,
  type PageState,
  pageState,
  readForm,
  signInRedirect,
  statusOf,
} from "../lib/page.tsx";
import { renderSignUp } from "./auth_pages.tsx";

function acceptPath(token: string): string {
  return `/invitations/accept?token=${encodeURIComponent(token)}`;
}

/**
 * The signed-in variant: who invites to which organization, then one explicit button (a GET never
 * accepts: link scanners open links too).
 */
function renderAccept(
  c: Context<AppEnv>,
  state: PageState,
  token: string | null,
  view: { offer?: OrgInvitationOffer; error?: MessageKey; status?: ContentfulStatusCode } = {},
): Response {
  const { offer } = view;
  const { locale } = state;
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "acceptTitle")}
      currentPath={token ? acceptPath(token) : "/invitations/accept"}
      isSignedIn={Boolean(state.claims)}
      width="narrow"
    >
      <section class="card card-auth">
        <h1>{t(locale, "acceptTitle")}</h1>
        {view.error && <Alert kind="error">{t(locale, view.error)}</Alert>}
        {token
          ? (
            <>
              <p class="lead">
                {offer
                  ? t(locale, offer.invitedByName ? "acceptOfferBy" : "acceptOffer", {
                    inviter: offer.invitedByName ?? "",
                    org: offer.organizationName,
                    role: t(locale, `role_${offer.role as "admin" | "recruiter" | "viewer"}`),
                  })
                  : t(locale, "acceptLead")}
              </p>
              {offer && <p>{t(locale, "acceptSentTo", { email: offer.email })}</p>}
              <p>{t(locale, "acceptSignedInAs", { email: state.me?.email ?? "" })}</p>
              <form method="post" action="/invitations/accept" class="form">
                <input type="hidden" name="token" value={token} />
                <button type="submit" class="button button-primary button-block">
                  {t(locale, "acceptSubmit")}
                </button>
              </form>
              <p class="card-footer muted">{t(locale, "acceptOtherAccount")}</p>
            </>
          )
          : !view.error && <p>{t(locale, "acceptMissingToken")}</p>}
      </section>
    </Layout>,
    view.status,
  );
}

/** Accepting a colleague's invitation: sign up or sign in first, then click to join. */
export const invitationPages = new Hono<AppEnv>()
  .get("/invitations/accept", async (c) => {
    const state = await pageState(c);
    const parsed = AcceptInvitationSchema.safeParse({ token: c.req.query("token") ?? "" });
    if (!parsed.success) return renderAccept(c, state, null, { status: 404 });
    const offer = await getOrgInvitationOffer(c.get("deps"), parsed.data.token);
    if (!offer) return renderAccept(c, state, null, { error: "errorInvitationInvalid", status: 404 });
    if (!state.claims) {
      // The invited address is filled in: signing up with another one would be refused anyway.
      return renderSignUp(c, state, {
        invitationToken: parsed.data.token,
        invitation: offer,
        values: { email: offer.email, fullName: "", organizationName: "" },
      });
    }
    return renderAccept(c, state, parsed.data.token, { offer });
  })
  .post("/invitations/accept", async (c) => {
    const state = await pageState(c);
    const parsed = AcceptInvitationSchema.safeParse({ token: (await readForm(c)).token ?? "" });
    if (!parsed.success) {
      return renderAccept(c, state, null, { error: "errorInvitationInvalid", status: 404 });
    }
    if (!state.claims) return signInRedirect(c, acceptPath(parsed.data.token));
    const claims = state.claims;
    const result = await attempt(
      () => acceptOrgInvitation(c.get("deps"), claims, parsed.data.token),
      ["notFound", "forbidden"],
    );
    if (!result.ok) {
      const error = result.error.code === "forbidden"
        ? "errorInvitationOtherEmail"
        : "errorInvitationInvalid";
      return renderAccept(c, state, null, { error, status: statusOf(result.error) });
    }
    return c.redirect("/dashboard?done=joined", 303);
  });
