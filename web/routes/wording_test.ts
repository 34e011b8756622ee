import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { call } from "../../api/testing/http.ts";
import { createInterview, insertCandidate } from "../../api/testing/interviews.ts";
import { fr } from "../i18n/fr.ts";
import { en } from "../i18n/en.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

/** "vous vous inscrivez" is French grammar, not a slip. */
const ALLOWED_PAIRS = new Set(["vous vous", "nous nous"]);

/** A word's stem for comparison: "Envoyé" and "envoyée", "Sent" and "sent" are the same word twice. */
function stem(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/(?<=\p{L}{2})(es|e|s)$/u, "");
}

/**
 * The same word twice in one run of text ("Envoyé envoyée le", "Sent sent on": only white space between
 * them), and every "(s)" plural.
 */
function wordingSlips(text: string): string[] {
  const slips: string[] = [];
  const at = text.indexOf("(s)");
  if (at >= 0) slips.push(`"(s)" in: ${text.slice(Math.max(0, at - 40), at + 3)}`);
  for (const [, first, second] of text.matchAll(/(?=(?<![\p{L}\p{N}])([\p{L}\p{N}]+)\s+([\p{L}\p{N}]+))/gu)) {
    const pair = `${first} ${second}`.toLowerCase();
    if (stem(first) === stem(second) && !ALLOWED_PAIRS.has(pair)) {
      slips.push(`doubled word: "${first} ${second}"`);
    }
  }
  return slips;
}

/** A message as a reader meets it: values as a mark that is not a word, plurals in their "other" form. */
function sample(message: string): string {
  return message.replace(/\{\w+\|[^|}]*\|([^|}]*)\}/g, "$1").replace(/\{[\w:]+\}/g, "§");
}

/** Elements that are inline in a sentence; any other tag separates runs of text. */
const INLINE = /^<\/?(a|span|strong|em|b|i|code|time|abbr|small)\b/;

/** What a reader sees of a page: runs of text, one per block, without markup, scripts or island props. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, " ")
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, (tag) => INLINE.test(tag) ? "" : " | ")
    .replace(/&nbsp;|\u00a0/g, " ")
    .replace(/\s+/g, " ");
}

Deno.test("the dictionaries write no '(s)' and no word twice", () => {
  for (const [name, dict] of [["fr", fr], ["en", en]] as const) {
    const slips = Object.entries(dict).flatMap(([key, text]) =>
      wordingSlips(sample(text)).map((s) => `${name}.${key}: ${s}`)
    );
    assert.deepEqual(slips, []);
  }
});

Deno.test("the recruiter pages agree plurals, elide 'de', and name languages in lower case (fr, en)", async (t) => {
  const { app, deps } = await createTestApp("pglite");
  try {
    const user = await signedInUser(app); // organization "Org of …": a vowel, so "d'Org of …"
    const candidateId = await insertCandidate(deps.db, user.orgId, { fullName: "Émilie Martin" });
    const interview = await createInterview(app, user, { candidateId, invitationExpiryDays: 1 });
    const base = `/api/organizations/${user.orgId}/interviews/${interview.id}`;
    const added = await call(app, "POST", `${base}/questions`, {
      token: user.token,
      json: { text: "Parlez-moi d'une migration délicate." },
    });
    assert.equal(added.status, 201);
    const path = `/organizations/${user.orgId}/interviews/${interview.id}`;
    assert.equal((await page(app, `${path}/invite`, { form: {}, cookie: user.cookie })).status, 303);
    const pages = [
      "/dashboard",
      path,
      `/organizations/${user.orgId}/interviews/new`,
      `/organizations/${user.orgId}/candidates`,
      `/organizations/${user.orgId}/candidates/${candidateId}`,
      `/organizations/${user.orgId}/members`,
    ];
    const read = async (p: string) => {
      const res = await page(app, p, { cookie: user.cookie });
      assert.equal(res.status, 200, p);
      return visibleText(await textOf(res));
    };

    await t.step("in French", async () => {
      for (const p of pages) assert.deepEqual(wordingSlips(await read(p)), [], p);
      const dashboard = await read("/dashboard");
      assert.match(dashboard, / 1 entretien /);
      const interviewPage = await read(path);
      assert.match(interviewPage, /par e-mail, en français\./);
      assert.match(interviewPage, /Validité du lien[ |]+1 jour /);
      assert.doesNotMatch(interviewPage, /\((jours|secondes)\)[ |]+\d/, "no unit said twice");
      assert.match(interviewPage, /1 question prévue, adaptée/);
      assert.match(interviewPage, /Envoyé Invitation du /);
      assert.match(await read(`/organizations/${user.orgId}/candidates`), /Les candidats d'Org of /);
    });

    await t.step("in English", async () => {
      const switched = await page(app, "/lang", {
        form: { lang: "en", back: "/dashboard" },
        cookie: user.cookie,
      });
      assert.equal(switched.status, 303);
      for (const p of pages) assert.deepEqual(wordingSlips(await read(p)), [], p);
      assert.match(await read("/dashboard"), / 1 interview /);
      const interviewPage = await read(path);
      assert.match(interviewPage, /by e-mail, in French\./);
      assert.match(interviewPage, /Link valid for[ |]+1 day /);
      assert.doesNotMatch(interviewPage, /\((days|seconds)\)[ |]+\d/, "no unit said twice");
      assert.match(interviewPage, /Sent Invitation dated /);
    });
  } finally {
    await closeTestDatabases();
  }
});
