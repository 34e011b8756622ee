import type { Locale } from "../../api/contract/auth.ts";
import { t } from "../i18n/t.ts";

/** Whether a candidate's CV has been received (candidates list, interview page). */
export function CvBadge({ locale, hasCv }: { locale: Locale; hasCv: boolean }) {
  return (
    <span class={hasCv ? "badge badge-success" : "badge"}>
      {t(locale, hasCv ? "candidatesHasCv" : "candidatesNoCv")}
    </span>
  );
}
