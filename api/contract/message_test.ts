import assert from "node:assert/strict";
import { formatMessage } from "./message.ts";

Deno.test("formatMessage fills values, agrees words with numbers and elides French 'de'", () => {
  const fr = "{count} {count|entretien|entretiens}";
  assert.equal(formatMessage("fr", fr, { count: 0 }), "0 entretien");
  assert.equal(formatMessage("fr", fr, { count: 1 }), "1 entretien");
  assert.equal(formatMessage("fr", fr, { count: 6 }), "6 entretiens");
  const en = "{count} {count|interview|interviews}";
  assert.equal(formatMessage("en", en, { count: 0 }), "0 interviews");
  assert.equal(formatMessage("en", en, { count: 1 }), "1 interview");
  assert.equal(formatMessage("fr", "Les candidats {de:org}", { org: "Acme RH" }), "Les candidats d'Acme RH");
  assert.equal(
    formatMessage("fr", "Les candidats {de:org}", { org: "Émeraude" }),
    "Les candidats d'Émeraude",
  );
  assert.equal(formatMessage("fr", "Les candidats {de:org}", { org: "Beta" }), "Les candidats de Beta");
  assert.equal(formatMessage("fr", "{missing} reste", {}), "{missing} reste");
});
