import { SignUpSchema } from "../../api/contract/auth.ts";
import type { MessageKey } from "../i18n/t.ts";

/** The sign-up fields a person types (the token and locale are hidden fields). */
export const SIGN_UP_FIELDS = ["email", "password", "fullName", "organizationName"] as const;
export type SignUpField = typeof SIGN_UP_FIELDS[number];
export type SignUpValues = Record<SignUpField, string>;
export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** A zod issue, or an `{ path, message }` issue from an API error's details. */
export type IssueLike = { path: readonly PropertyKey[] | string; message: string; code?: string };

// Messages the contract schemas carry as i18n keys; any other zod message is replaced per field.
const SCHEMA_KEYS = new Set<string>([
  "passwordTooShort",
  "passwordTooLong",
  "passwordTooWeak",
  "organizationNameRequired",
  "controlCharacters",
]);

/** The message key to show for one validation issue, chosen by field when the schema gives none. */
export function issueMessageKey(issue: IssueLike): MessageKey {
  if (SCHEMA_KEYS.has(issue.message)) return issue.message as MessageKey;
  const field = typeof issue.path === "string" ? issue.path.split(".")[0] : String(issue.path[0] ?? "");
  if (issue.code === "too_big") return "valueTooLong";
  switch (field) {
    case "email":
      return "emailInvalid";
    case "password":
      return "passwordRequired";
    case "fullName":
      return "fullNameRequired";
    case "organizationName":
      return "organizationNameRequired";
    default:
      return "invalidValue";
  }
}

/** The first issue of each field, as message keys. */
export function fieldErrors<F extends string>(issues: readonly IssueLike[]): FieldErrors<F> {
  const out: Partial<Record<string, MessageKey>> = {};
  for (const issue of issues) {
    const field = typeof issue.path === "string" ? issue.path.split(".")[0] : String(issue.path[0] ?? "");
    out[field] ??= issueMessageKey(issue);
  }
  return out as FieldErrors<F>;
}

// A valid sign-up, so each field can be checked alone against the whole schema (refinements included).
const BASELINE = { email: "name@example.com", password: "0123456789", fullName: "x", organizationName: "x" };
const BASELINE_TOKEN = "x".repeat(20);

/**
 * Validates the sign-up form with SignUpSchema one field at a time: zod skips the "organization or
 * invitation" rule while any other field is invalid, and a form should show every problem at once.
 */
export function validateSignUp(values: SignUpValues, hasInvitation: boolean): FieldErrors<SignUpField> {
  const errors: FieldErrors<SignUpField> = {};
  for (const field of SIGN_UP_FIELDS) {
    if (field === "organizationName" && hasInvitation) continue;
    const input = {
      ...BASELINE,
      ...(hasInvitation ? { organizationName: undefined, invitationToken: BASELINE_TOKEN } : {}),
      [field]: field === "organizationName" && values[field].trim() === "" ? undefined : values[field],
    };
    const result = SignUpSchema.safeParse(input);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    if (issue) errors[field] = issueMessageKey(issue);
  }
  return errors;
}
