import { Hono } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { LocaleSchema } from "../../api/contract/auth.ts";
import type { AiSystem } from "../../api/contract/governance.ts";
import { getAiTransparency, transparencyPathForInterview } from "../../api/services/governance.ts";
import { Layout } from "../components/Layout.tsx";
import { PageHeader } from "../components/ui.tsx";
import { type Locale, type MessageKey, t } from "../i18n/t.ts";
import { html, requestLocale, uuidParam } from "../lib/page.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";

/** Who answers for a task, in words: the provider and model, or the server's own offline method. */
function systemLabel(locale: Locale, s: AiSystem): string {
  if (s.region === "local" && !s.host && ["offline", "template", "pocketsphinx"].includes(s.provider)) {
    return s.provider === "pocketsphinx" ? "PocketSphinx" : t(locale, "aiPageOffline");
  }
  return s.model ? `${s.provider} — ${s.model}` : s.provider;
}

/**
 * The public AI transparency page of one organization (linked from the candidate's notice): which AI
 * systems this server is configured with and what for, that a person decides, that no emotion is
 * inferred, that no model is trained, the retention, and whom to write to. `?lang=` picks the language.
 */
export const aiTransparencyPages = new Hono<AppEnv>()
  .get("/ai-transparency/interview/:interviewId", async (c) => {
    return c.redirect(await transparencyPathForInterview(c.get("deps"), uuidParam(c, "interviewId")), 303);
  })
  .get("/ai-transparency/:orgId", async (c) => {
    const orgId = uuidParam(c, "orgId");
    const asked = LocaleSchema.safeParse(c.req.query("lang"));
    const locale = asked.success ? asked.data : requestLocale(c);
    const { org, systems } = await getAiTransparency(c.get("deps"), orgId);
    const title = t(locale, "aiPageTitle", { org: org.name });
    return html(
      c,
      <Layout locale={locale} title={title} currentPath={`/ai-transparency/${orgId}`} isSignedIn={false}>
        <PageHeader title={title} lead={t(locale, "aiPageLead", { org: org.name })} />
        <section class="panel panel-padded section">
          <h2 id="ai-systems-title">{t(locale, "aiPageSystemsTitle")}</h2>
          <ScrollRegion label={t(locale, "aiPageSystemsTitle")}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t(locale, "aiPageColTask")}</th>
                  <th scope="col">{t(locale, "aiPageColProvider")}</th>
                  <th scope="col">{t(locale, "aiPageColPrompt")}</th>
                  <th scope="col">{t(locale, "aiPageColWhere")}</th>
                </tr>
              </thead>
              <tbody>
                {systems.map((s) => (
                  <tr key={s.task}>
                    <td>
                      <strong>{t(locale, `aiTask_${s.task}` as MessageKey)}</strong>
                      <br />
                      <span class="small">{t(locale, `aiPagePurpose_${s.task}` as MessageKey)}</span>
                    </td>
                    <td>{systemLabel(locale, s)}</td>
                    <td>{s.promptVersion ?? "—"}</td>
                    <td>{t(locale, `region_${s.region}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
        {(
          [
            ["aiPageHumanTitle", t(locale, "aiPageHuman")],
            ["aiPageEmotionsTitle", t(locale, "aiPageEmotions")],
            ["aiPageTrainingTitle", t(locale, "aiPageTraining", { org: org.name })],
          ] as const
        ).map(([heading, text]) => (
          <section class="panel panel-padded section" key={heading}>
            <h2>{t(locale, heading)}</h2>
            <p>{text}</p>
          </section>
        ))}
        <section class="panel panel-padded section">
          <h2>{t(locale, "aiPageContactTitle")}</h2>
          <p>{t(locale, "aiPageRetention", { days: org.retentionDays, audio: org.audioRetentionDays })}</p>
          {org.contactEmail && <p>{t(locale, "aiPageContact", { email: org.contactEmail })}</p>}
        </section>
      </Layout>,
    );
  });
