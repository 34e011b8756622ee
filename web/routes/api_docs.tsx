import { Hono } from "hono";
import type { AppEnv } from "../../api/app_env.ts";
import { V1_OPERATIONS } from "../../api/contract/v1_operations.ts";
import { openApiDocument, openApiPath } from "../../api/routes/v1_openapi.ts";
import { Layout } from "../components/Layout.tsx";
import { PageHeader } from "../components/ui.tsx";
import { type MessageKey, t } from "../i18n/t.ts";
import { html, pageState } from "../lib/page.tsx";

/**
 * What an operation does, in the page's language (the OpenAPI document keeps the contract's English). A test
 * fails when an operation has no text in a language.
 */
export const operationText = (operationId: string) => `apiOp_${operationId}` as MessageKey;

type Parameter = { name: string; in: string; required: boolean; description?: string };
type Operation = { parameters: Parameter[] };

/**
 * The REST API's documentation, self-hosted and server-rendered from the OpenAPI document the API serves
 * (no script, no CDN): every operation with its scope, parameters and a curl example.
 */
export const apiDocsPages = new Hono<AppEnv>().get("/docs/api", async (c) => {
  const state = await pageState(c);
  const { locale } = state;
  const { publicUrl } = c.get("deps").config;
  const document = openApiDocument(publicUrl) as { paths: Record<string, Record<string, Operation>> };
  return html(
    c,
    <Layout
      locale={locale}
      title={t(locale, "apiDocsTitle")}
      currentPath="/docs/api"
      isSignedIn={Boolean(state.claims)}
      orgId={state.me?.organizations[0]?.id}
    >
      <PageHeader title={t(locale, "apiDocsTitle")} lead={t(locale, "apiDocsLead")} />
      <p>
        {t(locale, "apiDocsContract")} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      <p>{t(locale, "apiDocsRules")}</p>
      {V1_OPERATIONS.map((op) => {
        const path = openApiPath(op.path);
        const documented = document.paths[path][op.method];
        const id = `op-${op.operationId}`;
        return (
          <section class="panel panel-padded api-operation" aria-labelledby={id} key={id}>
            <h2 id={id}>
              <code>{op.method.toUpperCase()} {path}</code>
            </h2>
            <p>{t(locale, operationText(op.operationId))}</p>
            <p class="muted">{t(locale, "apiDocsScope", { scope: op.scope })}</p>
            {documented.parameters.length > 0 && (
              <>
                <h3>{t(locale, "apiDocsParameters")}</h3>
                <ul>
                  {documented.parameters.map((p) => (
                    <li key={`${p.in}-${p.name}`}>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? `, ${t(locale, "apiDocsRequired")}` : ""})
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>{t(locale, "apiDocsExample")}</h3>
            <pre><code>{op.curl.replaceAll("$BASE", publicUrl)}</code></pre>
          </section>
        );
      })}
    </Layout>,
  );
});
