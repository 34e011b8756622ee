import type { Deps } from "../app_env.ts";
import type { Locale } from "../contract/auth.ts";
import type {
  CloseDataRequest,
  CreateDataRequest,
  DataRequest,
  DataRequestKind,
} from "../contract/data_requests.ts";
import { asService, type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/data_requests.ts";
import { insertAudit } from "../db/audit_log.ts";
import { hitRateLimit } from "../auth/rate_limit.ts";
import { randomToken, sha256Hex } from "../lib/crypto.ts";
import { AppError } from "../lib/errors.ts";
import { dataRequestConfirmationEmail, requestNotificationTitle } from "../mail/rights.ts";
import { requireRightsHandler } from "./access.ts";
import { deleteCandidate } from "./candidates.ts";
import { exportCandidate } from "./candidate_export.ts";

/** How long the confirmation link works. */
const LINK_HOURS = 24;
// Enough for a person who mistypes or asks for several things; far too few to probe addresses.
const REQUESTS_PER_IP_PER_HOUR = 10;
const REQUESTS_PER_ADDRESS_PER_HOUR = 3;

/**
 * A request from the public page: rate-limited per client address and per e-mail address; when the address
 * is one of the organization's candidates, an unverified request is recorded and its one-time link is
 * mailed to that address. The answer is the same either way (the page never tells whether an address is
 * known), and an unverified request does nothing.
 */
export async function submitDataRequest(
  deps: Deps,
  input: { orgId: string; ip: string; request: CreateDataRequest },
): Promise<{ received: true }> {
  const { orgId, request } = input;
  await hitRateLimit(deps.db, `rights:ip:${input.ip}`, REQUESTS_PER_IP_PER_HOUR, 3600);
  await hitRateLimit(deps.db, `rights:email:${request.email}`, REQUESTS_PER_ADDRESS_PER_HOUR, 3600);
  // service-role: the requester is not signed in (the e-mailed link is what proves the address).
  await asService(deps.db, async (tx) => {
    const org = await db.selectRightsOrganization(tx, orgId);
    if (!org) throw new AppError("notFound", "Organization not found");
    const candidateId = await db.selectCandidateIdByEmail(tx, orgId, request.email);
    if (!candidateId) return;
    const token = randomToken();
    await db.insertDataRequest(tx, {
      orgId,
      candidateId,
      kind: request.kind,
      email: request.email,
      language: request.language,
      message: request.message || null,
      tokenHash: await sha256Hex(token),
      expiresAt: new Date(Date.now() + LINK_HOURS * 3600_000),
    });
    const mail = dataRequestConfirmationEmail(request.language, {
      orgName: org.name,
      kind: request.kind,
      link: `${deps.config.publicUrl}/rights/confirm/${token}`,
      expiresHours: LINK_HOURS,
    });
    await deps.mailer.send(
      { to: request.email, ...mail, kind: "data_request_confirmation", organizationId: orgId },
      { tx },
    );
  });
  return { received: true };
}

/**
 * Opens a request's one-time link: the request now exists for the organization, due one month from
 * now. Withdrawing consent takes effect at once (consents marked withdrawn, queued AI work on the
 * person's interviews dropped); every kind notifies the owners and admins.
 */
export async function confirmDataRequest(
  deps: Deps,
  token: string,
): Promise<{ kind: DataRequestKind; orgId: string }> {
  // service-role: the requester is not signed in; the token is the proof.
  return await asService(deps.db, async (tx) => {
    const request = await db.verifyDataRequest(tx, await sha256Hex(token));
    if (!request) {
      throw new AppError("notFound", "Cannot confirm the request: the link has expired or was already used", {
        reason: "linkInvalid",
      });
    }
    const org = (await db.selectRightsOrganization(tx, request.orgId))!;
    let droppedJobs = 0;
    if (request.kind === "withdraw_consent" && request.candidateId) {
      droppedJobs = await db.withdrawConsents(tx, request.orgId, request.candidateId);
    }
    await db.insertRequestNotifications(tx, request.orgId, {
      ...request,
      title: requestNotificationTitle(org.locale as Locale, request.kind),
    });
    await insertAudit(tx, {
      orgId: request.orgId,
      action: "data_request.verified",
      targetType: "data_request",
      targetId: request.id,
      details: { kind: request.kind, ...(droppedJobs ? { droppedJobs } : {}) },
    });
    return { kind: request.kind, orgId: request.orgId };
  });
}

/** The organization's verified requests with their deadlines (owners and admins). */
export async function listDataRequests(deps: Deps, claims: Claims, orgId: string): Promise<DataRequest[]> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireRightsHandler(tx, orgId, "see rights requests");
    return await db.selectDataRequests(tx, orgId);
  });
}

type RequestRef = { orgId: string; requestId: string };

async function openRequest(
  deps: Deps,
  claims: Claims,
  ref: RequestRef,
  action: string,
): Promise<DataRequest> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireRightsHandler(tx, ref.orgId, action);
    const request = await db.selectDataRequest(tx, ref.orgId, ref.requestId);
    if (!request) throw new AppError("notFound", "Request not found");
    return request;
  });
}

/** Marks a request answered (what was done) or refused (why), once. */
export async function closeDataRequest(
  deps: Deps,
  claims: Claims,
  input: RequestRef & CloseDataRequest,
): Promise<DataRequest> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireRightsHandler(tx, input.orgId, "answer a rights request");
    const closed = await db.closeDataRequest(tx, input.orgId, input.requestId, {
      status: input.status,
      response: input.response || null,
    });
    if (!closed) {
      const exists = await db.selectDataRequest(tx, input.orgId, input.requestId);
      if (!exists) throw new AppError("notFound", "Request not found");
      throw new AppError("conflict", "Cannot answer the request: it is already closed", {
        reason: "requestClosed",
      });
    }
    await insertAudit(tx, {
      orgId: input.orgId,
      action: `data_request.${input.status}`,
      targetType: "data_request",
      targetId: input.requestId,
    });
    return (await db.selectDataRequest(tx, input.orgId, input.requestId))!;
  });
}

/** The archive answering a request (any kind: a copy helps answer each of them). */
export async function exportForRequest(deps: Deps, claims: Claims, ref: RequestRef) {
  const request = await openRequest(deps, claims, ref, "export a candidate's data");
  if (!request.candidateId) {
    throw new AppError("conflict", "Cannot export: the person has been erased", { reason: "personErased" });
  }
  return await exportCandidate(deps, claims, { ...ref, candidateId: request.candidateId });
}

/** Executes an erasure request: the person goes (deleteCandidate), the request is marked completed. */
export async function executeErasure(deps: Deps, claims: Claims, ref: RequestRef): Promise<DataRequest> {
  const request = await openRequest(deps, claims, ref, "erase a candidate");
  if (request.kind !== "erasure" || request.status !== "open") {
    throw new AppError("conflict", "Cannot erase: the request is not an open erasure request", {
      reason: request.status === "open" ? "notErasureRequest" : "requestClosed",
    });
  }
  if (request.candidateId) {
    await deleteCandidate(deps, claims, {
      ...ref,
      candidateId: request.candidateId,
      requestId: ref.requestId,
    });
  }
  return await closeDataRequest(deps, claims, { ...ref, status: "completed" });
}

/** The organization a public request page is about; 404 for an unknown one. */
export async function getRightsOrganization(
  deps: Deps,
  orgId: string,
): Promise<{ name: string; locale: Locale }> {
  // service-role: the public page is read by people who are not signed in; it shows the name only.
  const org = await asService(deps.db, (tx) => db.selectRightsOrganization(tx, orgId));
  if (!org) throw new AppError("notFound", "Organization not found");
  return { name: org.name, locale: org.locale as Locale };
}

/** Where the candidate's room links to: the rights page of the interview's organization, in its language. */
export async function rightsPageOfInterview(deps: Deps, interviewId: string): Promise<string> {
  // service-role: the link is shown on the thank-you page, after the candidate's session may be over.
  const found = await asService(deps.db, (tx) => db.selectInterviewRights(tx, interviewId));
  if (!found) throw new AppError("notFound", "Interview not found");
  return `/rights/${found.orgId}?lang=${found.language}`;
}

/** What a confirmation link is about while it can still be used; null once used or expired. */
export async function viewConfirmationLink(
  deps: Deps,
  token: string,
): Promise<{ orgName: string; language: Locale; kind: DataRequestKind } | null> {
  // service-role: the requester is not signed in; the token is the proof.
  const found = await asService(deps.db, async (tx) => db.selectPendingRequest(tx, await sha256Hex(token)));
  return found ? { ...found, language: found.language as Locale } : null;
}

/** Open requests for a person to review the interview's decision (RLS: only owners and admins see any). */
export async function openHumanReviews(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string },
): Promise<{ id: string; verifiedAt: string; dueAt: string; message: string | null }[]> {
  return await withClaims(
    deps.db,
    claims,
    (tx) => db.selectHumanReviewRequests(tx, ref.orgId, ref.interviewId),
  );
}
