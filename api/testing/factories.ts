import { type AnyApp, call } from "./http.ts";

export type TestUser = {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  orgId: string;
};

/** A unique e-mail address for one test. */
export function randomEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 12)}@example.test`;
}

/** Signs up a new user through the API; they own a fresh organization (or join one with a token). */
export async function signUpUser(
  app: AnyApp,
  opts: { email?: string; invitationToken?: string; locale?: "fr" | "en"; headers?: Record<string, string> } =
    {},
): Promise<TestUser> {
  const email = opts.email ?? randomEmail();
  const password = `pw-${crypto.randomUUID()}`;
  const res = await call(app, "POST", "/api/auth/signup", {
    headers: opts.headers,
    json: {
      email,
      password,
      fullName: `Test ${email.split("@")[0]}`,
      ...(opts.invitationToken
        ? { invitationToken: opts.invitationToken }
        : { organizationName: `Org of ${email}` }),
      locale: opts.locale ?? "fr",
    },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id,
    email,
    password,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    orgId: res.body.organizationId,
  };
}

/** The token inside an invitation link found in an e-mail body. */
export function tokenFromEmail(text: string): string {
  const m = text.match(/[?&]token=([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`No invitation link in: ${text}`);
  return m[1];
}

/** Invites a new colleague into `owner`'s organization with `role` and signs them up through the link. */
export async function addColleague(
  app: AnyApp,
  mailer: { lastTo(to: string): { text: string } },
  owner: TestUser,
  role: "admin" | "recruiter" | "viewer",
): Promise<TestUser> {
  const email = randomEmail(role);
  const res = await call(app, "POST", `/api/organizations/${owner.orgId}/invitations`, {
    token: owner.token,
    json: { email, role },
  });
  if (res.status !== 201) throw new Error(`invitation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return await signUpUser(app, { email, invitationToken: tokenFromEmail(mailer.lastTo(email).text) });
}
