import { type Config, loadConfig } from "./config.ts";
import { buildDeps } from "./deps.ts";
import { createApp } from "./app.ts";
import { log, setLogLevel } from "./lib/log.ts";
import { startWorker } from "./jobs/worker.ts";
import { JOB_HANDLERS } from "./jobs/handlers.ts";
import { scheduleRetentionSweep } from "./jobs/retention_sweep.ts";

/** Says at start-up when /dev/outbox was asked for but is off, and why. */
export function announceDevOutbox(config: Config): void {
  if (config.devOutboxOffReason) log.warn(config.devOutboxOffReason);
}

/** Boots RecruteIA: configuration, database + schema, adapters, then serves API and pages. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    log.error((err as Error).message);
    Deno.exit(1);
  }
  setLogLevel(config.logLevel);
  announceDevOutbox(config);
  let deps;
  try {
    deps = await buildDeps(config);
  } catch (err) {
    const where = config.databaseUrl ? "DATABASE_URL" : `the embedded database in ${config.dataDir}`;
    log.error(`Cannot start: ${where} is not usable: ${(err as Error).message}`);
    Deno.exit(1);
  }
  const app = createApp(deps);
  const worker = startWorker(deps, JOB_HANDLERS);
  // Retention erases on a schedule: the sweep re-queues itself; this starts the chain (one stays queued).
  await scheduleRetentionSweep(deps);
  const server = Deno.serve({
    port: config.port,
    hostname: config.host,
    onListen: ({ hostname, port }) =>
      log.info("RecruteIA listening", {
        url: `http://${hostname}:${port}`,
        publicUrl: config.publicUrl,
        database: deps.db.kind,
        mode: config.mode.kind,
      }),
  }, app.fetch);
  deps.realtime.hub.startPruning(config.realtimeRetentionSeconds, 10 * 60_000);
  const stop = async () => {
    // Open event streams would keep shutdown() waiting: end them first (browsers reconnect elsewhere).
    deps.realtime.hub.close();
    await server.shutdown();
    await worker.stop();
    await deps.db.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
