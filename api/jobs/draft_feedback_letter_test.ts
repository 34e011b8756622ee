/**
 * The AI draft of the feedback letter, end to end on a real database: the recruiter asks for it through
 * the API, the job calls the provider through the real SDK (injected fetch with recorded response
 * shapes), checks the letter and stores it; the draft endpoint then returns it with who wrote it. A
 * letter with a score or a verdict, a provider error on the last attempt and an open circuit all leave
 * the offline template's text, with the reason recorded.
 */
import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../testing/app.ts";
import { call } from "../testing/http.ts";
import { addColleague, signUpUser } from "../testing/factories.ts";
import { seedEvaluatedInterview } from "../testing/reports.ts";
import { asService } from "../db/tx.ts";
import type { ClaimedJob } from "../db/jobs.ts";
import { AI_LETTER, anthropicLetter, withLetterDrafter } from "../testing/letter_ai.ts";
import { recorded } from "../ai/testdata/recorded_fetch.ts";
import { runNextJob } from "./worker.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import { DRAFT_FEEDBACK_LETTER, draftFeedbackLetterJob } from "./draft_feedback_letter.ts";

const ANSWER = {
  question: "Comment testez-vous une API ?",
  transcript: "Tests de contrat et tests de charge.",
  scores: { accuracy: 8, clarity: 7, depth: 6 },
};

for (const target of testTargets()) {
  Deno.test(`feedback letter drafted by the AI [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signUpUser(app);
    const org = `/api/organizations/${owner.orgId}`;
    const seed = (language: "fr" | "en" = "fr") =>
      seedEvaluatedInterview(deps.db, {
        orgId: owner.orgId,
        createdBy: owner.id,
        candidateName: "Léa Dubois",
        language,
        answers: [ANSWER],
        summary: { overallScore: 7, recommendation: "advance", text: "…" },
      });
    const decide = async (interviewId: string) => {
      const res = await call(app, "POST", `${org}/decisions`, {
        token: owner.token,
        json: { interviewId, outcome: "advance", reason: "Solide" },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    const draftOf = async (a: typeof app, interviewId: string) =>
      (await call(a, "GET", `${org}/interviews/${interviewId}/feedback-letter/draft`, { token: owner.token }))
        .body;
    /** Asks for the AI draft and runs its job; returns the job's result. */
    const requestAndRun = async (ai: ReturnType<typeof withLetterDrafter>, interviewId: string) => {
      const res = await call(ai.app, "POST", `${org}/interviews/${interviewId}/feedback-letter/draft`, {
        token: owner.token,
      });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      assert.ok(await runNextJob(ai.deps, JOB_HANDLERS, "test", { id: res.body.jobId }));
      const [job] = await asService(
        deps.db,
        (tx) => tx`select status, result from public.jobs where id = ${res.body.jobId}`,
      );
      assert.equal(job.status, "succeeded");
      return job.result;
    };

    await t.step(
      "offline, the template drafts as before and the AI cannot be asked (409 noAiProvider)",
      async () => {
        const { interviewId } = await seed();
        await decide(interviewId);
        const draft = await draftOf(app, interviewId);
        assert.equal(draft.draftedBy, "template");
        assert.equal(draft.model, null);
        assert.equal(draft.aiAvailable, false);
        assert.match(draft.body, /^Bonjour Léa Dubois,/);
        const res = await call(app, "POST", `${org}/interviews/${interviewId}/feedback-letter/draft`, {
          token: owner.token,
        });
        assert.equal(res.status, 409);
        assert.equal(res.body.error.details.reason, "noAiProvider");
      },
    );

    await t.step(
      "with a provider: the job writes the AI's draft, the draft says who wrote it, the letter goes as approved",
      async () => {
        const ai = withLetterDrafter(deps, [anthropicLetter(AI_LETTER)]);
        const { interviewId, candidateEmail } = await seed();
        const early = await call(ai.app, "POST", `${org}/interviews/${interviewId}/feedback-letter/draft`, {
          token: owner.token,
        });
        assert.equal(early.status, 409);
        assert.equal(early.body.error.details.reason, "decisionRequired");
        await decide(interviewId);
        const viewer = await addColleague(app, mailer, owner, "viewer");
        const refused = await call(ai.app, "POST", `${org}/interviews/${interviewId}/feedback-letter/draft`, {
          token: viewer.token,
        });
        assert.equal(refused.status, 403);
        assert.equal((await draftOf(ai.app, interviewId)).aiAvailable, true);

        const result = await requestAndRun(ai, interviewId);
        assert.deepEqual(result, { draftedBy: "anthropic", model: "claude-x", fallbackReason: null });
        // The model saw the evaluations' points, not the scores or the recommendation.
        const user = (ai.requests[0].body.messages as { content: string }[])[0].content;
        assert.match(user, /<strengths>\n- /);
        assert.doesNotMatch(user, /advance|7\/10|overall/i);
        const draft = await draftOf(ai.app, interviewId);
        assert.deepEqual(
          { ...draft },
          {
            language: "fr",
            ...AI_LETTER,
            draftedBy: "anthropic",
            model: "claude-x",
            fallbackReason: null,
            aiAvailable: true,
          },
        );
        const [audit] = await asService(deps.db, (tx) =>
          tx`select actor_id from public.audit_log
             where target_id = ${interviewId} and action = 'feedback_letter.draft_requested'`);
        assert.equal(audit.actor_id, owner.id);

        const sent = await call(ai.app, "POST", `${org}/feedback-letters`, {
          token: owner.token,
          json: {
            interviewId,
            subject: draft.subject,
            body: `${draft.body}\n(relu)`,
            draftedBy: draft.draftedBy,
          },
        });
        assert.equal(sent.status, 201, JSON.stringify(sent.body));
        assert.equal(sent.body.draftedBy, "anthropic");
        // The approved text as written, then the line on the candidate's rights every e-mail to them ends with.
        assert.match(
          mailer.lastTo(candidateEmail).text,
          /chiffrer davantage[\s\S]*\(relu\)\n\n--\n.*\/rights\//,
        );
        const again = await call(ai.app, "POST", `${org}/interviews/${interviewId}/feedback-letter/draft`, {
          token: owner.token,
        });
        assert.equal(again.body.error.details.reason, "alreadySent");
      },
    );

    await t.step(
      "a draft with a score or a verdict is refused: the template's text is stored, with why",
      async () => {
        for (
          const [body, why] of [
            [`${AI_LETTER.body}\nVous avez obtenu 8/10 en exactitude.`, /score \("8\/10"\)/],
            [
              `${AI_LETTER.body}\nNous avons le plaisir de vous dire que vous êtes retenue.`,
              /verdict \("retenu/,
            ],
          ] as const
        ) {
          const ai = withLetterDrafter(deps, [anthropicLetter({ ...AI_LETTER, body })]);
          const { interviewId } = await seed();
          await decide(interviewId);
          const result = await requestAndRun(ai, interviewId);
          assert.equal(result.draftedBy, "template");
          assert.match(result.fallbackReason, why);
          const draft = await draftOf(ai.app, interviewId);
          assert.equal(draft.draftedBy, "template");
          assert.equal(draft.model, null);
          assert.match(draft.fallbackReason, /the AI draft was refused/);
          assert.match(draft.body, /^Bonjour Léa Dubois,\n\nMerci pour le temps/);
          assert.doesNotMatch(draft.body, /8\/10|retenue/);
        }
      },
    );

    await t.step(
      "a provider error is retried by the queue, then the template stands in on the last attempt (and while the circuit is open)",
      async () => {
        const ai = withLetterDrafter(deps, [recorded("anthropic", "error_500")]);
        const { interviewId } = await seed("en");
        const job: ClaimedJob = {
          id: crypto.randomUUID(),
          kind: DRAFT_FEEDBACK_LETTER,
          payload: { interviewId, organizationId: owner.orgId },
          attempts: 1,
          maxAttempts: 3,
        };
        const ctx = (isLastAttempt: boolean) => ({
          signal: new AbortController().signal,
          isLastAttempt,
          progress: () => Promise.resolve(),
        });
        await assert.rejects(draftFeedbackLetterJob(ai.deps, job, ctx(false)));
        assert.equal(
          (await draftOf(ai.app, interviewId)).fallbackReason,
          null,
          "nothing stored before the last attempt",
        );
        const last = await draftFeedbackLetterJob(ai.deps, job, ctx(true));
        assert.equal(last.draftedBy, "template");
        assert.match(String(last.fallbackReason), /^anthropic: /);
        const draft = await draftOf(ai.app, interviewId);
        assert.match(draft.body, /^Hello Léa Dubois,/);
        assert.match(draft.fallbackReason, /^anthropic: /);
        // A third failure opens the circuit: the next request does not reach the provider.
        await assert.rejects(draftFeedbackLetterJob(ai.deps, job, ctx(false))).catch(() => {});
        const calls = ai.requests.length;
        const open = await draftFeedbackLetterJob(ai.deps, job, ctx(false));
        assert.equal(open.fallbackReason, "circuit open: anthropic");
        assert.equal(ai.requests.length, calls);
      },
    );

    await closeTestDatabases();
  });
}
