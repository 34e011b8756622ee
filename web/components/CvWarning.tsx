import type { Locale } from "../../api/contract/auth.ts";
import type { CvFlag } from "../../api/contract/cv_flags.ts";
import type { MessageKey } from "../i18n/t.ts";
import { t } from "../i18n/t.ts";

const REASONS: Record<CvFlag["reason"], MessageKey> = {
  instructions: "cvFlagInstructions",
  rolePrefix: "cvFlagRolePrefix",
  scoreDemand: "cvFlagScoreDemand",
  addressedToAi: "cvFlagAddressedToAi",
  hiddenText: "cvFlagHiddenText",
};
const HIDDEN: Record<NonNullable<CvFlag["hidden"]>, MessageKey> = {
  white: "cvHiddenWhite",
  tiny: "cvHiddenTiny",
  invisible: "cvHiddenInvisible",
};

/**
 * The warning on a candidate's page when their CV held text written to steer the AI (see
 * api/ai/cv_guard.ts): what was found, quoted, and that it was taken out of what the AI reads. Said in
 * words (a heading and labels), not by colour alone.
 */
export function CvWarning({ locale, flags }: { locale: Locale; flags: CvFlag[] }) {
  if (flags.length === 0) return null;
  const count = new Intl.PluralRules(locale).select(flags.length) === "one"
    ? t(locale, "cvWarningCountOne")
    : t(locale, "cvWarningCountOther", { count: flags.length });
  return (
    <section class="alert alert-error cv-warning" aria-labelledby="cv-warning-title" data-cv-warning>
      <h2 id="cv-warning-title">{t(locale, "cvWarningTitle")}</h2>
      <p>{t(locale, "cvWarningLead", { count })}</p>
      <ul>
        {flags.map((flag) => (
          <li>
            <strong>{t(locale, REASONS[flag.reason])}</strong>
            {flag.hidden && <>{" "}({t(locale, HIDDEN[flag.hidden])})</>}
            {locale === "fr" ? " : " : ": "}
            <q>{flag.passage}</q>
          </li>
        ))}
      </ul>
    </section>
  );
}
