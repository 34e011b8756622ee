import assert from "node:assert/strict";
import { signUpUser } from "../../api/testing/factories.ts";
import { GOOD_ANSWER, invitedInterview, openLink, toFirstQuestion } from "../../api/testing/candidate.ts";
import { sineWav } from "../../api/testing/media.ts";
import { asService } from "../../api/db/tx.ts";
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  openPage,
  sequentialSteps,
  serveApp,
  signIn,
} from "./browser.ts";

Deno.test({
  name: "the interview page's answers follow the interview live: a typed answer, then a transcript arriving",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, mailer, base, close } = await serveApp();
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const owner = await signUpUser(app);
      const a = await invitedInterview(app, deps.db, mailer, owner);
      const { post, current } = await toFirstQuestion(app, a.room, await openLink(app, a.token));
      const answers = page.locator("#answers");

      await step("the recruiter opens the interview in progress: no answer yet", async () => {
        await signIn(page, base, owner);
        await page.goto(`${base}/organizations/${owner.orgId}/interviews/${a.interviewId}`);
        await page.locator('[data-island="LiveAnswers"] [data-realtime="live"]').waitFor({
          state: "attached",
        });
        assert.match(await answers.textContent() ?? "", /Aucune réponse pour l'instant|pas encore/i);
        // Marks this page load: a reload would lose it.
        await page.evaluate(() => (globalThis as unknown as { loadMark: number }).loadMark = 1);
      });

      let second = "";
      await step("the candidate types an answer: it appears without a reload", async () => {
        const answered = await post("/answers", {
          questionId: current.questionId,
          idempotencyKey: "live-answers-first",
          text: GOOD_ANSWER,
        });
        assert.equal(answered.status, 201, JSON.stringify(answered.body));
        second = answered.body.state.current.questionId;
        await answers.getByText(GOOD_ANSWER).waitFor();
        assert.equal(await page.evaluate(() => (globalThis as unknown as { loadMark?: number }).loadMark), 1);
        // Screen readers are told (a polite status message).
        await page.locator('[data-island="LiveAnswers"] [role=status]', { hasText: "Réponses mises à jour." })
          .waitFor({ state: "attached" });
      });

      const path = `${owner.orgId}/audio/${crypto.randomUUID()}.wav`;
      await step("a recorded answer arrives, its transcription pending", async () => {
        await deps.storage.put(path, sineWav(3), "audio/wav");
        // service-role: stands in for the room's upload (its own tests cover it), which stores this row.
        await asService(
          deps.db,
          (tx) =>
            tx`insert into public.responses (question_id, interview_id, organization_id, audio_storage_path,
               audio_duration_ms, answer_mode, transcription_method, transcription_status, submitted_at)
             values (${second}, ${a.interviewId}, ${owner.orgId}, ${path}, 3000, 'voice', 'pocketsphinx',
               'pending', now())`,
        );
        await answers.getByText("Transcription en cours").waitFor();
        assert.deepEqual(await axeViolations(page), [], "axe-core with the live answers");
        await shot("live-answers-pending.png");
      });

      const transcript = "Nous avons découpé la migration en lots et vérifié chaque lot.";
      await step(
        "while the recruiter listens, the transcript waits; it shows once the recording stops",
        async () => {
          const audio = page.locator(`#answer-${second} audio`);
          await audio.evaluate(async (el: HTMLAudioElement) => {
            el.muted = true;
            el.loop = true;
            await el.play();
          });
          // service-role: stands in for the transcription job (its own tests cover it).
          await asService(
            deps.db,
            (tx) =>
              tx`update public.responses set transcript = ${transcript}, transcription_status = 'done'
             where question_id = ${second}`,
          );
          // The event arrived and the page was read again, but the playing item was left alone.
          await page.locator(`#answer-${second}[data-update-pending]`).waitFor();
          assert.equal(
            await audio.evaluate((el: HTMLAudioElement) => el.paused),
            false,
            "still playing",
          );
          assert.equal(await answers.getByText(transcript).count(), 0);
          await audio.evaluate((el: HTMLAudioElement) => el.pause());
          await answers.getByText(transcript).waitFor();
          await shot("live-answers-transcribed.png");
          assert.equal(
            await page.evaluate(() => (globalThis as unknown as { loadMark?: number }).loadMark),
            1,
          );
        },
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await close();
    }
  },
});
