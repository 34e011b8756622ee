import { type CreateInterviewInput, CreateInterviewSchema } from "../../api/contract/interviews.ts";
import type { MessageKey } from "../i18n/t.ts";
import type { FieldErrors } from "./form_errors.ts";

/** The interview form's fields, in the order the form shows them. */
export const INTERVIEW_FIELDS = [
  "title",
  "jobTitle",
  "jobDescription",
  "experienceLevel",
  "mode",
  "language",
  "timePerQuestionSeconds",
  "questionCount",
  "invitationExpiryDays",
  "candidateId",
  "thinkingSeconds",
  "retakesAllowed",
  "graceSeconds",
  "followUpsPerQuestion",
] as const;
export type InterviewField = typeof INTERVIEW_FIELDS[number];
/** What the form holds: every field as typed (strings), so a failed post re-renders it unchanged. */
export type InterviewFormValues = Record<InterviewField, string>;

const NUMBER_FIELDS = new Set<InterviewField>([
  "timePerQuestionSeconds",
  "questionCount",
  "invitationExpiryDays",
  "thinkingSeconds",
  "retakesAllowed",
  "graceSeconds",
  "followUpsPerQuestion",
]);

const MESSAGES: Partial<Record<InterviewField, MessageKey>> = {
  title: "interviewTitleRequired",
  jobTitle: "jobTitleRequired",
  jobDescription: "jobDescriptionRequired",
  timePerQuestionSeconds: "timePerQuestionRange",
  questionCount: "questionCountRange",
  invitationExpiryDays: "expiryDaysRange",
  thinkingSeconds: "thinkingSecondsRange",
  retakesAllowed: "retakesAllowedRange",
  graceSeconds: "graceSecondsRange",
  followUpsPerQuestion: "followUpsPerQuestionRange",
};

/** The posted form's fields (missing ones empty). */
export function interviewFormValues(form: Record<string, string>): InterviewFormValues {
  return Object.fromEntries(INTERVIEW_FIELDS.map((f) => [f, form[f] ?? ""])) as InterviewFormValues;
}

/**
 * Checks the form with the API's CreateInterviewSchema: numbers are converted, an empty candidate is
 * "no candidate", and each invalid field gets a message key saying what is expected.
 */
export function parseInterviewForm(
  values: InterviewFormValues,
): { ok: true; data: CreateInterviewInput } | { ok: false; errors: FieldErrors<InterviewField> } {
  const input: Record<string, unknown> = {};
  for (const field of INTERVIEW_FIELDS) {
    const raw = values[field].trim();
    if (field === "candidateId") input[field] = raw === "" ? null : raw;
    else if (NUMBER_FIELDS.has(field)) input[field] = raw === "" ? undefined : Number(raw);
    else input[field] = values[field];
  }
  const parsed = CreateInterviewSchema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors<InterviewField> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]) as InterviewField;
    const tooLong = issue.code === "too_big" && !NUMBER_FIELDS.has(field);
    errors[field] ??= tooLong
      ? (field === "jobDescription" ? "jobDescriptionTooLong" : "valueTooLong")
      : MESSAGES[field] ?? "invalidValue";
  }
  return { ok: false, errors };
}
