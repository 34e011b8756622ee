/**
 * `deno task dev`: the server restarted by Deno's --watch on server-side changes, and the islands rebuilt
 * when browser-side code changes (their bundles are excluded from the watch so a build never restarts it).
 */
import { buildIslands } from "../web/build.ts";
import { log } from "../api/lib/log.ts";

const BROWSER_DIRS = ["web/islands", "web/lib", "web/i18n", "api/contract"];

await buildIslands();
const server = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "--watch=api/,web/,supabase/", "--watch-exclude=web/static/build/", "api/main.ts"],
  stdin: "inherit",
}).spawn();

let pending: ReturnType<typeof setTimeout> | undefined;
for await (const _event of Deno.watchFs(BROWSER_DIRS)) {
  clearTimeout(pending);
  pending = setTimeout(
    () => buildIslands().catch((err) => log.error("island build failed", { error: String(err) })),
    100,
  );
}
await server.status;
