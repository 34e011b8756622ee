import type { Locale } from "../../api/contract/auth.ts";
import type { CvTextStatus } from "../../api/contract/candidates.ts";
import { type MessageKey, t } from "../i18n/t.ts";

const BADGE: Record<CvTextStatus, { className: string; key: MessageKey }> = {
  none: { className: "badge", key: "candidatesNoCv" },
  extracted: { className: "badge badge-success", key: "candidatesHasCv" },
  // Amber and in words: a scan is stored but cannot tailor questions (colour alone says nothing to some).
  noText: { className: "badge badge-warning", key: "candidatesScannedCv" },
};

/** Whether a candidate's CV has been received, and whether its text could be read (list, pages). */
export function CvBadge({ locale, status }: { locale: Locale; status: CvTextStatus }) {
  const badge = BADGE[status];
  return <span class={badge.className}>{t(locale, badge.key)}</span>;
}
