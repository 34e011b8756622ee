import * as z from "zod";
import { SingleLineText } from "./text.ts";
import { EmailSchema, LocaleSchema } from "./auth.ts";
import { CvFlagsSchema } from "./cv_flags.ts";

export const CandidateParamSchema = z.object({ orgId: z.uuid(), candidateId: z.uuid() });

const FullNameSchema = SingleLineText({ max: 200 });
const PhoneSchema = SingleLineText({ min: 0, max: 40 });

export const CreateCandidateSchema = z.strictObject({
  fullName: FullNameSchema,
  email: EmailSchema,
  phone: PhoneSchema.optional(),
});
export type CreateCandidateInput = z.infer<typeof CreateCandidateSchema>;

/** `phone: null` (or an empty string) clears the phone number. */
export const UpdateCandidateSchema = z.strictObject({
  fullName: FullNameSchema.optional(),
  email: EmailSchema.optional(),
  phone: PhoneSchema.nullable().optional(),
});
export type UpdateCandidateInput = z.infer<typeof UpdateCandidateSchema>;

export const ListCandidatesQuerySchema = z.strictObject({
  /** Part of the name or e-mail address, case-insensitive. */
  q: SingleLineText({ min: 0, max: 200 }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * Comma by default; semicolon is what French Excel expects when it opens a CSV with a double click.
 * Without `lang`: machine-readable columns (EXPORT_COLUMNS, true/false, ISO dates); with it, the columns,
 * yes/no and dates a person reads in that language (the interface's export link sends its language).
 */
export const ExportCandidatesQuerySchema = z.strictObject({
  separator: z.enum(["comma", "semicolon"]).default("comma"),
  lang: LocaleSchema.optional(),
});

/**
 * Whether the CV's text could be read: `none` = no CV yet, `noText` = a PDF without a text layer
 * (usually a scan), `extracted` = text available in `cvText`.
 */
export const CV_TEXT_STATUSES = ["none", "extracted", "noText"] as const;
export type CvTextStatus = typeof CV_TEXT_STATUSES[number];

export const CandidateSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  hasCv: z.boolean(),
  cvTextStatus: z.enum(CV_TEXT_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Candidate = z.infer<typeof CandidateSchema>;
export const CandidateListSchema = z.object({ items: z.array(CandidateSchema) });

export const CandidateDetailSchema = CandidateSchema.extend({
  cvFilename: z.string().nullable(),
  cvText: z.string().nullable(),
  /** Passages taken out of `cvText` at upload as attempts to steer the AI (api/ai/cv_guard.ts). */
  cvFlags: CvFlagsSchema,
});
export type CandidateDetail = z.infer<typeof CandidateDetailSchema>;

/** What a CV upload returns; `message` explains a `noText` status to the recruiter. */
export const CvUploadResultSchema = CandidateDetailSchema.extend({
  cvPages: z.number().int(),
  message: z.string().optional(),
});
export type CvUploadResult = z.infer<typeof CvUploadResultSchema>;

/** Why one row of a CSV import was not imported (the web translates these codes). */
export const IMPORT_REFUSAL_REASONS = [
  "missingName",
  "invalidName",
  "invalidEmail",
  "invalidPhone",
  "duplicateInFile",
  "alreadyExists",
] as const;
export type ImportRefusalReason = typeof IMPORT_REFUSAL_REASONS[number];

/** `row` is the spreadsheet row number: the header is row 1, the first candidate row 2. */
export const ImportReportSchema = z.object({
  imported: z.number().int(),
  refused: z.array(
    z.object({ row: z.number().int(), email: z.string().optional(), reason: z.enum(IMPORT_REFUSAL_REASONS) }),
  ),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** Accepted CSV headers per field, compared without case, accents, spaces or punctuation. */
export const IMPORT_COLUMNS = {
  fullName: ["full_name", "name", "nom", "nom complet"],
  email: ["email", "e-mail", "courriel", "mail"],
  phone: ["phone", "telephone", "téléphone", "tel"],
} as const;

export const EXPORT_COLUMNS = ["full_name", "email", "phone", "has_cv", "created_at"] as const;
