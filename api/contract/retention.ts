import * as z from "zod";

export type Jurisdiction = "eu" | "non_eu";

/**
 * Retention defaults per jurisdiction, in days after the last contact: an interview's completion (or its
 * last change, for one never completed), a candidate's last change once no interview is left. EU: interview data at
 * most two years (CNIL, Guide du recrutement, January 2023: the file of a candidate not hired is kept at
 * most two years after the last contact, to offer other positions, unless they object); recordings 30 days,
 * since the transcript and the evaluation are what a person decides on.
 * Elsewhere no single rule applies: one year, recordings 90 days.
 */
export const RETENTION_DEFAULTS: Record<Jurisdiction, { retentionDays: number; audioRetentionDays: number }> =
  {
    eu: { retentionDays: 730, audioRetentionDays: 30 },
    non_eu: { retentionDays: 365, audioRetentionDays: 90 },
  };

/** An interview whose data the retention job will erase, with the dates it will do so. */
export const RetentionDueSchema = z.object({
  interviewId: z.uuid(),
  title: z.string(),
  /** Null for an interview never completed (a draft, a link never opened, an interview abandoned). */
  completedAt: z.iso.datetime().nullable(),
  /** What the dates count from: the completion, or the last change of an interview never completed. */
  lastContactAt: z.iso.datetime(),
  /** When its recordings go; null when none is left. */
  audioEraseAt: z.iso.datetime().nullable(),
  dataEraseAt: z.iso.datetime(),
});
export type RetentionDue = z.infer<typeof RetentionDueSchema>;

/** GET /api/organizations/:orgId/retention: the settings, what goes next, what the last runs erased. */
export const RetentionOverviewSchema = z.object({
  retentionDays: z.number().int(),
  audioRetentionDays: z.number().int(),
  defaults: z.object({ retentionDays: z.number().int(), audioRetentionDays: z.number().int() }),
  next: z.array(RetentionDueSchema),
  recent: z.array(z.object({
    action: z.enum(["retention.audio_erased", "retention.data_erased", "retention.candidate_erased"]),
    /** The interview erased (null for a candidate's file, erased once no interview was left). */
    interviewId: z.uuid().nullable(),
    files: z.number().int(),
    at: z.iso.datetime(),
  })),
});
export type RetentionOverview = z.infer<typeof RetentionOverviewSchema>;
