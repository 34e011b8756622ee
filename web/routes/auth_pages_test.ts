import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { randomEmail, signUpUser, tokenFromEmail } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { cookiesOf, page, textOf } from "../lib/test_helpers.ts";

const STRONG = "violet anchor mitten 47";

function signUpForm(email = randomEmail("page")) {
  return {
    email,
    password: STRONG,
    fullName: "Camille Martin",
    organizationName: `Cabinet ${email}`,
    locale: "fr",
  };
}

for (const target of testTargets()) {
  Deno.test(`account pages: confirmation on [${target}]`, async (t) => {
    const { app, mailer } = await createTestApp(target, { AUTH_CONFIRM_EMAIL: "true" });

    await t.step(
      "POST /signup shows 'check your e-mail' with a resend form and sets no session",
      async () => {
        const form = signUpForm();
        const res = await page(app, "/signup", { form });
        assert.equal(res.status, 200);
        assert.equal(cookiesOf(res), "");
        const html = await textOf(res);
        assert.match(html, /Consultez votre boîte mail/);
        assert.match(html, /action="\/resend-confirmation"/);
        assert.equal(mailer.lastTo(form.email).kind, "signup_confirmation");
      },
    );

    await t.step(
      "GET /confirm shows a button and uses nothing; POST /confirm signs in to the dashboard",
      async () => {
        const form = signUpForm();
        await page(app, "/signup", { form });
        const token = tokenFromEmail(mailer.lastTo(form.email).text);
        for (let i = 0; i < 2; i++) {
          const landing = await page(app, `/confirm?token=${token}`);
          assert.equal(landing.status, 200);
          const html = await textOf(landing);
          assert.match(html, /Confirmer et accéder à mon compte/);
          assert.match(html, new RegExp(`name="token" value="${token}"`));
        }
        const confirmed = await page(app, "/confirm", { form: { token } });
        assert.equal(confirmed.status, 303);
        assert.equal(confirmed.headers.get("location"), "/dashboard");
        const dashboard = await page(app, "/dashboard", { cookie: cookiesOf(confirmed) });
        assert.match(await textOf(dashboard), new RegExp(form.organizationName));
        const reused = await page(app, "/confirm", { form: { token } });
        assert.equal(reused.status, 404);
        assert.match(await textOf(reused), /Ce lien n'est plus valable/);
      },
    );

    await t.step("GET /confirm with a malformed token explains and offers a new link", async () => {
      const res = await page(app, "/confirm?token=nope");
      assert.equal(res.status, 404);
      const html = await textOf(res);
      assert.match(html, /Ce lien n'est plus valable/);
      assert.match(html, /action="\/resend-confirmation"/);
    });

    await t.step("the resend page answers the same for any address", async () => {
      assert.equal((await page(app, "/resend-confirmation")).status, 200);
      const res = await page(app, "/resend-confirmation", { form: { email: randomEmail() } });
      assert.equal(res.status, 200);
      assert.match(await textOf(res), /Consultez votre boîte mail/);
    });

    await closeTestDatabases();
  });

  Deno.test(`account pages: forgotten password [${target}]`, async (t) => {
    const { app, mailer } = await createTestApp(target);

    await t.step("the sign-in page links to the forgotten-password page", async () => {
      const html = await textOf(await page(app, "/signin"));
      assert.match(html, /href="\/forgot-password"/);
      const forgot = await page(app, "/forgot-password");
      assert.equal(forgot.status, 200);
      assert.match(await textOf(forgot), /Mot de passe oublié/);
    });

    await t.step("request, new password (weak refused, strong kept), done, sign in", async () => {
      const user = await signUpUser(app);
      const unknown = await textOf(await page(app, "/forgot-password", { form: { email: randomEmail() } }));
      const known = await textOf(await page(app, "/forgot-password", { form: { email: user.email } }));
      assert.match(known, /Si un compte existe avec cette adresse/);
      assert.equal(
        unknown.replace(/value="[^"]*@example\.test"/, ""),
        known.replace(/value="[^"]*@example\.test"/, ""),
        "the same page for unknown addresses",
      );
      const token = tokenFromEmail(mailer.lastTo(user.email).text);

      const form = await page(app, `/reset-password?token=${token}`);
      assert.equal(form.status, 200);
      assert.match(await textOf(form), /Nouveau mot de passe/);

      const weak = await page(app, "/reset-password", { form: { token, password: "password12" } });
      assert.equal(weak.status, 422);
      assert.match(await textOf(weak), /trop facile à deviner/);

      const done = await page(app, "/reset-password", { form: { token, password: STRONG } });
      assert.equal(done.status, 200);
      const html = await textOf(done);
      assert.match(html, /Mot de passe modifié/);
      const signInLink = html.match(/href="(\/signin\?email=[^"]+)"/)?.[1];
      assert.ok(signInLink, "a link to sign in with the address filled in");
      assert.match(await textOf(await page(app, signInLink)), new RegExp(`value="${user.email}"`));
      const signIn = await call(app, "POST", "/api/auth/signin", {
        json: { email: user.email, password: STRONG },
      });
      assert.equal(signIn.status, 200);

      const used = await page(app, `/reset-password?token=${token}`);
      assert.equal(used.status, 404);
      assert.match(await textOf(used), /Ce lien n'est plus valable/);
    });

    await t.step("POST /signup with a weak password shows why, in the page's language", async () => {
      const fr = await page(app, "/signup", { form: { ...signUpForm(), password: "aaaaaaaaaa" } });
      assert.equal(fr.status, 422);
      assert.match(await textOf(fr), /trop facile à deviner.*caractères répétés/s);
      const en = await page(app, "/signup", {
        form: { ...signUpForm(), password: "aaaaaaaaaa", locale: "en" },
        cookie: "ria_lang=en",
      });
      assert.match(await textOf(en), /too easy to guess.*Repeated characters/is);
    });

    await closeTestDatabases();
  });
}
