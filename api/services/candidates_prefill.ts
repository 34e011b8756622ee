import * as z from "zod";
import type { Deps } from "../app_env.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import { log } from "../lib/log.ts";
import { requireWriter } from "./access.ts";
import { readCv, safeFilename, uploadCv } from "./candidates.ts";
import { guessContact } from "./candidates_cv_name.ts";

/**
 * "Add a candidate from their CV": the CV is read and kept aside (not yet anyone's) while the recruiter
 * checks the form it prefilled; adding the candidate attaches it. Kept in the blob store under the
 * organization, named by a random id the page carries; what was read beside it as JSON.
 */
const PendingSchema = z.object({ filename: z.string(), fullName: z.string(), email: z.string() });
export type PendingCv = z.infer<typeof PendingSchema> & { id: string };

function paths(orgId: string, id: string) {
  const base = `${orgId}/cv-pending/${id}`;
  return { pdf: `${base}.pdf`, json: `${base}.json` };
}

/** Reads a CV for prefilling and keeps it aside; returns its id and what was found (maybe nothing). */
export async function setAsideCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; bytes: Uint8Array; filename: string },
): Promise<PendingCv> {
  await withClaims(deps.db, claims, (tx) => requireWriter(tx, input.orgId, "add a candidate"));
  const { text } = await readCv(deps, input.bytes);
  const id = crypto.randomUUID();
  const pending = { filename: safeFilename(input.filename), ...guessContact(text) };
  const { pdf, json } = paths(input.orgId, id);
  await deps.storage.put(pdf, input.bytes, "application/pdf");
  await deps.storage.put(json, new TextEncoder().encode(JSON.stringify(pending)), "application/json");
  return { id, ...pending };
}

/** A CV set aside in this organization, or null (unknown id, already attached). Writers only. */
export async function getPendingCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; id: string },
): Promise<PendingCv | null> {
  await withClaims(deps.db, claims, (tx) => requireWriter(tx, input.orgId, "add a candidate"));
  const file = await deps.storage.get(paths(input.orgId, input.id).json);
  if (!file) return null;
  const parsed = PendingSchema.safeParse(JSON.parse(await new Response(file.body).text()));
  return parsed.success ? { id: input.id, ...parsed.data } : null;
}

/** Attaches a CV set aside to the candidate just added (uploadCv's rules), then forgets it. */
export async function attachPendingCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; candidateId: string; pendingId: string },
): Promise<boolean> {
  const pending = await getPendingCv(deps, claims, { orgId: input.orgId, id: input.pendingId });
  const { pdf } = paths(input.orgId, input.pendingId);
  const file = pending && await deps.storage.get(pdf);
  if (!pending || !file) return false;
  const bytes = new Uint8Array(await new Response(file.body).arrayBuffer());
  await uploadCv(deps, claims, { ...input, bytes, filename: pending.filename });
  await forget(deps, input.orgId, input.pendingId);
  return true;
}

/** The recruiter chose not to use the CV set aside: it is deleted (it is personal data). Writers only. */
export async function discardPendingCv(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; id: string },
): Promise<void> {
  await withClaims(deps.db, claims, (tx) => requireWriter(tx, input.orgId, "add a candidate"));
  await forget(deps, input.orgId, input.id);
}

async function forget(deps: Deps, orgId: string, id: string): Promise<void> {
  for (const path of Object.values(paths(orgId, id))) {
    await deps.storage.delete(path).catch((e) => log.warn("pending CV left behind", { error: String(e) }));
  }
}
