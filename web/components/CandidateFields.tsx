import type * as z from "zod";
import type { Locale } from "../../api/contract/auth.ts";
import { t } from "../i18n/t.ts";
import type { MessageKey } from "../i18n/t.ts";
import type { FieldErrors } from "../lib/form_errors.ts";
import { Field } from "./ui.tsx";

export type CandidateField = "fullName" | "email" | "phone";
export type CandidateValues = Record<CandidateField, string>;
export const EMPTY_CANDIDATE: CandidateValues = { fullName: "", email: "", phone: "" };

/** The three fields of a posted candidate form, as typed (re-shown as is when refused). */
export function candidateValues(form: Record<string, string>): CandidateValues {
  return { fullName: form.fullName ?? "", email: form.email ?? "", phone: form.phone ?? "" };
}

function errorKey(field: string, code: string): MessageKey {
  if (field === "email") return "emailInvalid";
  if (field === "phone") return "phoneTooLong";
  return code === "too_big" ? "valueTooLong" : "candidateNameRequired";
}

/** One message per field, the first issue of each, for the form to show next to the field. */
export function candidateErrors(error: z.ZodError): FieldErrors<CandidateField> {
  const errors: FieldErrors<CandidateField> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]) as CandidateField;
    errors[field] ??= errorKey(field, issue.code);
  }
  return errors;
}

/** Name, e-mail and phone inputs (add and edit forms); `idPrefix` keeps ids unique on a page. */
export function CandidateFields(
  { locale, idPrefix, values, errors }: {
    locale: Locale;
    idPrefix: string;
    values: CandidateValues;
    errors: FieldErrors<CandidateField>;
  },
) {
  return (
    <>
      <Field
        id={`${idPrefix}-fullName`}
        name="fullName"
        label={t(locale, "fieldCandidateName")}
        value={values.fullName}
        autocomplete="off"
        error={errors.fullName && t(locale, errors.fullName)}
      />
      <Field
        id={`${idPrefix}-email`}
        name="email"
        type="email"
        label={t(locale, "fieldInviteEmail")}
        value={values.email}
        autocomplete="off"
        error={errors.email && t(locale, errors.email)}
      />
      <Field
        id={`${idPrefix}-phone`}
        name="phone"
        type="tel"
        label={t(locale, "fieldPhone")}
        value={values.phone}
        autocomplete="off"
        required={false}
        hint={t(locale, "fieldOptional")}
        error={errors.phone && t(locale, errors.phone)}
      />
    </>
  );
}
