import * as z from "zod";

/** Languages of the UI, e-mails and prompts; French is the default. */
export const LOCALES = ["fr", "en"] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const PasswordSchema = z.string().min(10, "passwordTooShort").max(200, "passwordTooLong");

/** Shared by the API and the sign-up island, so the browser validates exactly as the server does. */
/** A newcomer names their organization, unless they sign up through a colleague's invitation. */
export const SignUpSchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  fullName: z.string().trim().min(1).max(200),
  organizationName: z.string().trim().min(1).max(200).optional(),
  invitationToken: z.string().min(20).max(200).optional(),
  locale: LocaleSchema.default("fr"),
}).refine((v) => v.organizationName || v.invitationToken, {
  path: ["organizationName"],
  message: "organizationNameRequired",
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});
export type SignInInput = z.infer<typeof SignInSchema>;

export const RefreshSchema = z.strictObject({ refreshToken: z.string().min(20).max(200).optional() });

/** What sign-up, sign-in and refresh return to API clients (browsers get the same in cookies). */
export const SessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresAt: z.number().int(),
  user: z.object({ id: z.uuid(), email: z.string() }),
});
export type Session = z.infer<typeof SessionSchema>;

export const UpdateProfileSchema = z.strictObject({
  fullName: z.string().trim().min(1).max(200).optional(),
  locale: LocaleSchema.optional(),
});
