import assert from "node:assert/strict";
import { closeTestDatabases, createTestApp, testTargets } from "../../api/testing/app.ts";
import { randomEmail, signUpUser, tokenFromEmail } from "../../api/testing/factories.ts";
import { call } from "../../api/testing/http.ts";
import { buildIslands } from "../build.ts";

type App = Awaited<ReturnType<typeof createTestApp>>["app"];

// app.request() uses http://localhost/…; form posts must come from that origin to pass the CSRF check.
const ORIGIN = "http://localhost";

/** A browser-like request: asks for HTML, carries cookies, posts forms from our origin. */
function page(
  app: App,
  path: string,
  opts: { form?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { accept: "text/html", ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.form) headers.origin ??= ORIGIN;
  return app.request(path, {
    method: opts.form ? "POST" : "GET",
    headers,
    body: opts.form ? new URLSearchParams(opts.form) : undefined,
    redirect: "manual",
  });
}

/** The cookies a response sets, as a Cookie header (cleared ones left out). */
function cookiesOf(res: Response): string {
  return res.headers.getSetCookie()
    .filter((c) => !/max-age=0/i.test(c))
    .map((c) => c.split(";")[0])
    .join("; ");
}

function validSignUp(email = randomEmail("page")) {
  return {
    email,
    password: "correct horse battery",
    fullName: "Camille Martin",
    organizationName: `Cabinet ${email}`,
    locale: "fr",
  };
}

for (const target of testTargets()) {
  Deno.test(`pages (${target})`, async (t) => {
    const { app, mailer } = await createTestApp(target);

    await t.step("GET /signup renders French by default and English with the ria_lang cookie", async () => {
      const fr = await page(app, "/signup");
      assert.equal(fr.status, 200);
      const frHtml = await fr.text();
      assert.match(frHtml, /<html lang="fr">/);
      assert.match(frHtml, /Créer votre compte/);
      assert.match(frHtml, /data-island="SignUpForm"/);
      const en = await page(app, "/signup", { cookie: "ria_lang=en" });
      const enHtml = await en.text();
      assert.match(enHtml, /<html lang="en">/);
      assert.match(enHtml, /Create your account/);
      const accept = await page(app, "/signup", { headers: { "accept-language": "en-GB,en;q=0.9" } });
      assert.match(await accept.text(), /<html lang="en">/);
    });

    await t.step(
      "POST /signup with a too-short password re-renders the form with the message, keeping the e-mail",
      async () => {
        const input = { ...validSignUp(), password: "court" };
        const res = await page(app, "/signup", { form: input });
        assert.equal(res.status, 422);
        const html = await res.text();
        assert.match(html, /au moins 10 caractères/);
        assert.ok(html.includes(`value="${input.email}"`), "the typed e-mail is kept");
        assert.ok(html.includes(`value="${input.organizationName}"`), "the organization name is kept");
        assert.ok(!html.includes('value="court"'), "the password is never echoed");
      },
    );

    await t.step(
      "POST /signup with an empty organization name shows the schema's organizationNameRequired message",
      async () => {
        const res = await page(app, "/signup", {
          form: { ...validSignUp(), organizationName: " ", locale: "en" },
          cookie: "ria_lang=en",
        });
        assert.equal(res.status, 422);
        assert.match(await res.text(), /Enter your organization&#39;s name|Enter your organization's name/);
      },
    );

    await t.step(
      "POST /signup signs up, sets the session cookies and redirects to /dashboard showing the organization",
      async () => {
        const input = validSignUp();
        const res = await page(app, "/signup", { form: input });
        assert.equal(res.status, 303);
        assert.equal(res.headers.get("location"), "/dashboard");
        const cookie = cookiesOf(res);
        assert.match(cookie, /__Host-ria_at=/);
        const dash = await page(app, "/dashboard", { cookie });
        assert.equal(dash.status, 200);
        const html = await dash.text();
        assert.ok(html.includes(input.organizationName), "the new organization is listed");
        assert.match(html, /Aucun entretien pour l&#39;instant|Aucun entretien pour l'instant/);
      },
    );

    await t.step(
      "POST /signup for an address that already has an account explains it and keeps the values",
      async () => {
        const input = validSignUp();
        await page(app, "/signup", { form: input });
        const again = await page(app, "/signup", { form: { ...input, fullName: "Someone Else" } });
        assert.equal(again.status, 409);
        const html = await again.text();
        assert.match(html, /Un compte existe déjà/);
        assert.ok(html.includes("Someone Else"));
      },
    );

    await t.step(
      "POST /signin with a wrong password answers 401 with a message and keeps the e-mail",
      async () => {
        const input = validSignUp();
        await page(app, "/signup", { form: input });
        const res = await page(app, "/signin", {
          form: { email: input.email, password: "not the password" },
        });
        assert.equal(res.status, 401);
        const html = await res.text();
        assert.match(html, /Adresse e-mail ou mot de passe incorrect/);
        assert.ok(html.includes(`value="${input.email}"`));
        const ok = await page(app, "/signin", { form: { email: input.email, password: input.password } });
        assert.equal(ok.status, 303);
        assert.equal(ok.headers.get("location"), "/dashboard");
      },
    );

    await t.step("POST /signin goes back to a same-site `next` only, never to another origin", async () => {
      const input = validSignUp();
      await page(app, "/signup", { form: input });
      const same = await page(app, "/signin", {
        form: { email: input.email, password: input.password, next: "/dev/outbox" },
      });
      assert.equal(same.headers.get("location"), "/dev/outbox");
      const evil = await page(app, "/signin", {
        form: { email: input.email, password: input.password, next: "//evil.example/x" },
      });
      assert.equal(evil.headers.get("location"), "/dashboard");
    });

    await t.step("POST /signout ends the session: /dashboard then redirects to /signin", async () => {
      const res = await page(app, "/signup", { form: validSignUp() });
      const cookie = cookiesOf(res);
      const out = await page(app, "/signout", { form: {}, cookie });
      assert.equal(out.status, 303);
      assert.equal(out.headers.get("location"), "/signin");
      const dash = await page(app, "/dashboard", { cookie });
      assert.equal(dash.status, 303);
      assert.equal(dash.headers.get("location"), "/signin");
    });

    await t.step("GET /dashboard and GET / redirect anonymous visitors to /signin", async () => {
      const dash = await page(app, "/dashboard");
      assert.equal(dash.status, 303);
      assert.equal(dash.headers.get("location"), "/signin");
      const home = await page(app, "/");
      assert.equal(home.headers.get("location"), "/signin");
    });

    await t.step(
      "POST /lang sets ria_lang, stores the profile locale and redirects to a same-site path only",
      async () => {
        const res = await page(app, "/signup", { form: validSignUp() });
        const cookie = cookiesOf(res);
        const lang = await page(app, "/lang", { form: { lang: "en", back: "/dashboard" }, cookie });
        assert.equal(lang.status, 303);
        assert.equal(lang.headers.get("location"), "/dashboard");
        assert.match(lang.headers.getSetCookie().join("\n"), /ria_lang=en/);
        // The profile wins over the cookie: a French cookie does not override the stored choice.
        const dash = await page(app, "/dashboard", { cookie: `${cookie}; ria_lang=fr` });
        assert.match(await dash.text(), /<html lang="en">[\s\S]*Hello, Camille Martin/);
        const evil = await page(app, "/lang", { form: { lang: "fr", back: "https://evil.example/" } });
        assert.equal(evil.headers.get("location"), "/");
      },
    );

    await t.step("GET /organizations/:orgId/members of another organization is a 404 page", async () => {
      const other = await signUpUser(app);
      const res = await page(app, "/signup", { form: validSignUp() });
      const members = await page(app, `/organizations/${other.orgId}/members`, { cookie: cookiesOf(res) });
      assert.equal(members.status, 404);
      const html = await members.text();
      assert.match(html, /Page introuvable/);
      assert.ok(!html.includes(other.email), "nothing of the other organization leaks");
      const notUuid = await page(app, "/organizations/not-a-uuid/members", { cookie: cookiesOf(res) });
      assert.equal(notUuid.status, 404);
    });

    await t.step(
      "the members page lets an owner invite a colleague, who gets the e-mail, and lists it as pending",
      async () => {
        const owner = await page(app, "/signup", { form: validSignUp() });
        const cookie = cookiesOf(owner);
        const orgId =
          (await call(app, "GET", "/api/organizations", { headers: { cookie } })).body.items[0].id;
        const colleague = randomEmail("colleague");
        const invite = await page(app, `/organizations/${orgId}/invitations`, {
          form: { email: colleague, role: "recruiter" },
          cookie,
        });
        assert.equal(invite.status, 303);
        assert.equal(invite.headers.get("location"), `/organizations/${orgId}/members?done=invited`);
        assert.match(mailer.lastTo(colleague).text, /\/invitations\/accept\?token=/);
        const list = await (await page(app, `/organizations/${orgId}/members?done=invited`, { cookie }))
          .text();
        assert.match(list, /Invitation envoyée/);
        assert.ok(list.includes(colleague));
        const bad = await page(app, `/organizations/${orgId}/invitations`, {
          form: { email: "nope", role: "recruiter" },
          cookie,
        });
        assert.equal(bad.status, 422);
        assert.match(await bad.text(), /Saisissez une adresse e-mail valide/);
      },
    );

    await t.step(
      "GET /invitations/accept does not consume the invitation; the explicit POST does",
      async () => {
        const inviter = await signUpUser(app);
        const inviteeEmail = randomEmail("invitee");
        await call(app, "POST", `/api/organizations/${inviter.orgId}/invitations`, {
          token: inviter.token,
          json: { email: inviteeEmail, role: "viewer" },
        });
        const token = tokenFromEmail(mailer.lastTo(inviteeEmail).text);

        const anonymous = await (await page(app, `/invitations/accept?token=${token}`)).text();
        assert.match(anonymous, /Rejoindre votre équipe/);
        assert.ok(
          anonymous.includes(`name="invitationToken" value="${token}"`),
          "sign-up carries the invitation",
        );

        const invitee = await page(app, "/signup", { form: validSignUp(inviteeEmail) });
        const cookie = cookiesOf(invitee);
        for (let i = 0; i < 2; i++) {
          const view = await page(app, `/invitations/accept?token=${token}`, { cookie });
          assert.equal(view.status, 200);
          assert.match(await view.text(), /Accepter l&#39;invitation|Accepter l'invitation/);
        }
        const pending = await call(app, "GET", `/api/organizations/${inviter.orgId}/invitations`, {
          token: inviter.token,
        });
        assert.equal(pending.body.items[0].status, "pending");

        const accepted = await page(app, "/invitations/accept", { form: { token }, cookie });
        assert.equal(accepted.status, 303);
        assert.equal(accepted.headers.get("location"), "/dashboard?done=joined");
        const members = await page(app, `/organizations/${inviter.orgId}/members`, { cookie });
        assert.equal(members.status, 200);
        const reused = await page(app, "/invitations/accept", { form: { token }, cookie });
        assert.equal(reused.status, 404);
        assert.match(await reused.text(), /n&#39;est plus valable|n'est plus valable/);
      },
    );

    await t.step(
      "POST /signup with an invitation token joins the inviter's organization without naming one",
      async () => {
        const inviter = await signUpUser(app);
        const email = randomEmail("joiner");
        await call(app, "POST", `/api/organizations/${inviter.orgId}/invitations`, {
          token: inviter.token,
          json: { email, role: "recruiter" },
        });
        const token = tokenFromEmail(mailer.lastTo(email).text);
        const res = await page(app, "/signup", {
          form: {
            email,
            password: "correct horse battery",
            fullName: "Joiner",
            invitationToken: token,
            locale: "fr",
          },
        });
        assert.equal(res.status, 303);
        assert.equal(res.headers.get("location"), "/dashboard?done=joined");
        const members = await page(app, `/organizations/${inviter.orgId}/members`, {
          cookie: cookiesOf(res),
        });
        assert.equal(members.status, 200);
      },
    );

    await t.step("a form POST from another origin is refused with 403", async () => {
      const res = await page(app, "/signin", {
        form: { email: "a@example.test", password: "whatever-long" },
        headers: { origin: "https://evil.example" },
      });
      assert.equal(res.status, 403);
    });

    await t.step(
      "the sign-up page loads its built island script, served from /static/build with a long cache",
      async () => {
        await buildIslands();
        const html = await (await page(app, "/signup")).text();
        const src = html.match(/<script type="module" src="([^"]+)"/)?.[1];
        assert.match(src ?? "", /^\/static\/build\/hydrate-[A-Z0-9]+\.js$/, `island script: ${src}`);
        const js = await app.request(src!);
        assert.equal(js.status, 200);
        assert.match(js.headers.get("content-type") ?? "", /javascript/);
        assert.match(js.headers.get("cache-control") ?? "", /immutable/);
        await js.body?.cancel();
        const dash = await page(app, "/signin");
        assert.ok(
          !(await dash.text()).includes('<script type="module"'),
          "pages without islands load no script",
        );
        const css = await app.request("/static/styles.css");
        assert.equal(css.status, 200);
        assert.match(css.headers.get("content-type") ?? "", /text\/css/);
        await css.body?.cancel();
      },
    );
  });
}

Deno.test("close test databases", async () => {
  await closeTestDatabases();
});
