/**
 * The report's feedback letter drafted by the AI: the "Draft with AI" action queues the job, the page then
 * shows the model's draft in the form and who wrote it (FR/EN); a refused AI draft shows the template's
 * and says why; offline the panel is as it always was.
 */
import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { seedEvaluatedInterview } from "../../api/testing/reports.ts";
import { AI_LETTER, anthropicLetter, withLetterDrafter } from "../../api/testing/letter_ai.ts";
import { asService } from "../../api/db/tx.ts";
import type { Deps } from "../../api/app_env.ts";
import { runNextJob } from "../../api/jobs/worker.ts";
import { JOB_HANDLERS } from "../../api/jobs/handlers.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

const ANSWER = {
  question: "Comment testez-vous une API ?",
  transcript: "Tests de contrat et tests de charge.",
  scores: { accuracy: 8, clarity: 7, depth: 6 },
};

/** Runs the letter job queued for the interview. */
async function runDraftJob(deps: Deps, interviewId: string) {
  const [job] = await asService(deps.db, (tx) =>
    tx`select id from public.jobs
       where kind = 'draft_feedback_letter' and payload->>'interviewId' = ${interviewId}
       order by created_at desc limit 1`);
  assert.ok(job, "a draft job was queued");
  assert.ok(await runNextJob(deps, JOB_HANDLERS, "test", { id: job.id }));
}

for (const target of testTargets()) {
  Deno.test(`report page: the feedback letter drafted by the AI [${target}]`, async (t) => {
    const shared = await createTestApp(target);
    const owner = await signedInUser(shared.app);
    const seedDecided = async (language: "fr" | "en") => {
      const { interviewId } = await seedEvaluatedInterview(shared.deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: "Léa Dubois",
        language,
        answers: [ANSWER],
        summary: { overallScore: 7, recommendation: "advance", text: "…" },
      });
      const base = `/organizations/${owner.orgId}/interviews/${interviewId}`;
      const decided = await page(shared.app, `${base}/decision`, {
        cookie: owner.cookie,
        form: { outcome: "advance", reason: "Solide" },
      });
      assert.equal(decided.status, 303);
      return { interviewId, base };
    };

    await t.step("offline, the letter panel is unchanged: the template's draft, no AI action", async () => {
      const { base } = await seedDecided("fr");
      const html = await textOf(await page(shared.app, `${base}/report`, { cookie: owner.cookie }));
      assert.match(html, /<textarea id="letter-body"[^>]*>Bonjour Léa Dubois,/);
      assert.doesNotMatch(html, /Rédiger avec l'IA|Brouillon rédigé par/);
    });

    await t.step(
      "FR: 'Rédiger avec l'IA' queues the draft; the page then shows it and its model",
      async () => {
        const ai = withLetterDrafter(shared.deps, [anthropicLetter(AI_LETTER)]);
        const { interviewId, base } = await seedDecided("fr");
        const before = await textOf(await page(ai.app, `${base}/report`, { cookie: owner.cookie }));
        assert.match(before, /Brouillon rédigé par : modèle hors ligne\./);
        assert.match(
          before,
          new RegExp(`action="${base}/feedback-letter/ai-draft"[\\s\\S]*Rédiger avec l'IA`),
        );
        const asked = await page(ai.app, `${base}/feedback-letter/ai-draft`, {
          cookie: owner.cookie,
          form: {},
        });
        assert.equal(asked.status, 303);
        const waiting = await textOf(
          await page(ai.app, asked.headers.get("location")!, { cookie: owner.cookie }),
        );
        assert.match(waiting, /L'IA rédige le brouillon/);
        await runDraftJob(ai.deps, interviewId);
        const html = await textOf(await page(ai.app, `${base}/report`, { cookie: owner.cookie }));
        assert.match(html, /Brouillon rédigé par : claude-x\./);
        assert.match(
          html,
          /<textarea id="letter-body"[^>]*>Bonjour Léa Dubois,\n\nMerci pour le temps consacré/,
        );
        assert.match(html, /name="draftedBy" value="anthropic"/);
        const sent = await page(ai.app, `${base}/feedback-letter`, {
          cookie: owner.cookie,
          form: { subject: AI_LETTER.subject, body: `${AI_LETTER.body}\nRelu.`, draftedBy: "anthropic" },
        });
        assert.equal(sent.status, 303);
        const [letter] = await asService(
          shared.deps.db,
          (tx) => tx`select drafted_by from public.feedback_letters where interview_id = ${interviewId}`,
        );
        assert.equal(letter.drafted_by, "anthropic");
      },
    );

    await t.step("a refused AI draft: the template's text, and the page says why", async () => {
      const ai = withLetterDrafter(shared.deps, [
        anthropicLetter({ ...AI_LETTER, body: `${AI_LETTER.body}\nNote globale : 7/10.` }),
      ]);
      const { interviewId, base } = await seedDecided("fr");
      await page(ai.app, `${base}/feedback-letter/ai-draft`, { cookie: owner.cookie, form: {} });
      await runDraftJob(ai.deps, interviewId);
      const html = await textOf(await page(ai.app, `${base}/report`, { cookie: owner.cookie }));
      assert.match(
        html,
        /Le brouillon de l'IA n'a pas pu être utilisé \(the AI draft was refused: it mentions a score/,
      );
      assert.match(html, /Brouillon rédigé par : modèle hors ligne\./);
      assert.doesNotMatch(html, /7\/10\./);
      assert.match(
        html,
        /<textarea id="letter-body"[^>]*>Bonjour Léa Dubois,\n\nMerci pour le temps que vous avez/,
      );
    });

    await t.step("EN: the action and who wrote the draft, in English", async () => {
      await asService(
        shared.deps.db,
        (tx) => tx`update public.profiles set locale = 'en' where id = ${owner.id}`,
      );
      const english = {
        subject: "Your interview: feedback",
        body: "Hello Léa Dubois,\n\nThank you for your time.",
      };
      const ai = withLetterDrafter(shared.deps, [anthropicLetter(english)]);
      const { interviewId, base } = await seedDecided("en");
      const before = await textOf(await page(ai.app, `${base}/report`, { cookie: owner.cookie }));
      assert.match(before, /Draft written by: the offline template\./);
      assert.match(before, />Draft with AI</);
      await page(ai.app, `${base}/feedback-letter/ai-draft`, { cookie: owner.cookie, form: {} });
      await runDraftJob(ai.deps, interviewId);
      const html = await textOf(await page(ai.app, `${base}/report`, { cookie: owner.cookie }));
      assert.match(html, /Draft written by: claude-x\./);
      assert.match(html, /<textarea id="letter-body"[^>]*>Hello Léa Dubois,\n\nThank you for your time\./);
    });

    await closeTestDatabases();
  });
}
