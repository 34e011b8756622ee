import assert from "node:assert/strict";
import {
  CsvEncodingError,
  decodeText,
  escapeFormula,
  normalizeHeader,
  parseCsv,
  toCsv,
  unescapeFormula,
} from "./csv.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1252 bytes for Latin-1 text (every character here is below U+0100). */
function latin1(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
}

Deno.test("decodeText() reads UTF-8 with or without a BOM", () => {
  assert.deepEqual(decodeText(utf8("\uFEFFnom;courriel\nHélène;h@x.fr")), {
    text: "nom;courriel\nHélène;h@x.fr",
    encoding: "utf-8",
  });
  assert.equal(decodeText(utf8("Zoë")).text, "Zoë");
});

Deno.test("decodeText() reads UTF-16 with a BOM (Excel's Unicode text)", () => {
  const body = "nom\tcourriel\nÉloïse\te@x.fr";
  const le = new Uint8Array(2 + body.length * 2);
  le.set([0xff, 0xfe]);
  [...body].forEach((ch, i) => new DataView(le.buffer).setUint16(2 + i * 2, ch.charCodeAt(0), true));
  assert.deepEqual(decodeText(le), { text: body, encoding: "utf-16" });
});

Deno.test("decodeText() accepts Windows-1252 French text from Excel", () => {
  const bytes = latin1("nom;courriel\nHélène Dupré;helene@x.fr\nFrançois Crémieux;f@x.fr");
  const result = decodeText(bytes);
  assert.equal(result.encoding, "windows-1252");
  assert.match(result.text, /Hélène Dupré/);
  assert.match(result.text, /François Crémieux/);
  // 0x92 is the typographic apostrophe in 1252 (d’Artagnan), 0x9C is œ (Cœur).
  assert.equal(
    decodeText(Uint8Array.from([0x64, 0x92, 0x41, 0x20, 0x43, 0x9c, 0x75, 0x72])).text,
    "d’A Cœur",
  );
});

Deno.test("decodeText() refuses bytes it cannot decode with certainty", () => {
  // "Иван Петров" in Windows-1251: decodes as 1252 letters, but in runs no Western text has.
  const cyrillic = Uint8Array.from([0xc8, 0xe2, 0xe0, 0xed, 0x20, 0xcf, 0xe5, 0xf2, 0xf0, 0xee, 0xe2]);
  assert.throws(() => decodeText(cyrillic), CsvEncodingError);
  assert.throws(() => decodeText(Uint8Array.from([0x61, 0x81, 0x62])), CsvEncodingError, "undefined in 1252");
  assert.throws(
    () => decodeText(Uint8Array.from([0x61, 0x00, 0x62])),
    CsvEncodingError,
    "NUL: UTF-16 without BOM",
  );
  assert.throws(() => decodeText(latin1("prix ×2")), CsvEncodingError, "× is not a letter");
});

Deno.test("normalizeHeader() ignores case, accents, spaces and punctuation", () => {
  assert.equal(normalizeHeader(" Téléphone "), "telephone");
  assert.equal(normalizeHeader("E-Mail"), "email");
  assert.equal(normalizeHeader("Full_Name"), "fullname");
});

Deno.test("parseCsv() detects commas, semicolons and tabs and keeps quoted separators", () => {
  const comma = parseCsv('name,email\n"Dupont, Jean",j@x.fr');
  assert.deepEqual(comma, [["name", "email"], ["Dupont, Jean", "j@x.fr"]]);
  const semicolon = parseCsv("nom;courriel\r\nMarie;m@x.fr");
  assert.deepEqual(semicolon, [["nom", "courriel"], ["Marie", "m@x.fr"]]);
  assert.deepEqual(parseCsv("nom\tcourriel\nLéa\tl@x.fr"), [["nom", "courriel"], ["Léa", "l@x.fr"]]);
});

Deno.test("parseCsv() keeps blank lines so rows keep their spreadsheet numbers", () => {
  assert.deepEqual(parseCsv("a;b\n\nx;y\n"), [["a", "b"], [""], ["x", "y"], [""]]);
  assert.deepEqual(parseCsv('a,b\n"two\nlines",y\nz,w'), [["a", "b"], ["two\nlines", "y"], ["z", "w"]]);
});

Deno.test("escapeFormula() neutralises cells a spreadsheet would run, unescapeFormula() restores them", () => {
  const formulas = [
    "=1+1",
    "@SUM(A1)",
    "\tx",
    "+A1",
    "-A1",
    "+cmd|' /C calc'!A0",
    "-1+cmd|' /C calc'!A0",
    "+1+1",
    "-2*3",
    "+SUM(1)",
    "+",
  ];
  for (const cell of formulas) {
    assert.equal(escapeFormula(cell), `'${cell}`, cell);
    assert.equal(unescapeFormula(escapeFormula(cell)), cell);
  }
  // Phone numbers and signed amounts: nothing a spreadsheet can call, so no apostrophe to show.
  for (
    const cell of ["+33 6 12 34 56 78", "+33 (0)1 23.45.67.89", "+1 212-555-0100", "-2", "-12.5", "Jean"]
  ) {
    assert.equal(escapeFormula(cell), cell, cell);
    assert.equal(unescapeFormula(cell), cell);
  }
  assert.equal(unescapeFormula("'Jean"), "'Jean", "an apostrophe before plain text is data");
});

Deno.test("toCsv() writes a BOM, CRLF, quoted separators and escaped formulas", () => {
  const csv = toCsv(["a", "b"], [["=cmd|' /C calc'!A0", "x;y"]], ";");
  assert.equal(csv, "\uFEFFa;b\r\n'=cmd|' /C calc'!A0;\"x;y\"\r\n");
});
