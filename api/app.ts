import { Hono } from "hono";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv, Deps } from "./app_env.ts";
import { AppError } from "./lib/errors.ts";
import { fromDatabaseError } from "./lib/db_errors.ts";
import { log } from "./lib/log.ts";
import { recordRequest } from "./lib/metrics.ts";
import { identify } from "./auth/session.ts";
import { health } from "./routes/health.ts";
import { metrics } from "./routes/metrics.ts";
import { auth, jwks } from "./routes/auth.ts";
import { me } from "./routes/me.ts";
import { notifications } from "./routes/notifications.ts";
import { admin, organizationInvitations, organizations } from "./routes/organizations.ts";
import { candidates } from "./routes/candidates.ts";
import { interviews, jobs } from "./routes/interviews.ts";
import { questions } from "./routes/questions.ts";
import { reports } from "./routes/reports.ts";
import { governance } from "./routes/governance.ts";
import { evaluations } from "./routes/evaluations.ts";
import { invitations } from "./routes/invitations.ts";
import { signedObjects } from "./routes/storage.ts";
import { candidateInterview, candidateLinks } from "./routes/candidate.ts";
import { realtime } from "./routes/realtime.ts";
import { realtimeToken } from "./routes/realtime_token.ts";
import { live } from "./routes/live.ts";
import { apiKeys } from "./routes/api_keys.ts";
import { v1 } from "./routes/v1.ts";
import { dataRequests, exportSchemas, rightsRequests } from "./routes/data_requests.ts";
import { webhooks } from "./routes/webhooks.ts";
import { pages } from "../web/routes/pages.tsx";
import { renderErrorPage } from "../web/components/ErrorPage.tsx";

/** The longest client-chosen X-Request-Id kept as is. */
export const REQUEST_ID_MAX_LENGTH = 64;

/** Maps anything thrown to the AppError the caller should see (unknown errors become internalError). */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError("payloadTooLarge", "Request body too large");
    if (err.status === 403) return new AppError("forbidden", err.message || "Forbidden");
    if (err.status === 400) return new AppError("badRequest", err.message || "Bad request");
  }
  return fromDatabaseError(err) ?? new AppError("internalError", "Something went wrong on our side");
}

/** The REST API's candidate creation with its CV in a form: an upload, with the CV's size limit. */
function isApiCandidateForm(c: Context): boolean {
  return c.req.path === "/api/v1/candidates" &&
    (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

function wantsHtml(c: Context): boolean {
  return !c.req.path.startsWith("/api/") && !c.req.path.startsWith("/auth/") &&
    (c.req.header("accept") ?? "").includes("text/html");
}

/** Builds the whole app (API + pages) from its dependencies; tests call it with their own. */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const publicOrigin = new URL(deps.config.publicUrl).origin;

  // A client's X-Request-Id is kept only if it is 1-64 characters of [A-Za-z0-9_=-] (hono's own check,
  // with a shorter limit): anything else (CR/LF, quotes, 10 KB) is replaced, so it is safe in every log line.
  app.use(requestId({ limitLength: REQUEST_ID_MAX_LENGTH }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    const started = performance.now();
    await next();
    // The route pattern ("/i/:token"), never the raw path: paths and query strings carry single-use tokens.
    const route = routePath(c);
    const ms = performance.now() - started;
    log.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(ms * 10) / 10,
    });
    recordRequest(c.req.method, route, c.res.status, ms / 1000);
  });
  // Responses are personal (JSON, tokens, redirects that set cookies): nothing is cached unless the
  // handler says otherwise (JWKS and static files set their own Cache-Control).
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  // Stored CVs (PDF) are previewed in a frame beside their text on our own pages: their responses may be
  // framed by this origin only. Registered before secureHeaders so it runs after it on the way out.
  app.use(async (c, next) => {
    await next();
    if (
      c.req.method === "GET" && c.req.path.endsWith("/cv") &&
      c.res.headers.get("content-type") === "application/pdf"
    ) {
      c.res.headers.set("Content-Security-Policy", "frame-ancestors 'self'");
      c.res.headers.set("X-Frame-Options", "SAMEORIGIN");
    }
  });
  // Supabase mode: the browser's Realtime client connects to the project (wss), and recordings play from
  // Storage's signed URLs (https).
  const supabase = deps.config.mode.kind === "supabase" ? new URL(deps.config.mode.url) : null;
  const realtimeOrigin = supabase
    ? [`${supabase.protocol === "https:" ? "wss" : "ws"}://${supabase.host}`]
    : [];
  const storageOrigin = supabase ? [supabase.origin] : [];
  app.use(secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      connectSrc: ["'self'", ...realtimeOrigin],
      imgSrc: ["'self'", "data:", "blob:"],
      mediaSrc: ["'self'", "blob:", ...storageOrigin],
      styleSrc: ["'self'"],
      workerSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    permissionsPolicy: { camera: ["self"], microphone: ["self"], geolocation: [] },
  }));
  // File uploads (paths ending in /cv) get their own, larger limit; everything else the general one.
  const uploadLimit = bodyLimit({
    maxSize: deps.config.cvMaxBytes,
    onError: () => {
      throw new AppError("payloadTooLarge", `File too large: the limit is ${deps.config.cvMaxBytes} bytes`);
    },
  });
  const generalLimit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: () => {
      throw new AppError(
        "payloadTooLarge",
        `Request body too large: the limit is ${deps.config.maxBodyBytes} bytes`,
      );
    },
  });
  // A candidate's recorded answer (…/answers/audio) gets the recording limit.
  const audioLimit = bodyLimit({
    maxSize: deps.config.audioMaxBytes,
    onError: () => {
      throw new AppError(
        "payloadTooLarge",
        `Recording too large: the limit is ${deps.config.audioMaxBytes} bytes`,
      );
    },
  });
  app.use((c, next) =>
    (c.req.path.endsWith("/cv") || isApiCandidateForm(c)
      ? uploadLimit
      : c.req.path.endsWith("/answers/audio")
      ? audioLimit
      : generalLimit)(
        c,
        next,
      )
  );
  // Cookie-authenticated form posts from another site are refused. Only POST can come from a form (other
  // methods and JSON need a CORS preflight we never grant), and bearer tokens are not ambient credentials.
  const checkOrigin = csrf({
    origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin,
  });
  app.use((c, next) =>
    c.req.method === "POST" && !c.req.header("authorization") ? checkOrigin(c, next) : next()
  );
  // Before `identify`: /metrics takes METRICS_TOKEN as its bearer token, which is not a session's JWT.
  app.route("/metrics", metrics);
  // Before `identify` too: the REST API's bearer token is an API key (api/auth/api_key.ts), not a JWT.
  app.route("/api/v1", v1);
  app.use(identify);

  app.route("/api/health", health);
  app.route("/api/auth", auth);
  app.route("/auth/v1/.well-known/jwks.json", jwks);
  app.route("/api/me", me);
  app.route("/api/notifications", notifications);
  app.route("/api/organizations", organizations);
  app.route("/api/organizations/:orgId/interviews", interviews);
  app.route("/api/organizations/:orgId/interviews/:interviewId/questions", questions);
  app.route("/api/organizations/:orgId/interviews/:interviewId/invitations", invitations);
  app.route("/api/organizations/:orgId/interviews/:interviewId/live", live);
  app.route("/api/organizations/:orgId", evaluations);
  app.route("/api/organizations/:orgId/jobs", jobs);
  app.route("/api/organization-invitations", organizationInvitations);
  app.route("/api/admin", admin);
  app.route("/api/organizations/:orgId/candidates", candidates);
  app.route("/api/organizations/:orgId/api-keys", apiKeys);
  app.route("/api/organizations/:orgId/webhooks", webhooks);
  app.route("/api/organizations/:orgId", reports);
  app.route("/api/organizations/:orgId", dataRequests);
  app.route("/api/rights", rightsRequests);
  app.route("/schemas", exportSchemas);
  app.route("/api/organizations/:orgId", governance);
  app.route("/storage/v1/object/sign", signedObjects);
  app.route("/api/candidate/links", candidateLinks);
  app.route("/api/candidate/interviews/:interviewId", candidateInterview);
  app.route("/api/realtime/token", realtimeToken);
  app.route("/api/realtime", realtime);
  app.route("/", pages);

  app.notFound((c) => {
    const err = new AppError("notFound", `No route for ${c.req.method} ${c.req.path}`);
    return wantsHtml(c)
      ? renderErrorPage(c, err)
      : c.json({ error: { code: err.code, message: err.message }, requestId: c.get("requestId") }, 404);
  });
  app.onError((thrown, c) => {
    const err = toAppError(thrown);
    if (err.code === "internalError" || err.code === "unavailable") {
      log.error("request failed", {
        requestId: c.get("requestId"),
        route: routePath(c),
        error: thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown),
      });
    }
    if (err.code === "rateLimited") {
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) c.header("Retry-After", String(retry));
    }
    if (wantsHtml(c)) return renderErrorPage(c, err);
    const body = {
      error: { code: err.code, message: err.message, details: err.details },
      requestId: c.get("requestId"),
    };
    return c.json(body, err.status as ContentfulStatusCode);
  });
  return app;
}
