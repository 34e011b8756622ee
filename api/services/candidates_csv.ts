import type { Deps } from "../app_env.ts";
import {
  EXPORT_COLUMNS,
  IMPORT_COLUMNS,
  type ImportRefusalReason,
  type ImportReport,
} from "../contract/candidates.ts";
import { EmailSchema, type Locale } from "../contract/auth.ts";
import { hasForbiddenCharacters } from "../contract/text.ts";
import { type Claims, withClaims } from "../db/tx.ts";
import * as db from "../db/candidates.ts";
import { insertAudit } from "../db/audit_log.ts";
import { AppError } from "../lib/errors.ts";
import {
  CsvEncodingError,
  decodeText,
  normalizeHeader,
  parseCsv,
  toCsv,
  unescapeFormula,
} from "../lib/csv.ts";
import { requireWriter } from "./access.ts";
import { requireMember } from "./candidates.ts";

/** More rows than this is a data dump, not a hiring campaign; split the file. */
export const MAX_IMPORT_ROWS = 10_000;

type Field = keyof typeof IMPORT_COLUMNS;
type ValidRow = { row: number; fullName: string; email: string; phone: string | null };

/** Which column index holds each field; a missing name or e-mail column refuses the whole file. */
function locateColumns(header: string[]): Record<Field, number> {
  const normalized = header.map(normalizeHeader);
  const find = (field: Field) =>
    normalized.findIndex((h) => IMPORT_COLUMNS[field].some((alias) => normalizeHeader(alias) === h));
  const columns = { fullName: find("fullName"), email: find("email"), phone: find("phone") };
  const missing = (["fullName", "email"] as const).filter((f) => columns[f] < 0);
  if (missing.length > 0) {
    const names = missing.map((f) =>
      `${f === "fullName" ? "name" : "e-mail"} (${IMPORT_COLUMNS[f].join(", ")})`
    );
    throw new AppError(
      "invalidInput",
      `Cannot import candidates: the file has no ${names.join(" and no ")} column`,
      { reason: "missingColumns", missingColumns: missing, foundColumns: header },
    );
  }
  return columns;
}

/** Reads and checks every row; nothing touches the database here. */
export function parseCandidatesCsv(
  bytes: Uint8Array,
): { valid: ValidRow[]; refused: ImportReport["refused"] } {
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch (err) {
    if (!(err instanceof CsvEncodingError)) throw err;
    throw new AppError(
      "invalidInput",
      'Cannot import candidates: the file is not UTF-8 text. In Excel, use "Save as" and choose "CSV UTF-8"',
      { reason: "notUtf8" },
    );
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) {
    throw new AppError("invalidInput", "Cannot import candidates: the file is empty", { reason: "empty" });
  }
  const columns = locateColumns(header);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      "invalidInput",
      `Cannot import candidates: the file has ${rows.length} rows, the limit is ${MAX_IMPORT_ROWS}; split it`,
      { reason: "tooManyRows", max: MAX_IMPORT_ROWS },
    );
  }
  const valid: ValidRow[] = [];
  const refused: ImportReport["refused"] = [];
  const seen = new Set<string>();
  for (const [i, cells] of rows.entries()) {
    const row = i + 2; // The header is spreadsheet row 1.
    if (cells.every((c) => c.trim() === "")) continue; // Excel writes blank rows as ";;".
    const cell = (index: number) => (index < 0 ? "" : unescapeFormula((cells[index] ?? "").trim()));
    const fullName = cell(columns.fullName).replace(/\s+/g, " ");
    const rawEmail = cell(columns.email);
    const phone = cell(columns.phone) || null;
    const email = EmailSchema.safeParse(rawEmail);
    const reason: ImportRefusalReason | null = !email.success
      ? "invalidEmail"
      : !fullName
      ? "missingName"
      : fullName.length > 200 || hasForbiddenCharacters(fullName)
      ? "invalidName"
      : phone && (phone.length > 40 || hasForbiddenCharacters(phone))
      ? "invalidPhone"
      : seen.has(email.data)
      ? "duplicateInFile"
      : null;
    if (reason) {
      refused.push({ row, ...(rawEmail ? { email: email.success ? email.data : rawEmail } : {}), reason });
      continue;
    }
    seen.add(email.data!);
    valid.push({ row, fullName, email: email.data!, phone });
  }
  return { valid, refused };
}

/**
 * Imports candidates from a CSV file (see parseCandidatesCsv for what is accepted) in one transaction;
 * e-mails the organization already has are reported, not overwritten.
 */
export async function importCandidates(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; bytes: Uint8Array },
): Promise<ImportReport> {
  const { valid, refused } = parseCandidatesCsv(input.bytes);
  return await withClaims(deps.db, claims, async (tx) => {
    await requireWriter(tx, input.orgId, "import candidates");
    const inserted = await db.insertCandidates(tx, input.orgId, valid);
    for (const r of valid) {
      if (!inserted.has(r.email)) refused.push({ row: r.row, email: r.email, reason: "alreadyExists" });
    }
    refused.sort((a, b) => a.row - b.row);
    await insertAudit(tx, {
      orgId: input.orgId,
      action: "candidate.imported",
      targetType: "organization",
      targetId: input.orgId,
      details: { imported: inserted.size, refused: refused.length },
    });
    return { imported: inserted.size, refused };
  });
}

type ExportRow = Awaited<ReturnType<typeof db.selectCandidatesForExport>>[number];

/** The columns, yes/no and date format a person reads, per interface language. */
const HUMAN_EXPORT: Record<Locale, { columns: string[]; yes: string; no: string; intl: string }> = {
  fr: { columns: ["Nom", "E-mail", "Téléphone", "CV", "Ajouté le"], yes: "oui", no: "non", intl: "fr-FR" },
  en: { columns: ["Name", "E-mail", "Phone", "CV", "Added on"], yes: "yes", no: "no", intl: "en-GB" },
};
// The time zone the interface shows dates in (web/components/format.ts).
const TIME_ZONE = "Europe/Paris";

/** "29/11/2026 14:05": a day/month/year date and time that French and British spreadsheets read as one. */
export function localDateTime(intl: string, iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(intl, {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * Every candidate as CSV, ready for Excel; importCandidates reads either form back. Without `lang` the
 * columns are EXPORT_COLUMNS with true/false and ISO dates; with it, names, oui/non and local dates. The
 * download is recorded in the audit trail (`candidates.exported`) by the statement that reads the rows.
 */
export async function exportCandidates(
  deps: Deps,
  claims: Claims,
  input: { orgId: string; separator: "comma" | "semicolon"; lang?: Locale },
): Promise<string> {
  const rows = await withClaims(deps.db, claims, async (tx) => {
    await requireMember(tx, input.orgId);
    return await db.selectCandidatesForExport(tx, input.orgId);
  });
  const delimiter = input.separator === "semicolon" ? ";" : ",";
  const human = input.lang ? HUMAN_EXPORT[input.lang] : null;
  const cells = (r: ExportRow) =>
    human
      ? [
        r.fullName,
        r.email,
        r.phone ?? "",
        r.hasCv ? human.yes : human.no,
        localDateTime(human.intl, r.createdAt),
      ]
      : [r.fullName, r.email, r.phone ?? "", String(r.hasCv), r.createdAt];
  return toCsv(human?.columns ?? EXPORT_COLUMNS, rows.map(cells), delimiter);
}
