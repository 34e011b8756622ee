/**
 * Events a recruiter can be told about (the SQL triggers of the notifications migration create them) and
 * how. Plain values, without zod, so that the header's bell (on every page) does not ship a validator.
 */
export const NOTIFICATION_KINDS = [
  "invitation.opened",
  "interview.started",
  "interview.completed",
  "interview.human_requested",
  "follow_up.asked",
  "questions.generated",
  "questions.failed",
  "transcription.done",
  "transcription.failed",
  "evaluation.done",
  "evaluation.failed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Events about the organization rather than an interview, told to its owners whatever their preferences
 * (the webhooks migration: an endpoint the server turned off).
 */
export const ORGANIZATION_NOTIFICATION_KINDS = ["webhook.disabled"] as const;

export const CHANNELS = ["off", "in_app", "email"] as const;
export type Channel = (typeof CHANNELS)[number];
