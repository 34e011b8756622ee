/**
 * Fills a message of the dictionaries (pages, islands, e-mails). Three kinds of placeholder:
 * - `{name}`: the value;
 * - `{name|one|other}`: the word that agrees with the number in `name`, chosen by Intl.PluralRules in
 *   the message's language ("1 entretien", "0 entretien", "2 entretiens"; "0 interviews" in English);
 * - `{de:name}`: French "de" before the value, elided before a vowel ("d'Acme RH", "de Beta").
 */
export function formatMessage(
  locale: string,
  text: string,
  vars: Record<string, string | number> = {},
): string {
  return text.replace(/\{(de:)?(\w+)(?:\|([^|}]*)\|([^|}]*))?\}/g, (whole, de, name: string, one, other) => {
    if (!(name in vars)) return whole;
    const value = vars[name];
    if (one !== undefined) return pluralForm(locale, Number(value)) === "one" ? one : other;
    return de ? ofName(String(value)) : String(value);
  });
}

/** "one" or "other" (the two forms French and English write; "many" — French millions — reads as other). */
export function pluralForm(locale: string, count: number): "one" | "other" {
  return new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
}

/** French "de X" with the elision before a vowel sound ("d'Acme", "d'Émilie"; "de Hachette" is kept). */
export function ofName(value: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(value.trim()) ? `d'${value.trim()}` : `de ${value.trim()}`;
}
