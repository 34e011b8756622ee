import { useEffect, useState } from "preact/hooks";
import type { Locale } from "../../api/contract/auth.ts";
import type { PasswordVerdict } from "../../api/contract/password_strength.ts";

/**
 * The strength estimator with its dictionaries weighs several hundred kilobytes: it is a chunk of its
 * own, fetched the first time the person types a password, never part of a page's first load.
 */
let estimator: Promise<typeof import("../../api/contract/password_strength.ts")> | undefined;
function loadEstimator() {
  estimator ??= import("../../api/contract/password_strength.ts");
  return estimator;
}

/**
 * The server's password rule (zxcvbn score ≥ 3 against the dictionaries and the person's own details),
 * run in the browser as the password is typed; null while nothing is typed or the estimator is loading.
 */
export function usePasswordVerdict(
  password: string,
  userInputs: string[],
  locale: Locale,
): PasswordVerdict | null {
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  const inputsKey = userInputs.join("\n");
  useEffect(() => {
    if (!password) return setVerdict(null);
    let current = true;
    loadEstimator().then(({ checkPasswordStrength }) => {
      if (current) setVerdict(checkPasswordStrength(password, userInputs, locale));
    });
    return () => {
      current = false;
    };
  }, [password, inputsKey, locale]);
  return verdict;
}

/** What to show under a password zxcvbn finds weak: its warning, else its first suggestion. */
export function verdictReason(verdict: PasswordVerdict | null): string | undefined {
  return verdict ? (verdict.warning ?? verdict.suggestions[0]) : undefined;
}
