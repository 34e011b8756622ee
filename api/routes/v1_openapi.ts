import * as z from "zod";
import { ErrorBodySchema } from "../contract/errors.ts";
import { V1_OPERATIONS, type V1Operation } from "../contract/v1_operations.ts";

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 of a zod schema (OpenAPI 3.1's own dialect), as a request or a response sees it. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
}

function parameters(op: V1Operation): Json[] {
  const list: Json[] = [];
  for (const [where, shape] of [["path", op.params], ["query", op.query]] as const) {
    if (!shape) continue;
    const schema = jsonSchema(shape, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === "path" || (schema.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  if (op.idempotent) {
    list.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Same key and same request within 24 hours: the first response again (Idempotent-Replayed: true). " +
        "Same key, another request: 422.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return list;
}

function requestBody(op: V1Operation): Json | undefined {
  if (!op.body) return undefined;
  const content: Json = {};
  if (op.body.json) content["application/json"] = { schema: jsonSchema(op.body.json, "input") };
  if (op.body.form) content["multipart/form-data"] = { schema: jsonSchema(op.body.form, "input") };
  if (op.body.pdf) content["application/pdf"] = { schema: { type: "string", format: "binary" } };
  return { required: true, content };
}

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed per minute for this key", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the current minute", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the minute ends", schema: { type: "integer" } },
};

function errorResponse(description: string, headers?: Json): Json {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
}

function operation(op: V1Operation): Json {
  const responses: Json = {
    [op.status]: {
      description: op.summary,
      headers: RATE_LIMIT_HEADERS,
      content: { "application/json": { schema: jsonSchema(op.response, "output") } },
    },
    401: errorResponse("No API key, or an unknown, revoked or expired one"),
    ...(op.scope === "write" ? { 403: errorResponse("The key has the read scope only") } : {}),
    ...(op.params ? { 404: errorResponse("Not found in the key's organization") } : {}),
    ...(op.body || op.query || op.idempotent ? { 422: errorResponse("Invalid input") } : {}),
    429: errorResponse("Too many requests for this key", {
      "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
    }),
  };
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    "x-scope": op.scope,
    parameters: parameters(op),
    ...(requestBody(op) ? { requestBody: requestBody(op) } : {}),
    responses,
  };
}

/** The OpenAPI path of an app path: `/interviews/:interviewId` → `/api/v1/interviews/{interviewId}`. */
export function openApiPath(path: string): string {
  return `/api/v1${path.replace(/:(\w+)/g, "{$1}")}`;
}

/** The OpenAPI 3.1 document of the REST API, generated from the route table and its zod schemas. */
export function openApiDocument(publicUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of V1_OPERATIONS) {
    paths[openApiPath(op.path)] = { ...paths[openApiPath(op.path)], [op.method]: operation(op) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "RecruteIA REST API",
      version: "1.0.0",
      description: "Candidates, interviews and their results for applicant tracking systems. " +
        "Authenticate with an API key created by an owner or admin: Authorization: Bearer <key>.",
    },
    servers: [{ url: publicUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key (ria_…)" } },
      schemas: { Error: jsonSchema(ErrorBodySchema, "output") },
    },
  };
}
