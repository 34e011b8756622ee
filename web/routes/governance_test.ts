import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp } from "../../api/testing/app.ts";
import { seedEvaluatedInterview } from "../../api/testing/reports.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

const MISTRAL = {
  AI_PROVIDER: "openai-compatible",
  AI_BASE_URL: "https://api.mistral.ai/v1",
  AI_API_KEY: "test-key",
  AI_MODEL: "mistral-large-latest",
};

Deno.test("the AI transparency page names the configured providers, in French and in English", async () => {
  try {
    const { app } = await createTestApp("pglite", MISTRAL);
    const owner = await signedInUser(app);
    const fr = await textOf(await page(app, `/ai-transparency/${owner.orgId}?lang=fr`));
    assert.match(fr, /Utilisation de l'IA — Org of/);
    assert.match(fr, /Génération des questions/);
    assert.match(fr, /openai-compatible — mistral-large-latest/);
    assert.match(fr, /question_generation\.v2/, "the prompt version");
    assert.match(fr, /Union européenne/);
    assert.match(fr, /Une personne décide/);
    assert.match(fr, /Aucune émotion n'est déduite/);
    assert.match(fr, /ne servent à entraîner aucun modèle/);
    assert.match(fr, new RegExp(`écrivez à ${owner.email}`));
    assert.doesNotMatch(fr, /test-key/, "never a key");

    const en = await textOf(await page(app, `/ai-transparency/${owner.orgId}?lang=en`));
    assert.match(en, /How AI is used/);
    assert.match(en, /Question generation/);
    assert.match(en, /openai-compatible — mistral-large-latest/);
    assert.match(en, /No emotion is inferred/);
    assert.match(en, /never feed any score/);

    const offline = await createTestApp("pglite");
    const other = await signedInUser(offline.app);
    const plain = await textOf(await page(offline.app, `/ai-transparency/${other.orgId}?lang=fr`));
    assert.match(plain, /Méthode automatique sur le serveur de l'organisation/);

    assert.equal((await page(app, `/ai-transparency/${crypto.randomUUID()}`)).status, 404);
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("the room's notice links to the transparency page of the interview's organization", async () => {
  try {
    const { app, deps } = await createTestApp("pglite");
    const owner = await signedInUser(app);
    const { interviewId } = await seedEvaluatedInterview(deps.db, {
      orgId: owner.orgId,
      createdBy: owner.id,
      candidateName: "Inès Blanc",
      language: "en",
      answers: [],
    });
    const res = await page(app, `/ai-transparency/interview/${interviewId}`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/ai-transparency/${owner.orgId}?lang=en`);
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("owners set retention in the settings page and see what goes next", async () => {
  try {
    const { app, deps } = await createTestApp("pglite");
    const owner = await signedInUser(app);
    const settings = `/organizations/${owner.orgId}/settings`;
    await seedEvaluatedInterview(deps.db, {
      orgId: owner.orgId,
      createdBy: owner.id,
      candidateName: "Hugo Lambert",
      answers: [],
    });
    const refused = await page(app, `${settings}/retention`, {
      cookie: owner.cookie,
      form: { retentionDays: "30", audioRetentionDays: "60" },
    });
    assert.equal(refused.status, 422);
    assert.match(await textOf(refused), /ne peuvent pas être gardés plus longtemps/);
    const saved = await page(app, `${settings}/retention`, {
      cookie: owner.cookie,
      form: { retentionDays: "400", audioRetentionDays: "15" },
    });
    assert.equal(saved.status, 303);
    const html = await textOf(await page(app, `${settings}?done=saved`, { cookie: owner.cookie }));
    assert.match(html, /Durées de conservation enregistrées/);
    assert.match(html, /value="400"/);
    assert.match(html, /value="15"/);
    assert.match(html, /730 jours pour les données, 30 jours pour l'audio/, "the jurisdiction's defaults");
    assert.match(html, /Entretien Hugo Lambert/, "what goes next");
  } finally {
    await closeTestDatabases();
  }
});

Deno.test("the audit trail page lists report reads and exports CSV; the record of processing warns of a non-EU provider", async () => {
  try {
    const { app, deps } = await createTestApp("pglite", {
      AI_PROVIDER: "anthropic",
      ANTHROPIC_API_KEY: "sk-ant-t",
    });
    const owner = await signedInUser(app);
    const { interviewId } = await seedEvaluatedInterview(deps.db, {
      orgId: owner.orgId,
      createdBy: owner.id,
      candidateName: "Zoé Marchand",
      answers: [],
    });
    const base = `/organizations/${owner.orgId}`;
    const report = await textOf(
      await page(app, `${base}/interviews/${interviewId}/report`, { cookie: owner.cookie }),
    );
    assert.match(report, /Journal de l'IA/);
    const audit = await textOf(
      await page(app, `${base}/audit?action=report.viewed`, { cookie: owner.cookie }),
    );
    assert.match(audit, /report\.viewed/);
    assert.match(audit, new RegExp(`interview ${interviewId}`));
    const csv = await page(app, `${base}/audit.csv?action=report.viewed`, { cookie: owner.cookie });
    assert.match(csv.headers.get("content-type")!, /text\/csv/);
    assert.match(
      await csv.text(),
      new RegExp(`${owner.email},[^\\r]*report\\.viewed,interview,${interviewId}`),
    );

    const record = await textOf(await page(app, `${base}/processing-record`, { cookie: owner.cookie }));
    assert.match(record, /Transfert hors de l'Union européenne : api\.anthropic\.com/);
    assert.match(record, /730 jours après le dernier contact/);
  } finally {
    await closeTestDatabases();
  }
});
