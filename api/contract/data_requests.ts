import * as z from "zod";
import { EmailSchema, LocaleSchema } from "./auth.ts";

/** Copy of one's data (art. 15), erasure (art. 17), consent withdrawal (art. 7(3)), human review (art. 22(3)). */
export const DATA_REQUEST_KINDS = ["access", "erasure", "withdraw_consent", "human_review"] as const;
export const DataRequestKindSchema = z.enum(DATA_REQUEST_KINDS);
export type DataRequestKind = z.infer<typeof DataRequestKindSchema>;

export const DATA_REQUEST_STATUSES = ["open", "completed", "refused"] as const;

/** What the public request page sends (no account: the e-mailed link proves the address). */
export const CreateDataRequestSchema = z.strictObject({
  email: EmailSchema,
  kind: DataRequestKindSchema,
  message: z.string().trim().max(2000).optional(),
  language: LocaleSchema.default("fr"),
});
export type CreateDataRequest = z.infer<typeof CreateDataRequestSchema>;

export const ConfirmDataRequestSchema = z.strictObject({ token: z.string().min(20).max(200) });

export const DataRequestParamSchema = z.object({ orgId: z.uuid(), requestId: z.uuid() });

/** An owner's or admin's answer: done (with what was done) or refused (with why). */
export const CloseDataRequestSchema = z.strictObject({
  status: z.enum(["completed", "refused"]),
  response: z.string().trim().max(2000).optional(),
});
export type CloseDataRequest = z.infer<typeof CloseDataRequestSchema>;

export const DataRequestSchema = z.object({
  id: z.uuid(),
  kind: DataRequestKindSchema,
  status: z.enum(DATA_REQUEST_STATUSES),
  /** Null once the person has been erased. */
  candidateId: z.uuid().nullable(),
  candidateName: z.string().nullable(),
  email: z.string().nullable(),
  language: LocaleSchema,
  message: z.string().nullable(),
  response: z.string().nullable(),
  verifiedAt: z.string(),
  /** One month after verification (GDPR art. 12(3)). */
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  isOverdue: z.boolean(),
});
export type DataRequest = z.infer<typeof DataRequestSchema>;

/** The public page's answer, the same whether or not the address is known. */
export const DataRequestReceivedSchema = z.object({ received: z.literal(true) });
export const DataRequestConfirmedSchema = z.object({ kind: DataRequestKindSchema, orgId: z.uuid() });
