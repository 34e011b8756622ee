import type { Sql } from "../db/connect.ts";
import { EXPORT_SECTIONS } from "../db/candidate_export.ts";

type JsonSchema = Record<string, unknown>;

/** A column's JSON type as to_jsonb() writes it. */
function columnSchema(dataType: string, udt: string): JsonSchema {
  if (dataType === "ARRAY") return { type: "array", items: columnSchema(udt.replace(/^_/, ""), "") };
  switch (dataType) {
    case "uuid":
      return { type: "string", format: "uuid" };
    case "timestamp with time zone":
    case "timestamptz":
      return { type: "string", format: "date-time" };
    case "date":
      return { type: "string", format: "date" };
    case "integer":
    case "int4":
    case "smallint":
    case "bigint":
    case "int8":
      return { type: "integer" };
    case "numeric":
    case "real":
    case "double precision":
    case "float4":
    case "float8":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "jsonb":
    case "json":
      return {};
    default:
      return { type: "string" };
  }
}

function nullable(schema: JsonSchema): JsonSchema {
  return "type" in schema ? { ...schema, type: [schema.type, "null"] } : schema;
}

/**
 * The JSON Schema of export.json, derived from the catalog: one section per exported table, each row an
 * object with exactly the table's columns (minus the withheld ones). The committed file
 * (api/contract/candidate_export.schema.json) must equal it: a new column or table changes it, and the test
 * says how to regenerate (then read the diff).
 */
export async function exportSchemaFromCatalog(sql: Sql): Promise<JsonSchema> {
  const sections: Record<string, JsonSchema> = {};
  for (const s of EXPORT_SECTIONS) {
    const withheld: readonly string[] = "withheld" in s ? s.withheld : [];
    const columns = await sql<{ name: string; dataType: string; udt: string; isNullable: string }[]>`
      select column_name as name, data_type as "dataType", udt_name as udt, is_nullable as "isNullable"
      from information_schema.columns where table_schema = 'public' and table_name = ${s.table}
      order by ordinal_position`;
    const [comment] = await sql<{ comment: string | null }[]>`
      select obj_description(${`public.${s.table}`}::regclass, 'pg_class') as comment`;
    const kept = columns.filter((c) => !withheld.includes(c.name));
    const properties = Object.fromEntries(kept.map((c) => {
      const schema = columnSchema(c.dataType, c.udt);
      return [c.name, c.isNullable === "YES" ? nullable(schema) : schema];
    }));
    sections[s.key] = {
      type: "array",
      description: `Rows of ${s.table}: ${comment?.comment ?? ""}`.trim(),
      ...(s.key === "candidate" ? { minItems: 1, maxItems: 1 } : {}),
      items: { type: "object", additionalProperties: false, required: kept.map((c) => c.name), properties },
    };
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "RecruteIA candidate data export, version 1",
    description: "export.json of the archive a candidate's data export downloads (GDPR art. 15 and 20): " +
      "every row about the person, table by table, with the files of the archive under `files`.",
    type: "object",
    additionalProperties: false,
    required: ["$schema", "exportedAt", "organizationId", ...Object.keys(sections), "files"],
    properties: {
      $schema: { type: "string", description: "Where this schema is published" },
      exportedAt: { type: "string", format: "date-time" },
      organizationId: { type: "string", format: "uuid" },
      ...sections,
      files: {
        type: "array",
        description: "Files in the archive (CV, answer recordings) and the row that points at each",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["path", "table", "rowId", "column"],
          properties: {
            path: { type: "string" },
            table: { type: "string" },
            rowId: { type: "string", format: "uuid" },
            column: { type: "string" },
          },
        },
      },
    },
  };
}
