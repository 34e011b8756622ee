import { type AnyApp, call } from "./http.ts";
import type { TestUser } from "./factories.ts";
import type { Database } from "../db/connect.ts";
import { asService } from "../db/tx.ts";

export const BACKEND_JD_FR =
  `Nous recrutons un·e développeur·se backend senior pour notre plateforme de paiement.
Vous concevrez des API REST en TypeScript sur Node.js, avec PostgreSQL et Redis, déployées sur Kubernetes.
Compétences attendues : TypeScript, PostgreSQL, Kubernetes, tests automatisés, revue de code, mentorat.`;

/** Creates an interview through the API (French backend job by default). */
export async function createInterview(
  app: AnyApp,
  user: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [k: string]: unknown }> {
  const res = await call(app, "POST", `/api/organizations/${user.orgId}/interviews`, {
    token: user.token,
    json: {
      title: "Backend senior — paiements",
      jobTitle: "Développeur backend senior",
      jobDescription: BACKEND_JD_FR,
      experienceLevel: "senior",
      questionCount: 5,
      ...overrides,
    },
  });
  if (res.status !== 201) {
    throw new Error(`create interview failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** A candidate row in the user's organization (inserted directly: candidates have their own API tests). */
export async function insertCandidate(
  db: Database,
  orgId: string,
  opts: { email?: string; fullName?: string; cvText?: string } = {},
): Promise<string> {
  const [row] = await asService(db, (tx) =>
    tx<{ id: string }[]>`
      insert into public.candidates (organization_id, full_name, email, cv_text)
      values (${orgId}, ${opts.fullName ?? "Léa Dubois"},
              ${opts.email ?? `cand-${crypto.randomUUID().slice(0, 8)}@example.test`}, ${opts.cvText ?? null})
      returning id`);
  return row.id;
}
