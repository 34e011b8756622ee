import type { Locale } from "../../api/contract/auth.ts";

const TIME_ZONE = "Europe/Paris";

function intlLocale(locale: Locale): string {
  return locale === "fr" ? "fr-FR" : "en-GB";
}

/** "24 novembre 2026" / "24 November 2026". */
export function formatDate(locale: Locale, value: string | Date): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: TIME_ZONE })
    .format(new Date(value));
}

/** "24 nov. 2026, 14:05" / "24 Nov 2026, 14:05". */
export function formatDateTime(locale: Locale, value: string | Date): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}
