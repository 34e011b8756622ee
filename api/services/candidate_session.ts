/**
 * The candidate's magic link. Looking at a link (GET, which mail scanners do) never uses it; opening it
 * (the "Start" button's POST) uses it once and gives a session scoped to its one interview.
 */
import type { Deps } from "../app_env.ts";
import type { RequestContext } from "../auth/provider.ts";
import { hitRateLimit } from "../auth/rate_limit.ts";
import { asService } from "../db/tx.ts";
import * as db from "../db/candidate_side.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { AppError } from "../lib/errors.ts";

export type LinkProblem = "invalid" | "used" | "expired" | "revoked";

export type LinkView =
  | {
    ok: true;
    orgName: string;
    jobTitle: string;
    language: "fr" | "en";
    questionCount: number;
    expectedMinutes: number;
  }
  | { ok: false; problem: LinkProblem; language: "fr" | "en" | null };

/** Single-use tokens are 43 URL-safe characters (256 bits); anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function problemOf(row: db.LinkRow): LinkProblem | null {
  if (row.revoked) return "revoked";
  if (row.opened || row.completed) return "used";
  if (row.expired) return "expired";
  return null;
}

async function findLink(deps: Deps, token: string): Promise<db.LinkRow | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const hash = await sha256Hex(token);
  // service-role: the visitor has no identity yet; the token is the credential, and what is read is what
  // the invitation e-mail already told its holder.
  return await asService(deps.db, (tx) => db.selectLinkByHash(tx, hash));
}

/** What the landing page shows; never uses the link. */
export async function viewLink(deps: Deps, token: string): Promise<LinkView> {
  const row = await findLink(deps, token);
  if (!row) return { ok: false, problem: "invalid", language: null };
  const problem = problemOf(row);
  if (problem) return { ok: false, problem, language: row.language };
  return {
    ok: true,
    orgName: row.orgName,
    jobTitle: row.jobTitle,
    language: row.language,
    questionCount: row.questionCount,
    // Answering time plus a minute per question to read and think, and the practice question.
    expectedMinutes: Math.ceil((row.questionCount * (row.timePerQuestionSeconds + 60)) / 60) + 2,
  };
}

const REASON: Record<LinkProblem, "linkInvalid" | "linkUsed" | "linkExpired" | "linkRevoked"> = {
  invalid: "linkInvalid",
  used: "linkUsed",
  expired: "linkExpired",
  revoked: "linkRevoked",
};

/**
 * Uses the link once: rate-limited per address (as sign-in), then the candidate's identity and a session
 * for this interview, then the link marked opened and the identity linked to the candidate row, in one
 * transaction that refuses a second use (two clicks at once: one session wins, the other gets "used").
 */
export async function openLink(
  deps: Deps,
  token: string,
  ctx: RequestContext,
): Promise<{ interviewId: string; accessToken: string; expiresAt: number; refreshToken?: string }> {
  await hitRateLimit(deps.db, `magiclink:ip:${ctx.ip}`, deps.config.rateLimitSignInPer15Min, 900);
  const row = await findLink(deps, token);
  const problem = row ? problemOf(row) : "invalid";
  if (!row || problem) {
    throw new AppError("notFound", "This interview link cannot be used", {
      reason: REASON[problem ?? "invalid"],
    });
  }
  const session = await deps.auth.candidateSession(
    { candidateId: row.candidateId, interviewId: row.interviewId },
    ctx,
  );
  // service-role: the candidate row belongs to the organization; the consumed token proves who is linked.
  const used = await asService(deps.db, async (tx) => {
    if (!(await db.consumeLink(tx, row.id))) return false;
    await db.linkCandidateUser(tx, row.candidateId, session.userId);
    return true;
  });
  if (!used) throw new AppError("notFound", "This interview link was already used", { reason: "linkUsed" });
  const { accessToken, expiresAt, refreshToken } = session;
  return { interviewId: row.interviewId, accessToken, expiresAt, ...(refreshToken ? { refreshToken } : {}) };
}
