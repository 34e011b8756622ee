import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type AnyApp, type ApiResponse, call } from "./http.ts";
import type { TestUser } from "./factories.ts";
import { openApiDocument } from "../routes/v1_openapi.ts";

/** Creates an API key for `owner`'s organization through the API; the whole key is only in this answer. */
export async function createApiKey(
  app: AnyApp,
  owner: TestUser,
  opts: { scopes?: ("read" | "write")[]; name?: string; expiresAt?: string } = {},
): Promise<{ id: string; key: string }> {
  const res = await call(app, "POST", `/api/organizations/${owner.orgId}/api-keys`, {
    token: owner.token,
    json: { name: opts.name ?? "ATS", scopes: opts.scopes ?? ["read", "write"], expiresAt: opts.expiresAt },
  });
  if (res.status !== 201) {
    throw new Error(`API key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { id: res.body.id, key: res.body.key };
}

type Json = Record<string, unknown>;
const document = openApiDocument("http://localhost:8000") as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>
  >;
  components: { schemas: Record<string, Json> };
};
// deno-lint-ignore no-explicit-any
const ajv = new (Ajv2020 as any)({ strict: false, allErrors: true });
// deno-lint-ignore no-explicit-any
(addFormats as any)(ajv);
ajv.addSchema({ $id: "doc", components: document.components });

/** The document's schema for this answer, or undefined when the document does not describe it. */
function documentedSchema(method: string, path: string, status: number): Json | undefined {
  const pathname = new URL(path, "http://localhost").pathname;
  const entry = Object.entries(document.paths).find(([p]) =>
    new RegExp(`^${p.replace(/\{\w+\}/g, "[^/]+")}$`).test(pathname) &&
    // a literal segment ("generate") wins over a parameter
    document.paths[p][method.toLowerCase()] !== undefined
  );
  const responses = entry?.[1][method.toLowerCase()]?.responses;
  const schema = responses?.[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  // The error responses point at components: resolve them through the document added above.
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
}

/**
 * Calls the REST API with an API key, like `call`, and also checks the answer against the OpenAPI
 * document the API serves: a documented status must have a body its schema accepts.
 */
export async function callApi(
  app: AnyApp,
  method: string,
  path: string,
  opts: {
    key?: string;
    json?: unknown;
    headers?: Record<string, string>;
    rawBody?: Uint8Array<ArrayBuffer> | string;
  } = {},
): Promise<ApiResponse> {
  const res = await call(app, method, path, { ...opts, token: opts.key });
  assertDocumented(method, path, res.status, res.body);
  return res;
}

/** Throws when the OpenAPI document describes this answer and its schema refuses `body`. */
export function assertDocumented(method: string, path: string, status: number, body: unknown): void {
  const schema = documentedSchema(method, path, status);
  if (!schema) return;
  const validate = ajv.compile(schema);
  if (!validate(body)) {
    throw new Error(
      `${method} ${path} answered ${status} with a body the OpenAPI document refuses: ` +
        `${JSON.stringify(validate.errors)}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}
