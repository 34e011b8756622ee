import * as z from "zod";

/**
 * Characters no user text may hold: PostgreSQL refuses NUL in text (a 500 before this check), and the
 * other controls end up in e-mail headers, logs and CSV exports where they change meaning (CR/LF start a
 * new header line). Multi-line text keeps tab, line feed and carriage return.
 */
// deno-lint-ignore no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// deno-lint-ignore no-control-regex
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A UTF-16 surrogate half without its pair: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The message of the zod issue a control character produces (also an i18n key on the pages). */
export const CONTROL_CHARACTERS = "controlCharacters";

export function hasForbiddenCharacters(value: string, opts: { multiLine?: boolean } = {}): boolean {
  return (opts.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value) ||
    LONE_SURROGATE.test(value);
}

/** Removes what hasForbiddenCharacters refuses (line breaks become spaces): for rows stored before the check. */
export function stripForbiddenCharacters(value: string, opts: { multiLine?: boolean } = {}): string {
  const controls = opts.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  let out = "";
  for (const ch of value.replace(new RegExp(LONE_SURROGATE.source, "g"), "")) {
    if (!controls.test(ch)) out += ch;
    else if (!opts.multiLine && /[\r\n\u2028\u2029\t]/.test(ch)) out += " ";
  }
  return out;
}

/** A trimmed one-line text (names, titles, search terms) of `min`..`max` characters. */
export function SingleLineText(opts: { min?: number; max: number }) {
  return z.string()
    .refine((v) => !hasForbiddenCharacters(v), { message: CONTROL_CHARACTERS })
    .trim()
    .min(opts.min ?? 1)
    .max(opts.max);
}

/** A trimmed text that may span lines (descriptions, questions) of `min`..`max` characters. */
export function MultiLineText(opts: { min?: number; max: number }) {
  return z.string()
    .refine((v) => !hasForbiddenCharacters(v, { multiLine: true }), { message: CONTROL_CHARACTERS })
    .trim()
    .min(opts.min ?? 1)
    .max(opts.max);
}
