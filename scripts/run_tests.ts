/**
 * `deno task test`: the whole suite, one command for developers and CI.
 * 1. builds the islands; 2. runs every Deno test (unit, API on PGlite — and on PostgreSQL when
 * TEST_DATABASE_URL is set —, browser tests when Chromium is present); 3. runs the pgTAP files with
 * pg_prove on a fresh database next to TEST_DATABASE_URL. What cannot run is announced loudly; with
 * TEST_REQUIRE_ALL=1 (CI) anything that cannot run is a failure.
 */
import postgres from "postgres";
import { openDatabase, openEmbedded } from "../api/db/connect.ts";
import { loadConfig } from "../api/config.ts";
import { migrate } from "../api/db/migrate.ts";
import { setLogLevel } from "../api/lib/log.ts";

const requireAll = Deno.env.get("TEST_REQUIRE_ALL") === "1";
const databaseUrl = Deno.env.get("TEST_DATABASE_URL");
const skipped: string[] = [];
let passed = 0;
let failed = 0;

function skip(what: string): void {
  skipped.push(what);
  console.error(`\n!!! SKIPPED: ${what}\n`);
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function which(cmd: string): Promise<boolean> {
  const out = await new Deno.Command("sh", {
    args: ["-c", `command -v ${cmd}`],
    stdout: "null",
    stderr: "null",
  })
    .output();
  return out.success;
}

/** Runs a command, echoing its output, and returns what it printed. */
async function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ ok: boolean; out: string }> {
  // NO_COLOR keeps the summaries parseable.
  const child = new Deno.Command(cmd, {
    args,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "inherit",
  })
    .spawn();
  let out = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    out += decoder.decode(chunk, { stream: true });
  }
  return { ok: (await child.status).success, out };
}

// 1. islands
const build = await run(Deno.execPath(), ["run", "-A", "web/build.ts"]);
if (!build.ok) Deno.exit(1);

// 2. Deno tests. Each test file opens its own in-memory PGlite: saving the migrated cluster once here,
// before the files start in parallel, spares every one of them initdb and the migrations
// (api/db/embedded_template.ts).
setLogLevel("warn");
const warm = await openEmbedded("memory://", 60_000, loadConfig({}).embeddedTemplateDir);
await migrate(warm);
await warm.saveTemplate();
await warm.close();
if (!databaseUrl) skip("API tests on PostgreSQL (set TEST_DATABASE_URL)");
if (!(await exists("/usr/bin/chromium"))) {
  skip("browser tests (install Debian's chromium: /usr/bin/chromium)");
}
// Audio tests make recordings with ffmpeg and flite and transcribe with pocketsphinx (api/testing/media.ts).
const missingMedia = [];
for (const tool of ["ffmpeg", "flite", "pocketsphinx_continuous"]) {
  if (!(await which(tool))) missingMedia.push(tool);
}
if (missingMedia.length > 0) {
  skip(
    `audio and transcription tests (missing ${missingMedia.join(", ")}: ` +
      "apt-get install ffmpeg flite pocketsphinx pocketsphinx-en-us)",
  );
}
const denoTests = await run(Deno.execPath(), ["test", "-A", "--parallel", ...Deno.args]);
const summary = denoTests.out.match(
  /(\d+) passed \((\d+) steps?\) \| (\d+) failed/,
);
if (summary) {
  passed += Number(summary[1]) + Number(summary[2]);
  failed += Number(summary[3]);
}
if (!denoTests.ok) failed = Math.max(failed, 1);

// 3. pgTAP
if (!databaseUrl) skip("pgTAP tests (set TEST_DATABASE_URL)");
else if (!(await which("pg_prove"))) skip("pgTAP tests (install postgresql-15-pgtap for pg_prove)");
else {
  const name = `pgtap_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  try {
    setLogLevel("warn");
    const db = await openDatabase({
      databaseUrl: url.href,
      dataDir: "",
      databasePoolMax: 1,
      statementTimeoutMs: 60_000,
    });
    await db.sql`create extension if not exists pgtap`;
    // Twice, as a restart does: the privilege tests then prove that starting again widens nothing.
    await migrate(db);
    await migrate(db);
    await db.close();
    const files = [...Deno.readDirSync("supabase/tests")].map((e) => `supabase/tests/${e.name}`).sort();
    const prove = await run("pg_prove", ["--dbname", url.href, ...files]);
    const tally = prove.out.match(/Files=\d+, Tests=(\d+)/);
    if (prove.ok && tally) passed += Number(tally[1]);
    else failed += 1;
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

for (const what of skipped) console.error(`!!! SKIPPED: ${what}`);
if (requireAll && skipped.length > 0) {
  console.error("TEST_REQUIRE_ALL=1: nothing may be skipped");
  failed += skipped.length;
}
console.log(
  `\nsuite: ${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ""}`,
);
Deno.exit(failed > 0 ? 1 : 0);
