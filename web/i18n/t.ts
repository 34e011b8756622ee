import { fr } from "./fr.ts";
import { en } from "./en.ts";
import type { Locale } from "../../api/contract/auth.ts";
import { formatMessage } from "../../api/contract/message.ts";

export type { Locale };
export type MessageKey = keyof typeof fr;
/** The shape every language must fill: exactly the keys of the French dictionary. */
export type Messages = { [K in MessageKey]: string };

const DICTIONARIES: Record<Locale, Messages> = { fr, en };

/** The message naming each language, in whatever language the page is in. */
export const LANGUAGE_NAME: Record<Locale, MessageKey> = { fr: "languageFr", en: "languageEn" };

/** The message naming each language inside a sentence ("en français", "in French"). */
export const LANGUAGE_IN_SENTENCE: Record<Locale, MessageKey> = {
  fr: "languageFrInSentence",
  en: "languageEnInSentence",
};

/** The text for `key` in `locale`, its placeholders filled from `vars` (see formatMessage). */
export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = DICTIONARIES[locale][key];
  return vars ? formatMessage(locale, text, vars) : text;
}

/** The texts for `keys` in one language, to hand to an island as plain JSON props. */
export function pickMessages<K extends MessageKey>(locale: Locale, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, DICTIONARIES[locale][k]])) as Record<K, string>;
}
