import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ChangeRoleSchema, InviteMemberSchema, type Role, ROLES } from "../../api/contract/organizations.ts";
import * as orgs from "../../api/services/organizations.ts";
import { loadMembersPage } from "../../api/services/pages/members.ts";
import { canManageMembers } from "../../api/services/access.ts";
import { Layout } from "../components/Layout.tsx";
import { ConfirmPost } from "../components/ConfirmDialog.tsx";
import { Alert, PageHeader, PostButton } from "../components/ui.tsx";
import { formatDate } from "../components/format.ts";
import { fieldErrors } from "../lib/form_errors.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import { attempt, html, type OrgEnv, readForm, statusOf, uuidParam } from "../lib/page.tsx";

type View = {
  error?: MessageKey;
  invite?: { email: string; role: string; error?: MessageKey };
  status?: ContentfulStatusCode;
};

const NOTICES: Record<string, MessageKey> = {
  invited: "noticeInvited",
  roleChanged: "noticeRoleChanged",
  removed: "noticeRemoved",
  revoked: "noticeRevoked",
};
const INVITABLE = ["admin", "recruiter", "viewer"] as const;

/** The members page: everyone sees the list; owners and admins also invite, change roles and remove. */
async function renderMembers(c: Context<OrgEnv>, view: View = {}): Promise<Response> {
  const { locale, claims } = c.var.page;
  const orgId = c.var.org.id;
  const myRole = c.var.org.role;
  const canManage = canManageMembers(myRole);
  const deps = c.get("deps");
  const { org, members, pendingInvitations: pending } = await loadMembersPage(deps, claims, {
    orgId,
    canManage,
  });
  const assignable: readonly Role[] = myRole === "owner" ? ROLES : INVITABLE;
  const notice = NOTICES[c.req.query("done") ?? ""];
  const base = `/organizations/${orgId}`;
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "membersTitle", { org: org.name })}
      currentPath={`${base}/members`}
      orgId={orgId}
      isSignedIn
    >
      <PageHeader
        title={t(locale, "membersHeading")}
        lead={t(locale, "membersLead", { org: org.name })}
        back={{ href: "/dashboard", label: t(locale, "membersBack") }}
      />
      {canManage && (
        <p>
          <a href={`${base}/settings`}>{t(locale, "settingsLink")}</a>
          {" · "}
          <a href={`${base}/settings/webhooks`}>{t(locale, "membersWebhooksLink")}</a>
        </p>
      )}
      {notice && <Alert kind="success">{t(locale, notice)}</Alert>}
      {view.error && <Alert kind="error">{t(locale, view.error)}</Alert>}
      <div class="panel">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t(locale, "membersColName")}</th>
              <th scope="col">{t(locale, "membersColEmail")}</th>
              <th scope="col">{t(locale, "membersColRole")}</th>
              {canManage && <th scope="col" class="col-actions">{t(locale, "membersColActions")}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const isMe = m.userId === claims.sub;
              const editable = canManage && !isMe && (myRole === "owner" || m.role !== "owner");
              return (
                <tr key={m.userId}>
                  <td>
                    <span class="member-name">{m.fullName || m.email}</span>
                    {isMe && <span class="muted">{` (${t(locale, "membersYou")})`}</span>}
                  </td>
                  <td class="muted">{m.email}</td>
                  <td>
                    <span class={`badge badge-${m.role}`}>{t(locale, `role_${m.role}`)}</span>
                  </td>
                  {canManage && (
                    <td class="col-actions">
                      {editable && (
                        <div class="row-actions">
                          <form method="post" action={`${base}/members/${m.userId}/role`} class="inline-form">
                            <select
                              name="role"
                              aria-label={t(locale, "membersChangeRoleFor", { name: m.fullName || m.email })}
                            >
                              {assignable.map((r) => (
                                <option value={r} selected={r === m.role} key={r}>
                                  {t(locale, `role_${r}`)}
                                </option>
                              ))}
                            </select>
                            <button type="submit" class="button button-secondary button-small">
                              {t(locale, "membersChangeRole")}
                            </button>
                          </form>
                          <ConfirmPost
                            id={`remove-${m.userId}`}
                            action={`${base}/members/${m.userId}/remove`}
                            buttonLabel={t(locale, "membersRemove")}
                            buttonClass="button button-danger button-small"
                            title={t(locale, "membersConfirmRemoveTitle", { name: m.fullName || m.email })}
                            confirmLabel={t(locale, "membersRemove")}
                            cancelLabel={t(locale, "confirmCancel")}
                          >
                            {t(locale, "membersConfirmRemoveText", {
                              name: m.fullName || m.email,
                              org: org.name,
                            })}
                          </ConfirmPost>
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canManage && (
        <div class="grid-2">
          <section class="panel panel-padded" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(locale, "membersInviteTitle")}</h2>
            <p class="muted">{t(locale, "membersInviteLead", { days: deps.config.orgInvitationTtlDays })}</p>
            <form method="post" action={`${base}/invitations`} class="form" noValidate>
              {view.invite?.error && <Alert kind="error">{t(locale, view.invite.error)}</Alert>}
              <div class="field">
                <label for="invite-email">{t(locale, "fieldInviteEmail")}</label>
                <input
                  id="invite-email"
                  name="email"
                  type="email"
                  required
                  autocomplete="off"
                  value={view.invite?.email ?? ""}
                />
              </div>
              <div class="field">
                <label for="invite-role">{t(locale, "fieldInviteRole")}</label>
                <select id="invite-role" name="role">
                  {INVITABLE.map((r) => (
                    <option value={r} selected={r === (view.invite?.role ?? "recruiter")} key={r}>
                      {t(locale, `role_${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button button-primary">{t(locale, "membersInviteSubmit")}</button>
            </form>
          </section>
          <section class="panel panel-padded" aria-labelledby="pending-title">
            <h2 id="pending-title">{t(locale, "membersPendingTitle")}</h2>
            {pending.length === 0
              ? <p class="muted">{t(locale, "membersPendingEmpty")}</p>
              : (
                <ul class="invite-list">
                  {pending.map((inv) => (
                    <li key={inv.id}>
                      <div>
                        <p class="member-name">{inv.email}</p>
                        <p class="muted small">
                          {t(locale, `role_${inv.role}`)} ·{" "}
                          {t(locale, "membersPendingExpires", { date: formatDate(locale, inv.expiresAt) })}
                        </p>
                      </div>
                      <PostButton
                        action={`${base}/invitations/${inv.id}/revoke`}
                        buttonClass="button button-secondary button-small"
                      >
                        {t(locale, "membersRevoke")}
                      </PostButton>
                    </li>
                  ))}
                </ul>
              )}
          </section>
        </div>
      )}
    </Layout>,
    view.status,
  );
}

function errorKey(code: string): MessageKey {
  return code === "conflict"
    ? "errorAlreadyMember"
    : code === "forbidden"
    ? "errorForbidden"
    : "errorGeneric";
}

/** The members page and its forms (invite, change role, remove, revoke); each form redirects back. */
export const memberPages = new Hono<OrgEnv>()
  .get("/organizations/:orgId/members", (c) => renderMembers(c))
  .post("/organizations/:orgId/invitations", async (c) => {
    const orgId = c.var.org.id;
    const state = c.var.page;
    const form = await readForm(c);
    const invite = { email: form.email ?? "", role: form.role ?? "recruiter" };
    const parsed = InviteMemberSchema.safeParse(invite);
    if (!parsed.success) {
      const errors = fieldErrors<"email" | "role">(parsed.error.issues);
      return await renderMembers(c, {
        invite: { ...invite, error: errors.email ?? errors.role },
        status: 422,
      });
    }
    const result = await attempt(
      () => orgs.inviteMember(c.get("deps"), state.claims, { orgId, ...parsed.data }),
      ["conflict", "forbidden", "invalidInput"],
    );
    if (!result.ok) {
      return await renderMembers(c, {
        invite: { ...invite, error: errorKey(result.error.code) },
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${orgId}/members?done=invited`, 303);
  })
  .post("/organizations/:orgId/invitations/:invitationId/revoke", async (c) => {
    const orgId = c.var.org.id;
    const invitationId = uuidParam(c, "invitationId");
    const state = c.var.page;
    await orgs.revokeOrgInvitation(c.get("deps"), state.claims, { orgId, memberInvitationId: invitationId });
    return c.redirect(`/organizations/${orgId}/members?done=revoked`, 303);
  })
  .post("/organizations/:orgId/members/:userId/role", async (c) => {
    const orgId = c.var.org.id;
    const userId = uuidParam(c, "userId");
    const state = c.var.page;
    const parsed = ChangeRoleSchema.safeParse({ role: (await readForm(c)).role });
    if (!parsed.success) return await renderMembers(c, { error: "invalidValue", status: 422 });
    const result = await attempt(
      () => orgs.changeMemberRole(c.get("deps"), state.claims, { orgId, userId, role: parsed.data.role }),
      ["forbidden", "invalidInput"],
    );
    if (!result.ok) {
      return await renderMembers(c, {
        error: errorKey(result.error.code),
        status: statusOf(result.error),
      });
    }
    return c.redirect(`/organizations/${orgId}/members?done=roleChanged`, 303);
  })
  .post("/organizations/:orgId/members/:userId/remove", async (c) => {
    const orgId = c.var.org.id;
    const userId = uuidParam(c, "userId");
    const state = c.var.page;
    const result = await attempt(() => orgs.removeMember(c.get("deps"), state.claims, { orgId, userId }), [
      "forbidden",
    ]);
    if (!result.ok) {
      return await renderMembers(c, {
        error: errorKey(result.error.code),
        status: statusOf(result.error),
      });
    }
    if (userId === state.claims.sub) return c.redirect("/dashboard", 303);
    return c.redirect(`/organizations/${orgId}/members?done=removed`, 303);
  });
