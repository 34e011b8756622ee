import * as z from "zod";

export type Jurisdiction = "eu" | "non_eu";

/**
 * Retention defaults per jurisdiction, in days after the interview was completed. EU: interview data at
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
  completedAt: z.iso.datetime(),
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
    action: z.enum(["retention.audio_erased", "retention.data_erased"]),
    interviewId: z.uuid().nullable(),
    files: z.number().int(),
    at: z.iso.datetime(),
  })),
});
export type RetentionOverview = z.infer<typeof RetentionOverviewSchema>;
