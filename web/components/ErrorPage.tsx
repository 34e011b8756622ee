import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppError } from "../../api/lib/errors.ts";
import { Layout } from "./Layout.tsx";
import { type MessageKey, t } from "../i18n/t.ts";
import { html, requestLocale } from "../lib/page.tsx";

type Kind =
  | "notFound"
  | "unauthenticated"
  | "forbidden"
  | "rateLimited"
  | "invalid"
  | "unavailable"
  | "internal";

function kindOf(err: AppError): Kind {
  switch (err.code) {
    case "notFound":
    case "unauthenticated":
    case "forbidden":
    case "rateLimited":
    case "unavailable":
      return err.code;
    case "badRequest":
    case "invalidInput":
    case "conflict":
    case "payloadTooLarge":
    case "unsupportedMediaType":
      return "invalid";
    default:
      return "internal";
  }
}

/**
 * The HTML error page for browsers (404, 403, 500…), in the visitor's language, with the right status.
 * It never shows the internal message; a 5xx shows the request id so support can find the log line.
 */
export function renderErrorPage(c: Context, err: AppError): Response {
  const locale = requestLocale(c);
  const kind = kindOf(err);
  const isSignedIn = Boolean(c.get("claims"));
  const requestId = c.get("requestId") as string | undefined;
  const url = new URL(c.req.url);
  const title = t(locale, `errorPageTitle_${kind}` as MessageKey);
  return html(
    c,
    <Layout
      locale={locale}
      title={title}
      currentPath={c.req.method === "GET" ? url.pathname + url.search : "/"}
      isSignedIn={isSignedIn}
      width="narrow"
    >
      <section class="card card-auth error-card">
        <p class="error-code">{t(locale, "errorPageCode", { status: err.status })}</p>
        <h1>{title}</h1>
        <p class="lead">{t(locale, `errorPageText_${kind}` as MessageKey)}</p>
        {err.status >= 500 && requestId && (
          <p class="muted small">{t(locale, "errorPageRequestId", { id: requestId })}</p>
        )}
        <p>
          {kind === "unauthenticated"
            ? <a class="button button-primary" href="/signin">{t(locale, "navSignIn")}</a>
            : (
              <a class="button button-primary" href={isSignedIn ? "/dashboard" : "/"}>
                {t(locale, "errorPageHome")}
              </a>
            )}
        </p>
      </section>
    </Layout>,
    err.status as ContentfulStatusCode,
  );
}
