import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { createInterview } from "../../api/testing/interviews.ts";
import { addColleague, type TestUser } from "../../api/testing/factories.ts";
import { sineWav } from "../../api/testing/media.ts";
import { asService } from "../../api/db/tx.ts";
import type { Deps } from "../../api/app_env.ts";
import { page, signedInUser, textOf } from "../lib/test_helpers.ts";

type Answer = {
  text?: string;
  audio?: boolean;
  method?: string;
  status?: string;
  transcript?: string;
  rough?: boolean;
  needsListening?: boolean;
  problems?: string[];
  late?: boolean;
  timedOut?: boolean;
  decision?: string;
  skip?: string;
};

/**
 * An interview in progress whose candidate answered in every way the page must tell apart, written as the
 * engine and the transcription job write them: typed and late, a follow-up still being transcribed, a failed
 * transcription, one to listen to, a rough one, none for the language, a timeout, and a question left.
 */
async function answeredInterview(deps: Deps, app: Parameters<typeof createInterview>[0], user: TestUser) {
  const interview = await createInterview(app, user);
  const orgId = user.orgId;
  const audioPaths: string[] = [];
  // service-role: stands in for the engine and the worker (their own tests cover how they write these).
  await asService(deps.db, async (tx) => {
    await tx`update public.interviews set status = 'scheduled' where id = ${interview.id}`;
    await tx`update public.interviews set status = 'in_progress' where id = ${interview.id}`;
    const question = async (position: number, text: string, parent?: { id: string; reason: string }) => {
      const [q] = await tx<{ id: string }[]>`
        insert into public.questions (interview_id, organization_id, position, original_text, displayed_text,
          parent_question_id, follow_up_reason, category, reasoning)
        values (${interview.id}, ${orgId}, ${position}, ${text}, ${text}, ${parent?.id ?? null},
          ${parent?.reason ?? null}, ${parent ? "follow_up" : null}, 'Generated: probes the CV')
        returning id`;
      return q.id;
    };
    const answer = async (questionId: string, a: Answer, followUpQuestionId: string | null = null) => {
      let path: string | null = null;
      if (a.audio) {
        path = `${orgId}/audio/${crypto.randomUUID()}.wav`;
        await deps.storage.put(path, sineWav(3), "audio/wav");
        audioPaths.push(path);
      }
      await tx`insert into public.responses (question_id, interview_id, organization_id, text_answer,
          audio_storage_path, audio_duration_ms, answer_mode, transcription_method, transcription_status,
          transcript, transcript_rough, transcript_needs_listening, transcript_problems, late, timed_out,
          submitted_at, follow_up_decision, follow_up_skip_reason, follow_up_question_id, follow_up_settle_by)
        values (${questionId}, ${interview.id}, ${orgId}, ${a.text ?? null}, ${path}, ${
        a.audio ? 3000 : null
      },
          ${a.audio ? "voice" : "text"}, ${a.method ?? (a.audio ? "none" : "typed")}, ${a.status ?? "none"},
          ${a.transcript ?? null}, ${a.rough ?? false}, ${a.needsListening ?? false}, ${a.problems ?? []},
          ${a.late ?? false}, ${a.timedOut ?? false}, '2026-11-29T10:15:00Z', ${a.decision ?? null},
          ${a.skip ?? null}, ${followUpQuestionId},
          ${a.decision === "pending" ? new Date(Date.now() + 60_000).toISOString() : null})`;
    };
    const q1 = await question(1, "Décrivez une migration PostgreSQL délicate.");
    const f1 = await question(10, "Pouvez-vous développer, avec un exemple concret ?", {
      id: q1,
      reason: "incomplete",
    });
    const q2 = await question(2, "Comment testez-vous une API ?");
    const q3 = await question(3, "Parlez d'un désaccord technique.");
    const q4 = await question(4, "How do you deploy?");
    const q5 = await question(5, "Quelle est votre plus grande réussite ?");
    const q6 = await question(6, "Pourquoi ce poste ?");
    const q7 = await question(7, "Comment apprenez-vous ?");
    await question(8, "Une question pas encore posée.");
    await answer(q1, { text: "Avec une double écriture.", late: true, decision: "asked" }, f1);
    await answer(f1, { audio: true, status: "pending", decision: "pending" });
    await answer(q2, {
      audio: true,
      status: "failed",
      decision: "skipped",
      skip: "transcript_not_ready",
    });
    await answer(q3, {
      audio: true,
      method: "openai",
      status: "done",
      transcript: "",
      needsListening: true,
      problems: ["empty"],
      decision: "skipped",
      skip: "transcript_needs_listening",
    });
    await answer(q4, {
      audio: true,
      method: "pocketsphinx",
      status: "done",
      transcript: "i deploy with kubernetes and canary releases",
      rough: true,
      decision: "not_needed",
    });
    await answer(q5, { audio: true, status: "unavailable", decision: "skipped", skip: "planner_timeout" });
    await answer(q6, { timedOut: true, decision: "limit_reached" });
    await answer(q7, { text: "En lisant.", decision: "skipped", skip: "planner_error" });
  });
  return { path: `/organizations/${orgId}/interviews/${interview.id}`, audioPaths };
}

/** The answers section of the page, and each answer's list item in order. */
function answersOf(html: string): { section: string; items: string[] } {
  const section = html.match(/<section[^>]*id="answers"[\s\S]*?<\/section>/)?.[0] ?? "";
  return { section, items: section.split('<li class="answer-item"').slice(1) };
}

for (const target of testTargets()) {
  Deno.test(`interview page: the recruiter reads the answers (${target})`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target);
    const owner = await signedInUser(app);
    const { path, audioPaths } = await answeredInterview(deps, app, owner);

    await t.step("every answer's state is said in words, in answering order", async () => {
      const res = await page(app, path, { cookie: owner.cookie });
      assert.equal(res.status, 200);
      const { section, items } = answersOf(await textOf(res));
      assert.match(section, /<h2 id="answers-title">Réponses<\/h2>/);
      assert.equal(items.length, 9, "eight questions and one follow-up");
      const [q1, f1, q2, q3, q4, q5, q6, q7, q8] = items;

      assert.match(q1, /Question 1<\/h3>/);
      assert.match(q1, /Réponse écrite/);
      assert.match(q1, /<span class="badge badge-answer-warning">En retard<\/span>/);
      assert.match(q1, /Reçue après le temps imparti et le délai de grâce/);
      assert.match(q1, /Avec une double écriture\./);
      assert.match(q1, /Relance posée : réponse incomplète\./);

      assert.match(
        f1,
        /Question 1 — relance \(réponse incomplète\)<\/h3>/,
        "the follow-up follows its question",
      );
      assert.match(f1, /Réponse orale, 3 s/);
      assert.match(f1, /<audio[^>]*controls/);
      assert.match(f1, /Transcription en cours…/);
      assert.match(f1, /Relance en cours de décision…/);

      assert.match(q2, /Transcription échouée/);
      assert.match(q2, /L'enregistrement reste disponible/);
      assert.match(q2, /<audio[^>]*src="[^"]+"/, "a failed transcription keeps the audio playable");
      assert.match(q2, /Pas de relance, faute de décision : la transcription n'était pas prête à temps\./);

      assert.match(q3, />À écouter<\/span>/);
      assert.match(q3, /Transcription peu fiable \(vide\) : elle n'est pas évaluée\./);
      assert.match(q3, /la transcription est à écouter\./);

      assert.match(q4, />Transcription approximative<\/span>/);
      assert.match(q4, /pocketsphinx/);
      assert.match(q4, /i deploy with kubernetes and canary releases/);
      assert.match(q4, /Pas de relance : la réponse suffisait\./);

      assert.match(q5, /Pas de transcription pour cette langue : écoutez l'enregistrement\./);
      assert.match(q5, /l'IA n'a pas répondu à temps/);

      assert.match(q6, /Temps écoulé sans réponse/);
      assert.match(q6, /le nombre de relances par question était atteint/);

      assert.match(q7, /l'IA a renvoyé une erreur/);
      assert.match(q8, /Pas de réponse\./);
      assert.doesNotMatch(section, /Generated: probes the CV/, "the generator's reasoning is not an answer");
    });

    await t.step("the audio players use short-lived signed links that play the recordings", async () => {
      const { section } = answersOf(await textOf(await page(app, path, { cookie: owner.cookie })));
      const urls = [...section.matchAll(/<audio[^>]*src="([^"]+)"/g)].map((m) =>
        m[1].replaceAll("&amp;", "&")
      );
      assert.equal(urls.length, audioPaths.length);
      for (const url of urls) {
        const { pathname, search } = new URL(url);
        assert.match(pathname, /^\/storage\/v1\/object\/sign\//);
        assert.match(search, /token=/);
        const audio = await app.request(pathname + search);
        assert.equal(audio.status, 200);
        assert.equal(audio.headers.get("content-type"), "audio/wav");
        assert.equal((await audio.bytes()).length, sineWav(3).length);
      }
      const tampered = new URL(urls[0]);
      const forged = await app.request(`${tampered.pathname}?token=${"x".repeat(40)}`);
      assert.equal(forged.status, 404);
      await forged.body?.cancel();
    });

    await t.step("in English too", async () => {
      await page(app, "/lang", { form: { lang: "en", back: "/" }, cookie: owner.cookie });
      const { section } = answersOf(await textOf(await page(app, path, { cookie: owner.cookie })));
      assert.match(section, /<h2 id="answers-title">Answers<\/h2>/);
      assert.match(section, /Question 1 — follow-up \(incomplete answer\)/);
      assert.match(section, /Transcription failed/);
      assert.match(section, /Rough transcript/);
      assert.match(section, /No follow-up, for want of a decision: the transcript was not ready in time\./);
      await page(app, "/lang", { form: { lang: "fr", back: "/" }, cookie: owner.cookie });
    });

    await t.step(
      "a viewer of the organization reads them; another organization's member gets 404",
      async () => {
        const viewer = await addColleague(app, mailer, owner, "viewer");
        const signIn = await page(app, "/signin", {
          form: { email: viewer.email, password: viewer.password },
        });
        const viewerCookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
        const seen = await page(app, path, { cookie: viewerCookie });
        assert.equal(seen.status, 200);
        assert.equal(answersOf(await textOf(seen)).items.length, 9);

        const stranger = await signedInUser(app);
        const res = await page(app, path, { cookie: stranger.cookie });
        assert.equal(res.status, 404);
        const html = await res.text();
        assert.doesNotMatch(html, /Avec une double écriture|storage\/v1\/object\/sign/);
      },
    );

    await t.step("a draft interview without answers has no answers section", async () => {
      const draft = await createInterview(app, owner);
      const html = await textOf(
        await page(app, `/organizations/${owner.orgId}/interviews/${draft.id}`, { cookie: owner.cookie }),
      );
      assert.doesNotMatch(html, /id="answers"/);
    });
  });
}

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
