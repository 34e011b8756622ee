import assert from "node:assert/strict";
import { join } from "node:path";
import { signUpUser, tokenFromEmail } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { BUILD_DIR, buildIslands, FIRST_LOAD_BUDGET_BYTES } from "../build.ts";
import { hasChromium, launchBrowser, openPage, sequentialSteps, serveApp } from "./browser.ts";

/** Files a browser fetches before the sign-up island runs: the entry, the island and their static imports. */
async function firstLoadFiles(entry: string, island: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await Deno.readTextFile(join(BUILD_DIR, file));
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) await visit(m[1]);
  };
  await visit(entry);
  await visit(island);
  return seen;
}

Deno.test("the password estimator and its dictionaries are in no page's first load", async () => {
  const manifest = await buildIslands();
  for (const name of ["SignUpForm", "PasswordResetForm"] as const) {
    const files = await firstLoadFiles(manifest.entry.split("?")[0], manifest.islands[name]);
    for (const file of files) {
      const code = await Deno.readTextFile(join(BUILD_DIR, file));
      assert.doesNotMatch(
        code,
        /zxcvbn|ZxcvbnFactory/i,
        `${file} is loaded first for ${name} and holds the estimator`,
      );
    }
    assert.ok(manifest.firstLoadGzipBytes[name] <= FIRST_LOAD_BUDGET_BYTES, name);
  }
  const island = await Deno.readTextFile(join(BUILD_DIR, manifest.islands.SignUpForm));
  const shared = [...await firstLoadFiles(manifest.entry.split("?")[0], manifest.islands.SignUpForm)]
    .map((f) => Deno.readTextFileSync(join(BUILD_DIR, f))).join("\n");
  assert.match(island + shared, /import\("\.\/password_strength-[\w-]+\.js"\)/, "loaded on demand instead");
});

Deno.test({
  name: "the sign-up and reset islands fetch the estimator once a password is typed and show its verdict",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { app, mailer, base, close } = await serveApp();
    const context = await launchBrowser();
    try {
      const { page, problems } = await openPage(context);
      const step = sequentialSteps(t);
      const fetched: string[] = [];
      page.on("request", (r) => fetched.push(new URL(r.url()).pathname));

      await step("the page hydrates without the estimator", async () => {
        await page.goto(`${base}/signup`);
        await page.locator('[data-island="SignUpForm"][data-hydrated]').waitFor();
        assert.ok(!fetched.some((p) => p.includes("password_strength")), fetched.join(", "));
      });

      await step("a weak password is refused as it is typed, with the reason", async () => {
        await page.fill("#signup-password", "password12");
        await page.locator("#signup-password-msg", { hasText: "trop facile à deviner" }).waitFor();
        assert.ok(fetched.some((p) => p.includes("password_strength")));
        await page.fill("#signup-password", "violet anchor mitten 47");
        await page.locator("#signup-password-msg", { hasText: "10 caractères minimum" }).waitFor();
        assert.deepEqual(problems, []);
      });

      await step(
        "the reset form refuses a weak password, and the account's own address, as typed",
        async () => {
          const user = await signUpUser(app);
          await call(app, "POST", "/api/auth/recover", { json: { email: user.email } });
          await page.goto(`${base}/reset-password?token=${tokenFromEmail(mailer.lastTo(user.email).text)}`);
          await page.locator('[data-island="PasswordResetForm"][data-hydrated]').waitFor();
          await page.fill("#reset-password", user.email);
          await page.locator("#reset-password-msg", { hasText: "données personnelles" }).waitFor();
          await page.fill("#reset-password", "violet anchor mitten 47");
          await page.locator("#reset-password-msg", { hasText: "10 caractères minimum" }).waitFor();
          await page.click('button[type="submit"]:has-text("Enregistrer le mot de passe")');
          await page.getByText("Mot de passe modifié").waitFor();
          assert.deepEqual(problems, []);
        },
      );
    } finally {
      await context.close();
      await close();
    }
  },
});
