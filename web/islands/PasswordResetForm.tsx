import { useState } from "preact/hooks";
import type { Locale } from "../../api/contract/auth.ts";
import { PasswordSchema } from "../../api/contract/auth.ts";
import type { MessageKey } from "../i18n/t.ts";
import { issueMessageKey } from "../lib/form_errors.ts";
import { usePasswordVerdict, verdictReason } from "../lib/use_password_verdict.ts";

/** The texts this island shows, picked on the server in the page's language. */
export const PASSWORD_RESET_FORM_KEYS = [
  "fieldNewPassword",
  "fieldPasswordHint",
  "resetSubmit",
  "passwordTooShort",
  "passwordTooLong",
  "passwordTooWeak",
  "passwordRequired",
] as const satisfies readonly MessageKey[];
type FormKey = typeof PASSWORD_RESET_FORM_KEYS[number];

export type PasswordResetFormProps = {
  locale: Locale;
  token: string;
  /** Whose account it is: a password made of them is refused, as on the server. */
  userInputs: string[];
  /** The server's refusal of the last post, already worded (never the password itself). */
  error?: string;
  formError?: string;
  text: Record<FormKey, string>;
};

/**
 * The new-password form of a reset link. Works as a plain form; hydrated, it runs the server's strength
 * rule as the password is typed (the estimator loads then) and blocks a submit the server would refuse.
 */
export default function PasswordResetForm(props: PasswordResetFormProps) {
  const [password, setPassword] = useState("");
  const [typed, setTyped] = useState(false);
  const verdict = usePasswordVerdict(password, props.userInputs, props.locale);
  const parsed = PasswordSchema.safeParse(password);
  const key = !parsed.success
    ? issueMessageKey({ ...parsed.error.issues[0], path: ["password"] }) as FormKey
    : verdict && !verdict.ok
    ? "passwordTooWeak"
    : undefined;
  const error = typed
    ? key && [props.text[key], key === "passwordTooWeak" ? verdictReason(verdict) : undefined]
      .filter(Boolean).join(" ")
    : props.error;

  return (
    <form
      method="post"
      action="/reset-password"
      class="form"
      noValidate
      onSubmit={(e) => {
        setTyped(true);
        if (key) e.preventDefault();
      }}
    >
      {props.formError && <div class="alert alert-error" role="alert">{props.formError}</div>}
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="locale" value={props.locale} />
      <div class={error ? "field field-invalid" : "field"}>
        <label for="reset-password">{props.text.fieldNewPassword}</label>
        <input
          id="reset-password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          value={password}
          aria-invalid={error ? "true" : undefined}
          aria-describedby="reset-password-msg"
          onInput={(e) => {
            setPassword((e.currentTarget as HTMLInputElement).value);
            setTyped(true);
          }}
        />
        <p id="reset-password-msg" class={error ? "field-error" : "field-hint"} aria-live="polite">
          {error ?? props.text.fieldPasswordHint}
        </p>
      </div>
      <button type="submit" class="button button-primary button-block">{props.text.resetSubmit}</button>
    </form>
  );
}
