import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../api/app_env.ts";
import type { Claims } from "../../api/db/tx.ts";
import { type Locale, LocaleSchema } from "../../api/contract/auth.ts";
import { getMeAnd, type Me } from "../../api/services/accounts.ts";
import { AppError } from "../../api/lib/errors.ts";
import { fromDatabaseError } from "../../api/lib/db_errors.ts";
import { formBody } from "../../api/lib/validate.ts";
import type { Role } from "../../api/contract/organizations.ts";
import { canWrite } from "../../api/services/access.ts";
import { latestWithin } from "../../api/services/notifications.ts";
import {
  type HeaderNotifications,
  HeaderNotificationsContext,
  RealtimeTransportContext,
} from "../components/header_context.ts";
import { accessTokenOf } from "../../api/auth/claims_token.ts";
import type { TransportConfig } from "./realtime.ts";
import { MENU_SIZE } from "./notifications.ts";

export const LANG_COOKIE = "ria_lang";

export type PageState = {
  claims: Claims | null;
  me: Me | null;
  locale: Locale;
  /** The header's bell, for members of an organization (signed-in pages only). */
  notifications?: HeaderNotifications;
};
/** What a page for signed-in callers renders with. */
export type SignedInState = PageState & { claims: Claims; me: Me };

// Keyed by the raw request so the error page (which has no database access) reuses what a page resolved.
const resolved = new WeakMap<Request, Locale>();

/** The language from the request alone: `ria_lang` cookie, then Accept-Language, then French. */
export function requestLocale(c: Context): Locale {
  const known = resolved.get(c.req.raw);
  if (known) return known;
  const cookie = LocaleSchema.safeParse(getCookie(c, LANG_COOKIE));
  if (cookie.success) return cookie.data;
  const ranked = (c.req.header("accept-language") ?? "").split(",").map((part) => {
    const [tag, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return { lang: tag.split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1 };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q);
  const match = ranked.find((x) => x.lang === "fr" || x.lang === "en");
  return (match?.lang as Locale | undefined) ?? "fr";
}

/** The caller, their profile and the page language (profile locale > cookie > Accept-Language > fr). */
export async function pageState<E extends AppEnv>(c: Context<E>): Promise<PageState> {
  const claims = c.get("claims") ?? null;
  // The header's bell comes with the profile, in the same transaction (members of an organization only).
  const found = claims
    ? await getMeAnd(
      c.get("deps"),
      claims,
      (tx, me) => me.organizations.length > 0 ? latestWithin(tx, MENU_SIZE) : Promise.resolve(null),
    )
    : null;
  const me = found?.me ?? null;
  const notifications = found?.also ? { userId: found.me.id, ...found.also } : undefined;
  const locale = me?.locale ?? requestLocale(c);
  resolved.set(c.req.raw, locale);
  return { claims, me, locale, notifications };
}

/** Like pageState, for pages that need a signed-in caller: anonymous visitors are sent to sign in. */
async function signedInState<E extends AppEnv>(c: Context<E>): Promise<SignedInState | null> {
  const state = await pageState(c);
  if (!state.claims || !state.me) return null;
  return state as SignedInState;
}

/** A full HTML document; pages carry personal data, so nothing is cached. */
export function html(c: Context, node: VNode, status: ContentfulStatusCode = 200): Response {
  c.header("Cache-Control", "no-store");
  const header = (c.var as { page?: PageState }).page?.notifications ?? null;
  const page = (
    <RealtimeTransportContext.Provider value={realtimeTransport(c)}>
      <HeaderNotificationsContext.Provider value={header}>{node}</HeaderNotificationsContext.Provider>
    </RealtimeTransportContext.Provider>
  );
  return c.html(`<!doctype html>${renderToString(page)}`, status);
}

/**
 * Supabase mode: where the browser's Realtime client connects, and the signed-in recruiter's own session
 * token (short-lived, renewed through /api/realtime/token before it expires). A candidate's page renders
 * no token: its session cookie is read by that endpoint, which the client asks before connecting.
 */
function realtimeTransport(c: Context): TransportConfig | null {
  const deps = (c.var as { deps?: AppEnv["Variables"]["deps"] }).deps;
  if (deps?.config.mode.kind !== "supabase") return null;
  const claims = (c.var as { claims?: Claims | null }).claims;
  const token = claims ? accessTokenOf(claims) : undefined;
  return {
    mode: "supabase",
    url: deps.config.mode.url,
    anonKey: deps.config.mode.anonKey,
    accessToken: token ?? "",
    expiresAt: token ? claims?.exp : undefined,
    tokenUrl: "/api/realtime/token",
  };
}

/** Sends an anonymous visitor to sign in, then back to `back` (default: the page they asked for). */
export function signInRedirect(c: Context, back?: string): Response {
  const url = new URL(c.req.url);
  const next = back ?? url.pathname + url.search;
  // Signing in leads to the dashboard anyway: no `next` for it.
  return c.redirect(next === "/dashboard" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`, 303);
}

/**
 * The page a form posted to `path` is on, where an anonymous poster (whose session lapsed) comes back
 * after signing in: `/organizations/:orgId/<section>[/<id>]`, colleague invitations being on the members
 * page and a new interview's form on `interviews/new`.
 */
function formPage(path: string): string {
  const [, , orgId, section, id] = path.split("/");
  if (!orgId || !section) return "/dashboard";
  const base = `/organizations/${orgId}`;
  if (section === "members" || section === "invitations") return `${base}/members`;
  if (section === "interviews") return `${base}/interviews/${UUID.test(id ?? "") ? id : "new"}`;
  if (section === "candidates") return `${base}/candidates${UUID.test(id ?? "") ? `/${id}` : ""}`;
  return "/dashboard";
}

/** Context variables of a page for signed-in callers (set by `signedIn`). */
export type SignedInEnv = { Variables: AppEnv["Variables"] & { page: SignedInState } };
/** Context variables of an `/organizations/:orgId/*` page (set by `orgMember`). */
export type OrgEnv = { Variables: SignedInEnv["Variables"] & { org: Membership } };

/**
 * Resolves the signed-in caller once per request into `c.var.page`; anonymous visitors are sent to sign
 * in, and come back to the page they asked for (or, for a form post, the page the form is on).
 */
export const signedIn = createMiddleware<SignedInEnv>(async (c, next) => {
  const state = await signedInState(c);
  if (!state) return signInRedirect(c, c.req.method === "GET" ? undefined : formPage(c.req.path));
  c.set("page", state);
  return await next();
});

/**
 * For `/organizations/:orgId/*`: a non-UUID id or an organization the caller is not a member of is a 404
 * (strangers cannot tell it exists); members get `c.var.org` (their role and whether it may write).
 */
export const orgMember = createMiddleware<OrgEnv>(async (c, next) => {
  const orgId = uuidParam(c, "orgId");
  const state = await signedInState(c);
  if (!state) return signInRedirect(c, c.req.method === "GET" ? undefined : formPage(c.req.path));
  c.set("page", state);
  c.set("org", membership(state.me, orgId));
  return await next();
});

const SAME_SITE = "http://same.invalid";

/**
 * `value` as a path on this site ("/x?y"), else null: redirect targets from forms and query strings must
 * never send people to another origin. Checked on the normalised form, as a browser would resolve it
 * ("/.//evil" and "/..//evil" become "//evil", a protocol-relative URL), and refused when it has a
 * backslash or a control character anywhere (browsers read "\" as "/" and drop tabs and newlines).
 */
export function safePath(value: string | undefined | null): string | null {
  if (!value || !value.startsWith("/")) return null;
  if ([...value].some((ch) => ch === "\\" || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(value, SAME_SITE);
  } catch {
    return null;
  }
  const path = url.pathname + url.search;
  if (url.origin !== SAME_SITE || !path.startsWith("/") || path.startsWith("//")) return null;
  return path;
}

/** The string fields of a posted form (files are ignored). */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await formBody(c);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/**
 * Runs `fn`; an AppError with one of `codes` (database errors mapped as api/app.ts does) is returned
 * instead of thrown, for forms to re-render. Anything else goes on to the error page.
 */
export async function attempt<T>(
  fn: () => Promise<T>,
  codes: readonly AppError["code"][],
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const error = err instanceof AppError ? err : fromDatabaseError(err);
    if (error && codes.includes(error.code)) return { ok: false, error };
    throw err;
  }
}

/** The HTTP status a re-rendered form answers with after `err`. */
export function statusOf(err: AppError): ContentfulStatusCode {
  return err.status as ContentfulStatusCode;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page that needs an organization id in its path answers 404 for anything but a UUID. */
export function uuidParam(c: Context, name: string): string {
  const value = c.req.param(name) ?? "";
  if (!UUID.test(value)) {
    throw new AppError("notFound", "Page not found");
  }
  return value;
}

export type Membership = { id: string; name: string; role: Role; canWrite: boolean };

/** The caller's membership of `orgId` (a 404 for anyone else), and whether their role may make changes. */
function membership(me: Me, orgId: string): Membership {
  const org = me.organizations.find((o) => o.id === orgId);
  if (!org) throw new AppError("notFound", "Organization not found");
  return { ...org, canWrite: canWrite(org.role) };
}

/** The uploaded file of a multipart form field, or null when none was chosen. */
export async function readFile(c: Context, field: string): Promise<File | null> {
  const value = (await formBody(c))[field];
  return value instanceof File && value.size > 0 ? value : null;
}
