import assert from "node:assert/strict";
import { invitedInterview } from "../../api/testing/candidate.ts";
import { asService } from "../../api/db/tx.ts";
import { signedInUser } from "../lib/test_helpers.ts";
import {
  assertAccessible,
  FAKE_MEDIA,
  hasChromium,
  launchBrowser,
  openPage,
  sequentialSteps,
  serveApp,
} from "./browser.ts";

/** Fake camera and microphone: a face, and a spoken answer played once. */

const TYPED_ANSWER =
  "Nous avons migré une table PostgreSQL de deux cents millions de lignes en production sans arrêt : " +
  "double écriture, copie par lots, vérification des sommes, puis bascule pendant une heure creuse.";

const PASTED = "copié depuis ailleurs";
const FOLLOW_UP_ANSWER =
  "Un désaccord technique avec un collègue sur le choix entre une file de messages et des appels directs : " +
  "nous avons comparé les deux sur un prototype, mesuré la latence, puis choisi ensemble la file de messages.";

const VIEWPORTS = [
  { name: "laptop", viewport: { width: 1280, height: 860 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

for (const { name, viewport } of VIEWPORTS) {
  Deno.test({
    name:
      `a candidate goes through the interview room by voice and text, survives a reload and a network cut, and finishes [${name}]`,
    ignore: !hasChromium,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const { app, deps, mailer, base, close } = await serveApp();
      const owner = await signedInUser(app);
      const invited = await invitedInterview(app, deps.db, mailer, owner);
      const context = await launchBrowser({ args: FAKE_MEDIA, viewport });
      const shot = (step: string) => shots(`room-${name}-${step}.png`);
      const debugLog: string[] = [];
      let shots: (file: string) => Promise<unknown> = () => Promise.resolve();
      try {
        const opened = await openPage(context);
        const { page, problems } = opened;
        shots = opened.shot;
        page.on("console", (m) => debugLog.push(`${m.type()}: ${m.text()}`));
        page.on("request", (r) => {
          const buf = r.postDataBuffer();
          if (Deno.env.get("ROOM_E2E_DEBUG") && r.url().includes("/audio") && buf) {
            Deno.writeFileSync(`test-output/upload-${Date.now()}.webm`, buf);
          }
        });
        page.on("response", async (r) => {
          if (!r.url().includes("/api/")) return;
          const body = r.status() >= 400 ? await r.text().catch(() => "") : "";
          debugLog.push(`${r.status()} ${r.request().method()} ${r.url()} ${body}`);
        });
        const step = sequentialSteps(t);
        const room = page.locator('[data-island="CandidateRoom"][data-hydrated]');
        const heading = (text: string | RegExp) => page.locator(".room-progress", { hasText: text });

        await step("the link from the e-mail opens the landing page, then the notice", async () => {
          await page.goto(`${base}/i/${invited.token}`);
          await page.getByRole("button", { name: "Commencer" }).waitFor();
          await assertAccessible(page, "landing");
          await shot("01-landing");
          await page.getByRole("button", { name: "Commencer" }).click();
          await page.getByRole("heading", { name: "Avant de commencer" }).waitFor();
          assert.equal(new URL(page.url()).pathname, `/interview/${invited.interviewId}`);
          await assertAccessible(page, "notice");
          await shot("02-notice");
        });

        await step(
          "consent with questions read aloud, then the device check: preview and a moving level meter",
          async () => {
            await page.getByLabel("Questions lues à voix haute").check();
            await page.getByRole("button", { name: "J'ai lu et j'accepte" }).click();
            await room.waitFor();
            await page.getByRole("heading", { name: "Vérifiez votre caméra et votre micro" }).waitFor();
            await page.getByRole("button", { name: "Activer la caméra et le micro" }).click();
            await page.getByText("Micro prêt.").waitFor();
            await page.getByText("Caméra prête.").waitFor();
            await page.waitForFunction(() =>
              (document.querySelector("#room-mic-level") as HTMLMeterElement)?.value > 0
            );
            assert.match(await page.locator(".room-meter").innerText(), /Niveau du micro : \d+ %/);
            const videoWidth = await page.locator(".room-camera video").evaluate((v: HTMLVideoElement) =>
              v.videoWidth
            );
            assert.ok(videoWidth > 0, "the camera preview shows frames");
            await assertAccessible(page, "device check");
            await shot("03-device-check");
          },
        );

        await step("the practice question: record, stop, record again, nothing is stored", async () => {
          await page.getByRole("button", { name: "Démarrer l'entretien" }).click();
          await page.getByText("Question d'essai (non enregistrée)").waitFor();
          await page.getByRole("button", { name: "Commencer à répondre maintenant" }).click();
          await page.locator(".room-recording", { hasText: /Enregistrement en cours/ }).waitFor();
          await page.waitForTimeout(800);
          await page.getByRole("button", { name: "Arrêter l'enregistrement" }).click();
          await page.getByLabel("Votre enregistrement").waitFor();
          await page.getByRole("button", { name: /Recommencer \(2 essai/ }).click();
          await page.waitForTimeout(500);
          await page.getByRole("button", { name: "Arrêter l'enregistrement" }).click();
          await page.getByRole("button", { name: /Recommencer \(1 essai/ }).waitFor();
          await assertAccessible(page, "practice");
          await shot("04-practice");
          await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
          await page.getByText("Essai terminé : rien n'a été envoyé.").waitFor();
          const [row] = await asService(
            deps.db,
            (tx) =>
              tx`select count(*)::int as n from public.responses where interview_id = ${invited.interviewId}`,
          );
          assert.equal(row.n, 0);
          await page.getByRole("button", { name: "Terminer l'essai" }).click();
        });

        await step(
          "question 1 by voice: read aloud where a voice exists, thinking time skipped, recorded and sent",
          async () => {
            await heading("Question 1 sur 3").waitFor();
            await page.locator(".room-timer", { hasText: /Temps restant : \d:\d\d/ }).waitFor();
            await page.getByRole("button", { name: "Relire la question à voix haute" }).waitFor();
            await assertAccessible(page, "question 1");
            await shot("05-question-1");
            await page.getByRole("button", { name: "Commencer à répondre maintenant" }).click();
            await page.waitForTimeout(2500);
            await page.getByRole("button", { name: "Arrêter l'enregistrement" }).click();
            await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
            await heading("Question 2 sur 3").waitFor();
          },
        );

        await step("a reload in the middle comes back to question 2", async () => {
          await page.reload();
          await room.waitFor();
          await heading("Question 2 sur 3").waitFor();
          await page.getByText("Micro prêt.").or(page.locator("#room-mic-level")).first().waitFor();
        });

        await step(
          "question 2 by voice, the network cut during the upload: the answer waits on the device",
          async () => {
            // Uploads hang until released: the page is reloaded while the answer is still on its way.
            let release = () => {};
            const held = new Promise<void>((resolve) => (release = resolve));
            await page.route("**/answers/audio?*", async (route) => {
              await held;
              await route.continue().catch(() => {}); // the page that sent it may be gone
            });
            await page.getByRole("button", { name: "Commencer à répondre maintenant" }).click();
            await page.waitForTimeout(2500);
            await page.getByRole("button", { name: "Arrêter l'enregistrement" }).click();
            await context.setOffline(true);
            await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
            await page.locator(".room-pending", { hasText: "en attente d'envoi" }).waitFor();
            assert.equal(await page.getByRole("button", { name: "Envoyer ma réponse" }).count(), 0);
            await assertAccessible(page, "answer waiting offline");
            await shot("06-offline-pending");

            await context.setOffline(false);
            await page.reload();
            await room.waitFor();
            await heading("Question 2 sur 3").waitFor();
            await page.locator(".room-pending").waitFor();
            assert.equal(
              await page.getByRole("button", { name: "Commencer à répondre maintenant" }).count(),
              0,
              "the question is not asked again while its answer is on its way",
            );
            await shot("07-reloaded-pending");
            release();
            await heading("Question 3 sur 3").waitFor();
            await page.unroute("**/answers/audio?*");
          },
        );

        await step("question 3 typed, with a paste", async () => {
          await page.getByRole("button", { name: "Répondre par écrit plutôt" }).click();
          const answer = page.getByLabel("Votre réponse");
          await answer.fill(TYPED_ANSWER);
          await answer.evaluate((el, pasted) => {
            const data = new DataTransfer();
            data.setData("text/plain", pasted);
            el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
          }, PASTED);
          // The candidate switches to another tab for a moment.
          await page.evaluate(() => {
            const set = (state: string) => {
              Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
              document.dispatchEvent(new Event("visibilitychange"));
            };
            set("hidden");
            return new Promise((resolve) => setTimeout(() => resolve(set("visible")), 300));
          });
          await assertAccessible(page, "typed answer");
          await shot("08-typed");
          await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
        });

        await step("the answer is off the question: a follow-up is asked, answered in writing", async () => {
          await page.locator(".badge", { hasText: "Question complémentaire" }).waitFor();
          await heading("Question 3 sur 3").waitFor();
          await assertAccessible(page, "follow-up");
          await shot("09-follow-up");
          await page.getByRole("button", { name: "Répondre par écrit plutôt" }).click();
          await page.getByLabel("Votre réponse").fill(FOLLOW_UP_ANSWER);
          await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
          await page.getByRole("heading", { name: "Vous avez répondu à toutes les questions" }).waitFor();
        });

        await step("the end: the thank-you page, the interview completed", async () => {
          await page.getByRole("button", { name: "Terminer l'entretien" }).click();
          await page.getByRole("heading", { name: "Merci, votre entretien est terminé" }).waitFor();
          // The room releases the camera in an effect after the thank-you page renders: wait for it (a
          // camera left on makes this wait time out and the step fail).
          const cameraOff = await page.waitForFunction(() =>
            (document.querySelector(".room-camera video") as HTMLVideoElement | null)?.srcObject === null
          ).then(() => true, () => false);
          assert.ok(cameraOff, "the camera is off once the interview is over");
          await page.reload();
          await page.getByRole("heading", { name: "Merci, votre entretien est terminé" }).waitFor();
          await assertAccessible(page, "thank-you");
          await shot("10-thanks");
          const [interview] = await asService(
            deps.db,
            (tx) => tx`select status from public.interviews where id = ${invited.interviewId}`,
          );
          assert.equal(interview.status, "completed");
        });

        await step(
          "the database holds two valid recordings over 10 KB, the typed answers, the integrity events and face samples",
          async () => {
            const rows = await asService(
              deps.db,
              (tx) =>
                tx`select audio_storage_path, text_answer, answer_mode from public.responses
                 where interview_id = ${invited.interviewId} order by submitted_at`,
            );
            assert.equal(rows.length, 4, JSON.stringify(rows));
            for (const r of rows.slice(0, 2)) {
              assert.equal(r.answer_mode, "voice");
              const file = await deps.storage.get(r.audio_storage_path);
              assert.ok(file, "the recording is stored");
              const bytes = new Uint8Array(await new Response(file.body).arrayBuffer());
              assert.deepEqual([...bytes.slice(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], "a WebM (EBML) file");
              assert.ok(bytes.byteLength > 10_000, `recording of ${bytes.byteLength} bytes`);
            }
            assert.equal(rows[2].text_answer, TYPED_ANSWER);
            assert.equal(rows[3].text_answer, FOLLOW_UP_ANSWER);
            // Integrity events, never scored: the paste (its length only) and the moment on another tab.
            const events = await asService(
              deps.db,
              (tx) =>
                tx`select kind, duration_ms, detail, question_id from public.integrity_events
                   where interview_id = ${invited.interviewId} and kind in ('paste', 'page_hidden')
                   order by occurred_at`,
            );
            assert.deepEqual(events.map((e) => e.kind), ["paste", "page_hidden"], JSON.stringify(events));
            assert.deepEqual(events[0].detail, { length: PASTED.length });
            assert.ok(events[1].duration_ms >= 300, `hidden for ${events[1].duration_ms} ms`);
            assert.ok(events.every((e) => e.question_id), "each names the question on screen");
            // On-device analysis of the fake camera (a face): per-second samples, the face present.
            const [samples] = await asService(
              deps.db,
              (tx) =>
                tx`select count(*)::int as n, count(*) filter (where face_present)::int as present
                   from public.biometric_samples where interview_id = ${invited.interviewId}`,
            );
            assert.ok(samples.n > 0 && samples.present > samples.n / 2, JSON.stringify(samples));
            // The browser reports each request cut by the offline mode, and MediaPipe logs its GPU delegate's
            // failure before it falls back to the CPU (no GPU here); nothing else may go wrong.
            const expected = /net::ERR_INTERNET_DISCONNECTED|delegate|CalculatorGraph|XNNPACK/i;
            assert.deepEqual(problems.filter((p) => !expected.test(p)), []);
          },
        );
      } finally {
        await shot("99-last").catch(() => {}); // where a failed run stopped
        if (Deno.env.get("ROOM_E2E_DEBUG")) console.log(debugLog.join("\n"));
        await context.close();
        await close();
      }
    },
  });
}

Deno.test({
  name: "a recruiter previews the room: devices, recording and every screen work, and nothing is sent",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, mailer, base, close } = await serveApp();
    const owner = await signedInUser(app);
    const invited = await invitedInterview(app, deps.db, mailer, owner);
    const context = await launchBrowser({ args: FAKE_MEDIA });
    try {
      const { page, problems, shot } = await openPage(context);
      const writes: string[] = [];
      const step = sequentialSteps(t);
      await page.goto(`${base}/signin`);
      await page.fill("#signin-email", owner.email);
      await page.fill("#signin-password", owner.password);
      await Promise.all([
        page.waitForURL(`${base}/dashboard`),
        page.click('form[action="/signin"] button[type="submit"]'),
      ]);
      // From here on, the preview: nothing may leave the browser but page loads.
      page.on("request", (r) => r.method() !== "GET" && writes.push(`${r.method()} ${r.url()}`));

      await step("the interview page links to the preview, which opens on the device check", async () => {
        await page.goto(`${base}/organizations/${owner.orgId}/interviews/${invited.interviewId}`);
        await page.getByRole("link", { name: "Aperçu de la salle d'entretien" }).click();
        await page.locator('[data-island="CandidateRoom"][data-hydrated]').waitFor();
        await page.getByText("Aperçu recruteur : rien n'est envoyé ni enregistré").waitFor();
        await page.getByRole("button", { name: "Activer la caméra et le micro" }).click();
        await page.getByText("Micro prêt.").waitFor();
        await assertAccessible(page, "preview device check");
        await shot("room-preview-01-devices.png");
      });

      await step("practice, then each question recorded or typed, then the end, all local", async () => {
        await page.getByRole("button", { name: "Démarrer l'entretien" }).click();
        await page.getByRole("button", { name: "Terminer l'essai" }).click();
        await page.locator(".room-progress", { hasText: "Question 1 sur 3" }).waitFor();
        await page.getByRole("button", { name: "Commencer à répondre maintenant" }).click();
        await page.waitForTimeout(700);
        await page.getByRole("button", { name: "Arrêter l'enregistrement" }).click();
        await assertAccessible(page, "preview recorded");
        await shot("room-preview-02-recorded.png");
        await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
        for (const n of [2, 3]) {
          await page.locator(".room-progress", { hasText: `Question ${n} sur 3` }).waitFor();
          await page.getByRole("button", { name: "Répondre par écrit plutôt" }).click();
          await page.getByLabel("Votre réponse").fill("Une réponse d'essai.");
          await page.getByRole("button", { name: "Envoyer ma réponse" }).click();
        }
        await page.getByRole("button", { name: "Terminer l'entretien" }).click();
        await page.getByText("Fin de l'aperçu.").waitFor();
        await shot("room-preview-03-end.png");
      });

      await step("nothing was posted, stored or used", async () => {
        assert.deepEqual(writes, []);
        const [row] = await asService(
          deps.db,
          (tx) =>
            tx`select (select opened_at from public.invitations where id = ${invited.invitationId}) as opened_at,
                 (select count(*)::int from public.responses where interview_id = ${invited.interviewId}) as responses`,
        );
        assert.deepEqual(row, { opened_at: null, responses: 0 });
        assert.deepEqual(problems, []);
      });
    } finally {
      await context.close();
      await close();
    }
  },
});

Deno.test({
  name: "a candidate who refuses camera and microphone is told what to do, and answers in writing [en]",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, mailer, base, close } = await serveApp();
    const owner = await signedInUser(app);
    const invited = await invitedInterview(app, deps.db, mailer, owner, { language: "en" });
    // Fake devices but no automatic "allow": headless Chromium answers the permission prompt with "block".
    const context = await launchBrowser({
      args: FAKE_MEDIA.filter((a) => a !== "--use-fake-ui-for-media-stream"),
    });
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);

      await step(
        "the device check explains the refusal for each device and lets the candidate go on",
        async () => {
          await page.goto(`${base}/i/${invited.token}`);
          await page.getByRole("button", { name: "Start" }).click();
          await page.getByRole("button", { name: "I have read and accept" }).click();
          await page.locator('[data-island="CandidateRoom"][data-hydrated]').waitFor();
          await page.getByRole("button", { name: "Turn on camera and microphone" }).click();
          await page.getByText("Microphone access is blocked.").waitFor();
          await page.getByText("Camera access is blocked. You can go on without a camera.").waitFor();
          await page.getByRole("button", { name: "Try again" }).waitFor();
          await assertAccessible(page, "devices refused");
          await shot("room-refused-01-devices.png");
        },
      );

      await step("the questions are answered in writing", async () => {
        await page.getByRole("button", { name: "Start the interview" }).click();
        await page.getByRole("button", { name: "Finish the practice" }).click();
        await page.locator(".room-progress", { hasText: "Question 1 of 3" }).waitFor();
        assert.equal(await page.getByRole("button", { name: "Answer by voice instead" }).count(), 0);
        await page.getByLabel("Your answer").fill(TYPED_ANSWER);
        await assertAccessible(page, "typed answer without devices");
        await shot("room-refused-02-typed.png");
        await page.getByRole("button", { name: "Send my answer" }).click();
        await page.locator(".room-status", { hasText: "Answer sent." }).waitFor();
        const [row] = await asService(
          deps.db,
          (tx) =>
            tx`select answer_mode, text_answer from public.responses where interview_id = ${invited.interviewId}`,
        );
        assert.deepEqual(row, { answer_mode: "text", text_answer: TYPED_ANSWER });
        assert.deepEqual(problems, []);
      });
    } finally {
      await context.close();
      await close();
    }
  },
});
