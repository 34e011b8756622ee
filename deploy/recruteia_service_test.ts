/**
 * The systemd unit's own command line (ExecStart of deploy/recruteia.service, with its narrow permission
 * flags) starts RecruteIA on a fresh, empty data directory, gets ready (embedded database created,
 * migrations applied, worker polling) and passes the smoke run: sign-up, an interview, its questions
 * generated through the job queue.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { smokeRun, startServer } from "../api/testing/process.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const UNIT = await Deno.readTextFile(new URL("./recruteia.service", import.meta.url));

/** The unit's ExecStart= and Environment= lines, with its data directory moved to `dataDir`. */
function unitCommand(dataDir: string): { cmd: string; args: string[]; env: Record<string, string> } {
  const exec = UNIT.match(/^ExecStart=(.+)$/m)?.[1];
  assert.ok(exec, "the unit has an ExecStart= line");
  const [cmd, ...args] = exec.replaceAll("/var/lib/recruteia", dataDir).split(/\s+/);
  assert.equal(cmd, "/usr/bin/deno", "the unit runs Deno from the path the README installs it to");
  const env = Object.fromEntries(
    [...UNIT.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((
      [, k, v],
    ) => [k, v.replaceAll("/var/lib/recruteia", dataDir)]),
  );
  return { cmd: Deno.execPath(), args, env };
}

Deno.test("deploy/recruteia.service: its ExecStart serves a fresh data directory and passes the smoke run", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "recruteia-unit-" });
  const { cmd, args, env } = unitCommand(dataDir);
  assert.equal(env.DATA_DIR, dataDir);
  // Empty DATABASE_URL counts as unset: the embedded database, whatever the caller's environment says.
  const server = await startServer(cmd, args, { ...env, DATABASE_URL: "", AI_PROVIDER: "offline" }, {
    cwd: ROOT,
  });
  try {
    await smokeRun(server.url);
    const written = [...Deno.readDirSync(dataDir)].map((e) => e.name);
    assert.ok(written.length > 0, "the embedded database lives in the unit's data directory");
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
