import { useState } from "preact/hooks";
import type { Locale } from "../../api/contract/auth.ts";
import type { MessageKey } from "../i18n/t.ts";
import {
  type FieldErrors,
  SIGN_UP_FIELDS,
  type SignUpField,
  type SignUpValues,
  validateSignUp,
} from "../lib/form_errors.ts";
import { usePasswordVerdict, verdictReason } from "../lib/use_password_verdict.ts";

/** The texts this island shows; the server picks them in the page's language and passes them as props. */
export const SIGN_UP_FORM_KEYS = [
  "fieldEmail",
  "fieldPassword",
  "fieldPasswordHint",
  "fieldFullName",
  "fieldOrganizationName",
  "fieldOrganizationNameHint",
  "signUpSubmit",
  "formHasErrors",
  "emailInvalid",
  "passwordTooShort",
  "passwordTooLong",
  "passwordTooWeak",
  "passwordRequired",
  "fullNameRequired",
  "organizationNameRequired",
  "valueTooLong",
  "invalidValue",
  "controlCharacters",
] as const satisfies readonly MessageKey[];
type FormKey = typeof SIGN_UP_FORM_KEYS[number];

export type SignUpFormProps = {
  locale: Locale;
  /** Set when signing up from a colleague's invitation: no organization name is asked. */
  invitationToken?: string;
  /** What the person typed before a failed post (never the password). */
  values: Omit<SignUpValues, "password">;
  /** Field errors from the server, as message keys. */
  errors: FieldErrors<SignUpField>;
  /** A message for the whole form (e.g. the address already has an account). */
  formError?: string;
  /** zxcvbn's explanation when the server refused the password as too weak. */
  passwordFeedback?: string;
  text: Record<FormKey, string>;
};

const AUTOCOMPLETE: Record<SignUpField, string> = {
  email: "email",
  password: "new-password",
  fullName: "name",
  organizationName: "organization",
};

/**
 * The sign-up form. Rendered on the server (works without JavaScript); once hydrated it validates each
 * field as it is typed with the same SignUpSchema the server uses, and blocks a submit that would fail.
 */
export default function SignUpForm(props: SignUpFormProps) {
  const hasInvitation = Boolean(props.invitationToken);
  const [values, setValues] = useState<SignUpValues>({ ...props.values, password: "" });
  // Fields the person has typed in (live messages) or left (e-mail waits for blur: half an address is normal).
  const [live, setLive] = useState<Partial<Record<SignUpField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const verdict = usePasswordVerdict(
    values.password,
    [values.email, values.fullName, values.organizationName],
    props.locale,
  );

  const clientErrors = validateSignUp(values, hasInvitation);
  // Same rule as the server: under score 3 the password is refused, with zxcvbn's reason.
  if (!clientErrors.password && verdict && !verdict.ok) clientErrors.password = "passwordTooWeak";
  const shown: FieldErrors<SignUpField> = {};
  for (const field of SIGN_UP_FIELDS) {
    shown[field] = live[field] || submitted ? clientErrors[field] : props.errors[field];
  }
  const fields = SIGN_UP_FIELDS.filter((f) => !(f === "organizationName" && hasInvitation));
  const hasShownErrors = fields.some((f) => shown[f]);

  function onInput(field: SignUpField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (field !== "email") setLive((l) => (l[field] ? l : { ...l, [field]: true }));
  }

  function onSubmit(event: Event) {
    setSubmitted(true);
    if (fields.some((f) => clientErrors[f])) {
      event.preventDefault();
      const first = fields.find((f) => clientErrors[f]);
      (document.getElementById(`signup-${first}`) as HTMLInputElement | null)?.focus();
    }
  }

  const message = (key: MessageKey | undefined) =>
    key && (props.text[key as FormKey] ?? props.text.invalidValue);

  return (
    <form method="post" action="/signup" class="form" noValidate onSubmit={onSubmit}>
      {(props.formError || (submitted && hasShownErrors)) && (
        <div class="alert alert-error" role="alert">{props.formError ?? props.text.formHasErrors}</div>
      )}
      <input type="hidden" name="locale" value={props.locale} />
      {hasInvitation && <input type="hidden" name="invitationToken" value={props.invitationToken} />}
      {fields.map((field) => {
        const id = `signup-${field}`;
        const feedback = field === "password"
          ? (live.password || submitted ? verdictReason(verdict) : props.passwordFeedback)
          : undefined;
        const error = message(shown[field]) && [message(shown[field]), feedback].filter(Boolean).join(" ");
        const hint = field === "password"
          ? props.text.fieldPasswordHint
          : field === "organizationName"
          ? props.text.fieldOrganizationNameHint
          : undefined;
        const label = {
          email: props.text.fieldEmail,
          password: props.text.fieldPassword,
          fullName: props.text.fieldFullName,
          organizationName: props.text.fieldOrganizationName,
        }[field];
        return (
          <div class={error ? "field field-invalid" : "field"} key={field}>
            <label for={id}>{label}</label>
            <input
              id={id}
              name={field}
              type={field === "email" ? "email" : field === "password" ? "password" : "text"}
              autocomplete={AUTOCOMPLETE[field]}
              required
              value={values[field]}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={`${id}-msg`}
              onInput={(e) => onInput(field, (e.currentTarget as HTMLInputElement).value)}
              onBlur={() => setLive((l) => (l[field] || !values[field] ? l : { ...l, [field]: true }))}
            />
            <p
              id={`${id}-msg`}
              class={error ? "field-error" : "field-hint"}
              aria-live="polite"
              data-field-message
            >
              {error ?? hint ?? ""}
            </p>
          </div>
        );
      })}
      <button type="submit" class="button button-primary button-block">{props.text.signUpSubmit}</button>
    </form>
  );
}
