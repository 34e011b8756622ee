import * as z from "zod";
import { SingleLineText } from "./text.ts";

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
  fullName: SingleLineText({ max: 200 }),
  organizationName: SingleLineText({ max: 200 }).optional(),
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

/** A single-use token from an e-mailed link (base64url, as randomToken() makes them). */
const TokenSchema = z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/);

/** Confirms a pending sign-up with the token from its e-mail (a POST: mail scanners only GET links). */
export const ConfirmSignUpSchema = z.strictObject({ token: TokenSchema });

/** Asks for an e-mail (confirmation resend, password recovery); the answer is the same for any address. */
export const EmailRequestSchema = z.strictObject({ email: EmailSchema, locale: LocaleSchema.default("fr") });

export const ResetPasswordSchema = z.strictObject({
  token: TokenSchema,
  password: PasswordSchema,
  locale: LocaleSchema.default("fr"),
});

/** What sign-up answers when the address must be confirmed first (the same whether or not it has an account). */
export const SignUpPendingSchema = z.strictObject({ confirmationRequired: z.literal(true) });

/** A new account's session and the organization it owns or joined (sign-up without confirmation, confirm). */
export const SignedUpSchema = SessionSchema.extend({ organizationId: z.uuid() });

/** Sign-up: 201 with the session, or 202 "confirm your e-mail" when confirmation is on. */
export const SignUpResponseSchema = z.union([SignedUpSchema, SignUpPendingSchema]);

/** A password reset answers with the account's address, for the "sign in" link that follows. */
export const ResetPasswordResponseSchema = z.strictObject({ email: z.string() });

export const UpdateProfileSchema = z.strictObject({
  fullName: SingleLineText({ max: 200 }).optional(),
  locale: LocaleSchema.optional(),
});
