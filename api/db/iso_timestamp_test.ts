import assert from "node:assert/strict";
import fc from "fast-check";
import { isoTimestamp } from "./connect.ts";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";

/** PostgreSQL's text form of a UTC timestamp with `digits` fractional digits (0 to 6), as a column or in JSON. */
function pgText(date: Date, micros: number, digits: number, json: boolean): string {
  const iso = date.toISOString(); // 2026-11-29T18:47:06.123Z
  const fraction = `${iso.slice(20, 23)}${String(micros).padStart(3, "0")}`.slice(0, digits).replace(
    /0+$/,
    "",
  );
  return `${iso.slice(0, 10)}${json ? "T" : " "}${iso.slice(11, 19)}${fraction ? `.${fraction}` : ""}${
    json ? "+00:00" : "+00"
  }`;
}

// From the year 1000: Date reads a two-digit-looking year (0099) as 1999 in that form, the rewrite does not.
Deno.test("isoTimestamp gives what Date gives for every form PostgreSQL sends, and Date's answer for the rest", () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date("1000-01-01T00:00:00Z"),
        max: new Date("9999-12-31T23:59:59Z"),
        noInvalidDate: true,
      }),
      fc.integer({ min: 0, max: 999 }),
      fc.integer({ min: 0, max: 6 }),
      fc.boolean(),
      (date, micros, digits, json) => {
        const text = pgText(date, micros, digits, json);
        assert.equal(isoTimestamp(text), new Date(text).toISOString(), text);
      },
    ),
    { numRuns: 2000 },
  );
  for (const other of ["2026-11-29 19:47:06.5+01", "2026-11-29T18:47:06.123Z", "2026-11-29 18:47:06+05:30"]) {
    assert.equal(isoTimestamp(other), new Date(other).toISOString(), other);
  }
});

for (const target of testTargets()) {
  Deno.test(`[${target}] timestamps read from the database are ISO strings in UTC, as a column and inside JSON`, async () => {
    try {
      const { deps } = await createTestApp(target);
      const [row] = await deps.db.sql<{ at: string; inJson: { at: string }[] }[]>`
        select '2026-11-29 18:47:06.123456+00'::timestamptz as at,
               json_agg(json_build_object('at', '2026-11-29 18:47:06+00'::timestamptz)) as "inJson"`;
      assert.equal(row.at, "2026-11-29T18:47:06.123Z");
      assert.equal(isoTimestamp(row.inJson[0].at), "2026-11-29T18:47:06.000Z");
    } finally {
      await closeTestDatabases();
    }
  });
}
