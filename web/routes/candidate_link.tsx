import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { type LinkProblem, openLink, viewLink } from "../../api/services/candidate_session.ts";
import { setCandidateCookies } from "../../api/auth/session.ts";
import { requestIp } from "../../api/lib/request_ip.ts";
import { AppError } from "../../api/lib/errors.ts";
import type { Locale } from "../../api/contract/auth.ts";
import { Layout } from "../components/Layout.tsx";
import { type MessageKey, t } from "../i18n/t.ts";
import { html, requestLocale } from "../lib/page.tsx";

const PROBLEMS: Record<string, LinkProblem> = {
  linkInvalid: "invalid",
  linkUsed: "used",
  linkExpired: "expired",
  linkRevoked: "revoked",
};

/**
 * What to do when a link cannot be used: a page, never a bare 404. 404 for an unknown link, 410 for a
 * link that existed (used, expired, revoked): its holder had it from the e-mail, nothing is enumerated.
 */
export function linkProblemPage(c: Context<AppEnv>, problem: LinkProblem, language: Locale | null): Response {
  const locale = language ?? requestLocale(c);
  const title = t(locale, "roomLinkProblemTitle");
  return html(
    c,
    <Layout locale={locale} title={title} currentPath="/" isSignedIn={false} width="narrow">
      <section class="card card-auth">
        <h1>{title}</h1>
        <p class="lead">{t(locale, `roomLinkProblem_${problem}` as MessageKey)}</p>
        <p>{t(locale, "roomLinkProblemContact")}</p>
      </section>
    </Layout>,
    problem === "invalid" ? 404 : 410,
  );
}

/**
 * `/i/<token>`: the GET only shows the invitation (mail scanners follow links, so it uses nothing); the
 * "Start" button posts to the same address, which uses the link once and moves to a token-free address.
 * The token is in the path, so request logs name the route pattern, never the path.
 */
export const candidateLinkPages = new Hono<AppEnv>()
  .get("/i/:token", async (c) => {
    const view = await viewLink(c.get("deps"), c.req.param("token"));
    if (!view.ok) return linkProblemPage(c, view.problem, view.language);
    const locale = view.language;
    const title = t(locale, "roomLandingTitle", { job: view.jobTitle });
    return html(
      c,
      <Layout locale={locale} title={title} currentPath="/" isSignedIn={false} width="narrow">
        <section class="card card-auth">
          <h1>{title}</h1>
          <p class="lead">{t(locale, "roomLandingLead", { org: view.orgName, job: view.jobTitle })}</p>
          <p>
            {t(locale, "roomLandingDuration", { count: view.questionCount, minutes: view.expectedMinutes })}
          </p>
          <p class="muted small">{t(locale, "roomLandingNote")}</p>
          <form method="post" class="form">
            <button type="submit" class="button button-primary">{t(locale, "roomLandingStart")}</button>
          </form>
        </section>
      </Layout>,
    );
  })
  .post("/i/:token", async (c) => {
    const deps = c.get("deps");
    const ctx = { ip: requestIp(c, deps.config.trustProxy), userAgent: c.req.header("user-agent") };
    try {
      const opened = await openLink(deps, c.req.param("token"), ctx);
      setCandidateCookies(c, opened);
      return c.redirect(`/interview/${opened.interviewId}`, 303);
    } catch (err) {
      const reason = err instanceof AppError ? err.details?.reason : undefined;
      const problem = reason ? PROBLEMS[reason] : undefined;
      if (!problem) throw err;
      const view = await viewLink(deps, c.req.param("token"));
      return linkProblemPage(c, problem, view.ok ? view.language : view.language);
    }
  });
