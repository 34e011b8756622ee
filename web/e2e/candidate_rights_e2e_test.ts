import assert from "node:assert/strict";
import { unzipSync } from "fflate";
import { signUpUser } from "../../api/testing/factories.ts";
import { GOOD_ANSWER, invitedInterview } from "../../api/testing/candidate.ts";
import { call } from "../../api/testing/http.ts";
import { asService } from "../../api/db/tx.ts";
import { NOTICE_VERSION } from "../../api/contract/candidate.ts";
import {
  assertAccessible,
  hasChromium,
  launchBrowser,
  openPage,
  OUT,
  sequentialSteps,
  serveApp,
  signIn,
} from "./browser.ts";

Deno.test({
  name:
    "candidate rights in the browser: a copy and a deletion asked from the thank-you page, confirmed by " +
    "e-mail, executed by the owner",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, deps, mailer, base, close } = await serveApp({}, { outbox: true });
    const context = await launchBrowser();
    try {
      const { page, problems, shot } = await openPage(context);
      const step = sequentialSteps(t);
      const owner = await signUpUser(app);
      const invited = await invitedInterview(app, deps.db, mailer, owner);
      const [{ email }] = await asService(
        deps.db,
        (tx) =>
          tx<{ email: string }[]>`select email from public.candidates where id = ${invited.candidateId}`,
      );

      /** The newest confirmation link the served app's outbox holds for the candidate. */
      const confirmationLink = async (): Promise<string> => {
        const [mail] = await asService(
          deps.db,
          (tx) =>
            tx<{ text: string }[]>`select text_body as text from public.email_outbox
            where to_email = ${email} and kind = 'data_request_confirmation' order by created_at desc limit 1`,
        );
        const link = mail?.text.match(/https?:\/\/\S+\/rights\/confirm\/[A-Za-z0-9_-]+/)?.[0];
        assert.ok(link, `a confirmation link in: ${mail?.text}`);
        return link;
      };

      /** Asks for `kind` on the rights page, then confirms by the e-mailed link. */
      const askAndConfirm = async (kind: string, label: RegExp, shotName: string) => {
        await page.getByLabel(/Votre adresse e-mail/).fill(email);
        await page.getByRole("radio", { name: label }).check();
        await page.getByRole("button", { name: "Envoyer la demande" }).click();
        await page.getByRole("heading", { name: "Vérifiez votre messagerie" }).waitFor();
        await assertAccessible(page, `${kind} sent`);
        await page.goto(await confirmationLink());
        await page.getByRole("heading", { name: "Confirmer votre demande" }).waitFor();
        await assertAccessible(page, `${kind} confirm`);
        await page.getByRole("button", { name: "Confirmer la demande" }).click();
        await page.getByRole("heading", { name: "Votre demande est confirmée" }).waitFor();
        await shot(shotName);
      };

      await step("the candidate finishes the interview and reaches the thank-you page", async () => {
        await page.goto(`${base}/i/${invited.token}`);
        await page.getByRole("button").filter({ hasText: /Commencer/ }).first().click();
        await page.waitForURL(`${base}/interview/${invited.interviewId}`);
        const cookie = (await context.cookies()).find((c) => c.name.includes("ria_ct"));
        assert.ok(cookie, "the candidate's session cookie");
        const post = (path: string, json?: unknown) =>
          call(app, "POST", `${invited.room}${path}`, { token: cookie.value, json });
        await post("/consent", {
          noticeVersion: NOTICE_VERSION,
        });
        await post("/start");
        let state = (await post("/practice", {})).body;
        for (let i = 0; i < 10 && state.phase === "question"; i++) {
          const res = await post("/answers", {
            questionId: state.current.questionId,
            idempotencyKey: `rights-e2e-${i}`,
            text: GOOD_ANSWER,
          });
          assert.equal(res.status, 201, JSON.stringify(res.body));
          state = res.body.state;
        }
        assert.equal(state.phase, "finishing", JSON.stringify(state));
        assert.equal((await post("/complete")).status, 200);
        await page.reload();
        await page.getByRole("heading", { name: "Merci, votre entretien est terminé" }).waitFor();
        await shot("rights-01-thanks.png");
      });

      await step("the thank-you page links to the rights page (FR, accessible)", async () => {
        await page.getByRole("link", { name: /Vos données/ }).click();
        await page.waitForURL(new RegExp(`/rights/${owner.orgId}\\?lang=fr$`));
        await page.getByRole("heading", { name: /Vos données chez/ }).waitFor();
        await assertAccessible(page, "rights page");
        await shot("rights-02-page.png");
      });

      await step("a copy is asked and confirmed by the e-mail link", async () => {
        await askAndConfirm("access", /Copie des données/, "rights-03-access-confirmed.png");
      });

      await step("a deletion is asked and confirmed by the e-mail link", async () => {
        await page.goto(`${base}/rights/${owner.orgId}?lang=fr`);
        await askAndConfirm("erasure", /Suppression/, "rights-04-erasure-confirmed.png");
      });

      await step("the English page is accessible too", async () => {
        await page.goto(`${base}/rights/${owner.orgId}?lang=en`);
        await page.getByRole("heading", { name: /Your data at/ }).waitFor();
        await assertAccessible(page, "rights page (en)");
      });

      await step("the owner sees both requests with their deadlines", async () => {
        await signIn(page, base, owner);
        await page.getByRole("link", { name: "Demandes" }).click();
        await page.getByRole("heading", { name: "Demandes des candidats" }).waitFor();
        const rows = page.locator("table.table-rights tbody tr");
        assert.equal(await rows.count(), 2);
        await assertAccessible(page, "requests list");
        await shot("rights-05-owner-list.png");
      });

      await step("the owner downloads the archive: it opens and holds the person's data", async () => {
        const row = page.locator("tr", { hasText: "Copie des données" });
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          row.getByRole("link", { name: "Télécharger l'archive" }).click(),
        ]);
        const path = new URL("rights-archive.zip", OUT).pathname;
        await download.saveAs(path);
        const files = unzipSync(await Deno.readFile(path));
        const doc = JSON.parse(new TextDecoder().decode(files["export.json"]));
        assert.equal(doc.candidate[0].email, email);
        assert.equal(doc.interviews[0].id, invited.interviewId);
        assert.ok(doc.responses.length >= 3, "the answers");
        await row.getByRole("button", { name: "Marquer comme traitée" }).click();
        await page.locator("tr", { hasText: "Copie des données" }).getByText("Traitée").waitFor();
      });

      await step("the owner executes the erasure: the person is gone, the request stays", async () => {
        const row = page.locator("tr", { hasText: "Suppression" });
        await row.getByRole("button", { name: "Effacer la personne" }).click();
        await page.locator("tr", { hasText: "Suppression" }).getByText("Personne effacée").waitFor();
        await shot("rights-06-erased.png");
        const gone = await call(
          app,
          "GET",
          `/api/organizations/${owner.orgId}/candidates/${invited.candidateId}`,
          {
            token: owner.token,
          },
        );
        assert.equal(gone.status, 404);
        assert.deepEqual(problems, []);
      });
    } finally {
      await context.close();
      await close();
    }
  },
});
