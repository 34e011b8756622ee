/** Browser-like requests for in-process page tests (shared by web/routes/*_test.ts). */
import type { createTestApp } from "../../api/testing/app.ts";
import { signUpUser, type TestUser } from "../../api/testing/factories.ts";

export type App = Awaited<ReturnType<typeof createTestApp>>["app"];

// app.request() uses http://localhost/…; form posts must come from that origin to pass the CSRF check.
const ORIGIN = "http://localhost";

/** What Deno.serve tells the app about the socket (read by getConnInfo), for a peer at `address`. */
export function connectionFrom(address: string): { remoteAddr: Deno.NetAddr } {
  return { remoteAddr: { transport: "tcp", hostname: address, port: 50_000 } };
}

/**
 * A page request: asks for HTML, carries cookies, posts forms (fields or multipart) from our origin.
 * `peer` is the client address the socket would show (none by default, as for an in-process call).
 */
export function page(
  app: App,
  path: string,
  opts: {
    form?: Record<string, string> | FormData;
    cookie?: string;
    headers?: Record<string, string>;
    peer?: string;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: "text/html", ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.form) headers.origin ??= ORIGIN;
  const body = opts.form instanceof FormData
    ? opts.form
    : opts.form
    ? new URLSearchParams(opts.form)
    : undefined;
  return Promise.resolve(app.request(path, {
    method: opts.form ? "POST" : "GET",
    headers,
    body,
    redirect: "manual",
  }, opts.peer ? connectionFrom(opts.peer) : undefined));
}

/** The cookies a response sets, as a Cookie header (cleared ones left out). */
export function cookiesOf(res: Response): string {
  return res.headers.getSetCookie()
    .filter((c) => !/max-age=0/i.test(c))
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A new user owning a fresh organization, signed in through the sign-in page (session cookies). */
export async function signedInUser(app: App): Promise<TestUser & { cookie: string }> {
  const user = await signUpUser(app);
  const res = await page(app, "/signin", { form: { email: user.email, password: user.password } });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return { ...user, cookie: cookiesOf(res) };
}

/** The HTML text with entities decoded enough to match French apostrophes and quotes. */
export async function textOf(res: Response): Promise<string> {
  return (await res.text()).replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}
