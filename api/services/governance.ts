import type { Deps } from "../app_env.ts";
import type { AiSystem, ProcessingRecord } from "../contract/governance.ts";
import { RETENTION_DEFAULTS, type RetentionOverview } from "../contract/retention.ts";
import { asService, type Claims, withClaims } from "../db/tx.ts";
import {
  type PublicOrganization,
  selectInterviewOrganization,
  selectPublicOrganization,
} from "../db/transparency.ts";
import { selectOrganization } from "../db/organizations.ts";
import { selectRetentionDue, selectRetentionRuns } from "../db/retention.ts";
import { AppError } from "../lib/errors.ts";
import { requireAuditReader } from "./audit_trail.ts";
import { configuredAiSystems, configuredRecipients } from "./ai_systems.ts";

/** What the retention settings page shows: the settings, what goes next, what the last sweeps erased. */
export async function getRetentionOverview(
  deps: Deps,
  claims: Claims,
  orgId: string,
): Promise<RetentionOverview> {
  return await withClaims(deps.db, claims, async (tx) => {
    await requireAuditReader(tx, orgId);
    const org = (await selectOrganization(tx, orgId))!;
    return {
      retentionDays: org.retentionDays,
      audioRetentionDays: org.audioRetentionDays,
      defaults: RETENTION_DEFAULTS[org.jurisdiction],
      next: await selectRetentionDue(tx, orgId, 20),
      recent: await selectRetentionRuns(tx, orgId, 20),
    };
  });
}

/**
 * The GDPR art. 30 record of processing, pre-filled from the organization's settings and this server's
 * configuration. Purposes and categories are stable codes the page words in the reader's language.
 */
export async function getProcessingRecord(
  deps: Deps,
  claims: Claims,
  orgId: string,
): Promise<ProcessingRecord> {
  const org = await withClaims(deps.db, claims, async (tx) => {
    await requireAuditReader(tx, orgId);
    return await selectOrganization(tx, orgId);
  });
  if (!org) throw new AppError("notFound", "Organization not found");
  const recipients = configuredRecipients(deps);
  return {
    controller: { name: org.name, jurisdiction: org.jurisdiction },
    purposes: ["recruitment_interviews", "ai_assistance", "human_decision", "candidate_feedback"],
    dataCategories: [
      "identity",
      "cv",
      "answers_audio",
      "answers_text",
      "evaluations",
      "decisions",
      "on_device_aggregates",
      "integrity_events",
      "consents",
    ],
    peopleCategories: ["candidates", "recruiters"],
    retention: { retentionDays: org.retentionDays, audioRetentionDays: org.audioRetentionDays },
    aiSystems: configuredAiSystems(deps),
    recipients,
    transfersOutsideEu: recipients.filter((r) => r.region === "non_eu"),
    unknownLocations: recipients.filter((r) => r.region === "unknown"),
    generatedAt: new Date().toISOString(),
  };
}

/** The public AI transparency page of an organization: its settings and this server's AI systems. */
export async function getAiTransparency(
  deps: Deps,
  orgId: string,
): Promise<{ org: PublicOrganization; systems: AiSystem[] }> {
  // service-role: a public page (candidates have no account yet) showing only published facts.
  const org = await asService(deps.db, (tx) => selectPublicOrganization(tx, orgId));
  if (!org) throw new AppError("notFound", "Organization not found");
  return { org, systems: configuredAiSystems(deps).filter((s) => s.task !== "cv_guard") };
}

/** Where the room's notice links: the transparency page of the interview's organization, in its language. */
export async function transparencyPathForInterview(deps: Deps, interviewId: string): Promise<string> {
  // service-role: as above; an interview id tells nothing more than the public page.
  const found = await asService(deps.db, (tx) => selectInterviewOrganization(tx, interviewId));
  if (!found) throw new AppError("notFound", "Interview not found");
  return `/ai-transparency/${found.orgId}?lang=${found.language}`;
}
