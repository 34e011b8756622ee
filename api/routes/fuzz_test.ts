/**
 * Fuzz suite generated from the route table: every route of `app.routes` (API and pages) receives
 * arbitrary path ids, query strings and bodies — control characters and NUL, lone surrogates, 10k-character
 * strings, huge numbers, 5,000-level nesting, arrays where objects are expected, wrong or missing content
 * types, invalid UTF-8, broken multipart. Properties: no 5xx (pages included), and every API error is JSON
 * in the one error shape with its requestId. Three inputs in four come from the owner of a fixture
 * organization (path ids from api/testing/route_samples.ts, bodies mutated from its valid samples), so they
 * get past authorization into validation and services; the rest are anonymous. The candidate's room (API
 * and pages) is called by the candidate instead, in a room where a question is on screen and one is
 * answered, since nobody else gets past its first check. Path parameters without a fixture get random ids:
 * new routes are fuzzed without editing this file.
 *
 * Environment:
 * - FUZZ_RUNS: inputs per database (default 10,000, spread over the routes); e.g. FUZZ_RUNS=100000.
 * - FUZZ_RUNS_POSTGRES: inputs on PostgreSQL when TEST_DATABASE_URL is set (default 2,500).
 * - Replay a failure with what its message prints:
 *   FUZZ_ROUTE='POST /api/…' FUZZ_SEED=123 FUZZ_PATH='4:1:0' deno test -A api/routes/fuzz_test.ts
 *   (add TEST_DATABASE_URL=… when the failure was on PostgreSQL).
 */
import { startWorker } from "../jobs/worker.ts";
import * as fc from "fast-check";
import { closeTestDatabases, createTestApp, type TestTarget, testTargets } from "../testing/app.ts";
import { createFixture, type Fixture, PARAM_FROM_FIXTURE, sampleBody } from "../testing/route_samples.ts";
import { ErrorBodySchema } from "../contract/errors.ts";
import { cookiesOf, page } from "../../web/lib/test_helpers.ts";
import { candidateInRoom } from "../testing/candidate.ts";

const env = (name: string) => Deno.env.get(name) || undefined;
const SEED = env("FUZZ_SEED") ? Number(env("FUZZ_SEED")) : Date.now() ^ (Math.random() * 2 ** 31);
const PATH = env("FUZZ_PATH");
const ONLY_ROUTE = env("FUZZ_ROUTE");
const RUNS: Record<TestTarget, number> = {
  pglite: Number(env("FUZZ_RUNS") ?? 10_000),
  postgres: Number(env("FUZZ_RUNS_POSTGRES") ?? 2_500),
};

// ---------------------------------------------------------------- hostile values

const CONTROL = [
  "\u0000",
  "\u0001",
  "\b",
  "\t",
  "\n",
  "\v",
  "\f",
  "\r",
  "\r\n",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u200b",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "\ufffe",
  "\uffff",
];
const SPECIAL_STRINGS = [
  "",
  " ",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e308",
  "1e400",
  "9223372036854775808",
  "-9223372036854775809",
  "0x10",
  "__proto__",
  "constructor",
  "prototype",
  "'; drop table candidates; --",
  "<script>alert(1)</script>",
  "${7*7}",
  "%00",
  "\\u0000",
  "../../etc/passwd",
  "javascript:alert(1)",
  "//evil.test",
  "a@b",
  "x@example.test",
  "fr",
  "en",
  "viewer",
  "owner",
  "archived",
  "00000000-0000-0000-0000-000000000000",
  "00000000-0000-0000-0000-00000000000\u0000",
  "💩".repeat(3),
  "e\u0301",
];
const LONG_STRINGS = [
  "a".repeat(10_000),
  "\u0000".repeat(10_000),
  "\ud800".repeat(10_000),
  "💩".repeat(5_000),
  "é".repeat(10_001),
  " ".repeat(10_000),
];

/** Strings a client may send: any code point (lone surrogates included), control characters, long. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  {
    weight: 4,
    arbitrary: fc.tuple(
      fc.string({ maxLength: 8 }),
      // NUL is the one PostgreSQL refuses in text: give it more weight than the others.
      fc.oneof(fc.constant("\u0000"), fc.constantFrom(...CONTROL)),
      fc.string({ maxLength: 8 }),
    ).map(([a, c, b]) => a + c + b),
  },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
);

/** Numbers as JSON text, including what JSON.stringify cannot write (-0, 1e400 = Infinity, 2^63 exact). */
const RAW_NUMBERS = [
  "1e308",
  "-1e308",
  "1e400",
  "-0",
  "0.0",
  "5e-324",
  "9223372036854775808",
  "-9223372036854775809",
  "18446744073709551616",
  "123456789012345678901234567890",
  "1.5",
  "-1",
  "0",
  "2147483648",
];
const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
);

const DEPTH = 5_000;
const DEEP_JSON = [
  "[".repeat(DEPTH) + "]".repeat(DEPTH),
  '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH),
  '[{"a":'.repeat(DEPTH / 2) + "null" + "}]".repeat(DEPTH / 2),
  // Within the 1 MB body limit: a recursive parser or validator would overflow its stack here.
  "[".repeat(400_000) + "]".repeat(400_000),
];

// Field names the routes know (from every contract schema) plus hostile ones; filled in before the run.
const KNOWN_FIELDS = new Set<string>(["file", "back", "next", "token", "password", "separator", "q"]);

await learnFieldNames();

function fieldName(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KNOWN_FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "", "a.b", "a[0]") },
    { weight: 1, arbitrary: nastyString },
  );
}

async function learnFieldNames(): Promise<void> {
  for await (const entry of Deno.readDir(new URL("../contract/", import.meta.url))) {
    if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
    const mod = await import(new URL(`../contract/${entry.name}`, import.meta.url).href);
    for (const value of Object.values(mod)) {
      const shape = (value as { shape?: unknown } | null)?.shape;
      if (shape && typeof shape === "object") Object.keys(shape).forEach((k) => KNOWN_FIELDS.add(k));
    }
  }
}

/** A JSON value as text: strings are written with JSON.stringify (lone surrogates become \ud800 escapes). */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: nastyString.map((s) => JSON.stringify(s)) },
    { weight: 2, arbitrary: numberText },
    { weight: 1, arbitrary: fc.constantFrom("true", "false", "null") },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP_JSON) },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fieldName(), tie("value")), { maxLength: 4 })
        .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
    },
  ),
})).value;

// ---------------------------------------------------------------- bodies

/** How a body is sent; kept as plain data so a counterexample prints readably and replays exactly. */
type Body =
  | { kind: "none"; contentType?: string }
  | { kind: "text"; text: string; contentType?: string }
  | { kind: "bytes"; bytes: number[]; contentType?: string }
  | { kind: "form"; fields: [string, string][] }
  | { kind: "multipart"; fields: [string, string | { filename: string; content: string; type: string }][] };

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/vnd.api+json",
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=zz",
  "multipart/form-data; boundary=",
  "text/csv",
  "application/pdf",
  "application/octet-stream",
  "image/png",
  "application/xml",
  "*/*",
  "garbage",
  "application/json; boundary=x; charset=nope",
];
const contentType: fc.Arbitrary<string | undefined> = fc.option(fc.constantFrom(...CONTENT_TYPES), {
  freq: 6,
  nil: undefined,
});
const jsonType = fc.oneof(
  { weight: 5, arbitrary: fc.constant("application/json") },
  { weight: 2, arbitrary: contentType },
);

/** Bytes that are not UTF-8: stray continuation bytes, overlongs, surrogates, truncated sequences. */
const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0x00],
];

/** A valid sample body with one thing changed: a field replaced, removed, added, or the whole re-shaped. */
function mutatedSample(sample: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(sample);
  const write = (o: Record<string, unknown>, extra: [string, string][] = []) => {
    const parts = Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return `{${[...parts, ...extra.map(([k, v]) => `${JSON.stringify(k)}:${v}`)].join(",")}}`;
  };
  const withoutKey = (k: string) => Object.fromEntries(Object.entries(sample).filter(([key]) => key !== k));
  const ops: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: fc.tuple(fieldName(), jsonText).map(([k, v]) => write(sample, [[k, v]])) },
    { weight: 1, arbitrary: fc.constant(`[${write(sample)}]`) },
    { weight: 1, arbitrary: fc.constant(write(sample)) },
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    ops.push(
      { weight: 1, arbitrary: fc.tuple(key, jsonText).map(([k, v]) => write(withoutKey(k), [[k, v]])) },
      // The likeliest to pass the schema and reach a service and the database with a hostile string.
      {
        weight: 4,
        arbitrary: fc.tuple(key, nastyString).map(([k, v]) => write(withoutKey(k), [[k, JSON.stringify(v)]])),
      },
      { weight: 1, arbitrary: key.map((k) => write(withoutKey(k))) },
    );
  }
  return fc.oneof(...ops);
}

/** Every way a body can be wrong, weighted towards JSON close enough to a valid one to reach services. */
function bodyArb(sample: unknown): fc.Arbitrary<Body> {
  const isObject = typeof sample === "object" && sample !== null && !Array.isArray(sample) &&
    !("raw" in sample);
  const json = isObject ? fc.oneof(mutatedSample(sample as Record<string, unknown>), jsonText) : jsonText;
  const fields = fc.array(fc.tuple(fieldName(), nastyString), { maxLength: 5 });
  // The sample as form fields with one of them hostile: what reaches a page's form handler.
  const sampleFields = Object.entries(isObject ? sample as Record<string, unknown> : {})
    .map(([k, v]): [string, string] => [k, String(v)]);
  const formFields = sampleFields.length === 0
    ? fields
    : fc.tuple(fc.nat(sampleFields.length - 1), nastyString)
      .map(([i, v]) => sampleFields.map(([k, old], j): [string, string] => [k, i === j ? v : old]));
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({ kind: fc.constant("text" as const), text: json, contentType: jsonType }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("text" as const),
        text: fc.oneof(
          fc.constantFrom("", "{", "[", '{"a":', "nul", "}", "\ufeff{}", "{}{}", "[]", "--zz--", "a=b&c"),
          nastyString,
        ),
        contentType,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("bytes" as const),
        bytes: fc.tuple(json, fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([text, bad, at]) => {
          const utf8 = [...new TextEncoder().encode(text)];
          const i = at % (utf8.length + 1);
          return [...utf8.slice(0, i), ...bad, ...utf8.slice(i)];
        }),
        contentType,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("form" as const), fields }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("form" as const), fields: formFields }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("multipart" as const),
        fields: fc.array(
          fc.tuple(
            fieldName(),
            fc.oneof(
              nastyString,
              fc.record({
                filename: nastyString,
                content: fc.oneof(nastyString, fc.constant("%PDF-1.4\n%%EOF")),
                type: fc.constantFrom("application/pdf", "text/csv", "", "text/plain"),
              }),
            ),
          ),
          { maxLength: 4 },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("none" as const), contentType }) },
  );
}

// ---------------------------------------------------------------- paths and query strings

/** Percent-encodes any string, lone surrogates included (as the WTF-8 bytes a sloppy client sends). */
function encodeLoose(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** Already-encoded oddities: malformed escapes, encoded slashes and dots, NUL, invalid UTF-8. */
const RAW_ESCAPES = [
  "%",
  "%zz",
  "%2",
  "%2F",
  "a%2Fb",
  "%2e%2e",
  "..",
  ".",
  "%00",
  "%ED%A0%80",
  "%FF",
  "%C0%AF",
  "+",
];

/** A path parameter: the fixture's id (marker resolved at request time, so seeds replay) or an odd id. */
const FIXTURE = "\u0000fixture";
const pathId: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(FIXTURE) },
  { weight: 1, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uuid(), fc.nat(36), fc.constantFrom("%00", "%0A", "%2F", "%20", "%ED%A0%80"))
      .map(([u, i, bad]) => u.slice(0, i) + bad + u.slice(i)),
  },
  { weight: 1, arbitrary: fc.constantFrom(FIXTURE + "%00", FIXTURE.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES, "x".repeat(10_000)) },
  { weight: 2, arbitrary: nastyString.filter((s) => s.length > 0).map(encodeLoose) },
);

const QUERY_KEYS = [
  "q",
  "limit",
  "separator",
  "done",
  "next",
  "token",
  "candidateId",
  "status",
  "back",
  "lang",
];
const queryPart: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, {
        weight: 1,
        arbitrary: nastyString,
      }),
      fc.oneof(nastyString, numberText),
    ).map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.constantFrom(...RAW_ESCAPES, "", "%E0%A4%A"))
      .map(([k, v]) => `${k}=${v}`),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "=", "&", "q", "q[]=1", "q=1&q=2", "%=%", "limit=1e308") },
);
const queryString = fc.oneof(
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 2, arbitrary: fc.array(queryPart, { minLength: 1, maxLength: 4 }).map((p) => `?${p.join("&")}`) },
);

// ---------------------------------------------------------------- requests

/** A route's valid sample body; a page's form takes the fields of the API route it mirrors. */
function sampleFor(key: string, fixture: Fixture): unknown {
  return sampleBody(key, fixture) ?? sampleBody(key.replace(" /", " /api/"), fixture);
}

type Route = { method: string; path: string };
type Input = { owner: boolean; ids: string[]; query: string; body: Body; accept?: string };

function inputArb(route: Route, sample: unknown): fc.Arbitrary<Input> {
  const params = route.path.match(/:\w+|\*/g) ?? [];
  const hasBody = route.method !== "GET" && route.method !== "HEAD";
  return fc.record({
    // Three runs in four as the owner (inputs reach validation and services), one anonymous.
    owner: fc.nat(3).map((n) => n !== 0),
    ids: fc.tuple(...params.map(() => pathId)),
    query: queryString,
    body: hasBody ? bodyArb(sample) : fc.constant<Body>({ kind: "none" }),
    accept: fc.constantFrom(undefined, "application/json", "text/html", "*/*"),
  });
}

function buildBody(body: Body): { body?: BodyInit; contentType?: string } {
  switch (body.kind) {
    case "none":
      return { contentType: body.contentType };
    case "text":
      return { body: body.text, contentType: body.contentType };
    case "bytes":
      return { body: new Uint8Array(body.bytes), contentType: body.contentType };
    case "form":
      return { body: new URLSearchParams(body.fields) };
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of body.fields) {
        if (typeof v === "string") form.append(k, v);
        else form.append(k, new File([v.content], v.filename, { type: v.type }));
      }
      return { body: form };
    }
  }
}

type Caller = { token: string; cookie: string };

function toRequest(route: Route, input: Input, fixture: Fixture, owner: Caller): Request {
  let i = 0;
  const path = route.path.replace(/:(\w+)|\*/g, (_, name?: string) => {
    const id = input.ids[i++];
    const field = name ? PARAM_FROM_FIXTURE[name] : undefined;
    // Parameters without a fixture (a route added later) get random ids instead of the fixture's.
    const real = field ? fixture[field] : crypto.randomUUID();
    return id.replaceAll(FIXTURE, real).replaceAll(FIXTURE.toUpperCase(), real.toUpperCase());
  });
  const isPage = !path.startsWith("/api/");
  const headers = new Headers();
  if (input.accept) headers.set("accept", input.accept);
  if (isPage) headers.set("accept", "text/html");
  if (isPage && route.method === "POST") headers.set("origin", "http://localhost");
  if (input.owner) {
    if (isPage) headers.set("cookie", owner.cookie);
    // The REST API takes the owner's API key instead of a session.
    else headers.set("authorization", `Bearer ${path.startsWith("/api/v1/") ? fixture.apiKey : owner.token}`);
  }
  const { body, contentType } = buildBody(input.body);
  if (contentType) headers.set("content-type", contentType);
  return new Request(`http://localhost${path}${input.query}`, {
    method: route.method,
    headers,
    body,
    redirect: "manual",
  });
}

/** The answer broke a property: a 5xx, or an API error that is not JSON in the error shape. */
function violation(route: Route, res: Response, text: string): string | null {
  if (res.status >= 500) {
    const title = text.match(/<title>([^<]*)<\/title>/)?.[1];
    // An HTML error page says nothing useful; the server's log line printed above has the stack.
    return `answered ${res.status}${title ? ` (error page "${title}")` : ""}`;
  }
  if (!route.path.startsWith("/api/") || res.status < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `answered ${res.status} with a body that is not JSON (${res.headers.get("content-type")})`;
  }
  const shape = ErrorBodySchema.safeParse(parsed);
  if (!shape.success) return `answered ${res.status} outside the error shape: ${shape.error.message}`;
  if (!shape.data.requestId) return `answered ${res.status} without a requestId`;
  return null;
}

function short(value: unknown, max = 600): string {
  const text = typeof value === "string" ? value : fc.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

// ---------------------------------------------------------------- the suite

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A fixture organization and its owner, signed in both ways (bearer token for the API, cookies for pages). */
async function signedInFixture(app: TestApp["app"], deps: TestApp["deps"], mailer: TestApp["mailer"]) {
  const { owner, fixture } = await createFixture(app, deps, mailer);
  const signIn = await page(app, "/signin", { form: { email: owner.email, password: owner.password } });
  return { fixture, caller: { token: owner.token, cookie: cookiesOf(signIn) } };
}

/** Routes only the interview's candidate may call (the room's API and its pages). */
const CANDIDATE_ROOM = /^\/(api\/candidate\/interviews|interview)\/:interviewId/;

/**
 * A fixture organization whose interview's candidate is in the room, called as that candidate: the path ids
 * name their interview, the answered response and the question on screen.
 */
async function candidateFixture(app: TestApp["app"], deps: TestApp["deps"], mailer: TestApp["mailer"]) {
  const { owner, fixture } = await createFixture(app, deps, mailer);
  const room = await candidateInRoom(app, deps.db, mailer, owner);
  return {
    fixture: {
      ...fixture,
      interviewId: room.interviewId,
      responseId: room.responseId,
      questionId: room.questionId,
    },
    caller: { token: room.token, cookie: room.cookie },
  };
}

/** Inputs the fuzz found answering 5xx, replayed on every run (owner, fixture ids). */
const FOUND: [string, Pick<Input, "query" | "body">][] = [
  ["GET /organizations/:orgId/candidates", { query: "?q=%00", body: { kind: "none" } }],
  ["GET /api/organizations/:orgId/candidates", { query: "?q=%00", body: { kind: "none" } }],
  ["PATCH /api/organizations/:orgId", {
    query: "",
    body: { kind: "text", text: '{"name":"\\u0000"}', contentType: "application/json" },
  }],
  ["POST /api/auth/signup", {
    query: "",
    body: {
      kind: "text",
      text: '{"email":"nul@example.test","password":"Correct-Horse-Battery-42","fullName":"\\u0000",' +
        '"organizationName":"Org"}',
      contentType: "application/json",
    },
  }],
  ["POST /signup", {
    query: "",
    body: {
      kind: "form",
      fields: [["email", "nul-page@example.test"], ["password", "Correct-Horse-Battery-42"], [
        "fullName",
        "\u0000",
      ], ["organizationName", "Org"]],
    },
  }],
  ["POST /signin", {
    query: "",
    body: { kind: "text", text: "", contentType: "multipart/form-data; boundary=" },
  }],
  ["PUT /api/organizations/:orgId/candidates/:candidateId/cv", {
    query: "",
    body: { kind: "text", text: "x", contentType: "multipart/form-data" },
  }],
];

for (const target of testTargets()) {
  Deno.test(`fuzz regressions: inputs the fuzz once found answering 5xx now get a client error [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target, { AI_PROVIDER: "offline" });
    const { fixture, caller } = await signedInFixture(app, deps, mailer);
    for (const [key, found] of FOUND) {
      await t.step(`${key} ${found.query} ${short(found.body, 80)}`, async () => {
        const [method, path] = key.split(" ");
        const route = app.routes.find((r) => r.method === method && r.path === path);
        if (!route) throw new Error(`${key} is no longer a route: update FOUND`);
        const ids = (path.match(/:\w+/g) ?? []).map(() => FIXTURE);
        const res = await app.request(toRequest(route, { owner: true, ids, ...found }, fixture, caller));
        const text = await res.text();
        const problem = violation(route, res, text);
        if (problem) throw new Error(`${problem}: ${short(text)}`);
        if (res.status < 400) throw new Error(`accepted with ${res.status}: ${short(text)}`);
      });
    }
    await closeTestDatabases();
  });
}

for (const target of testTargets()) {
  Deno.test(`fuzz: every route answers hostile input without a 5xx, API errors in the error shape [${target}]`, async (t) => {
    const { app, deps, mailer } = await createTestApp(target, { AI_PROVIDER: "offline" });
    // A polling worker (with no job kinds: it runs nothing), as in production: /api/health/ready is 503 without one.
    const worker = startWorker(deps, {});
    const routes = [...new Map(
      app.routes.filter((r) => r.method !== "ALL").map((r) => [`${r.method} ${r.path}`, r]),
    ).values()].filter((r) => !ONLY_ROUTE || `${r.method} ${r.path}` === ONLY_ROUTE);
    if (routes.length === 0) throw new Error(`No route matches FUZZ_ROUTE=${ONLY_ROUTE}`);
    const numRuns = Math.ceil(RUNS[target] / routes.length);
    let inputs = 0;
    const organization = () => signedInFixture(app, deps, mailer);
    let forReads: ReturnType<typeof organization> | undefined;
    const started = performance.now();

    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      await t.step(key, async () => {
        // A fresh organization for every route that may change state, so that a route which deletes or
        // signs out spoils no other route's run; GET routes change nothing and share one.
        const { fixture, caller } = CANDIDATE_ROOM.test(route.path)
          ? await candidateFixture(app, deps, mailer)
          : await (route.method === "GET" ? (forReads ??= organization()) : organization());
        const details = await fc.check(
          fc.asyncProperty(inputArb(route, sampleFor(key, fixture)), async (input) => {
            inputs++;
            const res = await app.request(toRequest(route, input, fixture, caller));
            const text = await res.text();
            const problem = violation(route, res, text);
            if (problem) {
              throw new Error(
                res.status >= 500 && !text.startsWith("{") ? problem : `${problem}: ${short(text)}`,
              );
            }
          }),
          { numRuns, seed: SEED, path: PATH },
        );
        if (details.failed) {
          const replay =
            `FUZZ_ROUTE='${key}' FUZZ_SEED=${details.seed} FUZZ_PATH='${details.counterexamplePath}'` +
            `${target === "postgres" ? " TEST_DATABASE_URL=…" : ""} deno test -A api/routes/fuzz_test.ts`;
          const error = details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
          throw new Error(
            `${key} [${target}] ${error}\ninput: ${short(details.counterexample?.[0])}\nreplay: ${replay}`,
          );
        }
      });
    }
    console.log(
      `fuzz [${target}]: ${inputs} inputs over ${routes.length} routes in ${
        Math.round(performance.now() - started)
      } ms (seed ${SEED})`,
    );
    await worker.stop();
    await closeTestDatabases();
  });
}
