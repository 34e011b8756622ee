import { freePort } from "./free_port.ts";

/** A server process started by a test (api/main.ts, or the systemd unit's command line). */
export type ServerProcess = { url: string; stop(): Promise<void> };

/**
 * Spawns `cmd args` with `env` plus PORT/HOST (a free port on 127.0.0.1) and waits until
 * /api/health/ready answers 200 (database reachable, migrations current, worker polling); throws with the
 * process's stderr when it exits or never gets ready.
 */
export async function startServer(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string } = {},
): Promise<ServerProcess> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(cmd, {
    args,
    cwd: opts.cwd,
    env: { LOG_LEVEL: "warn", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let exited = false;
  child.status.then(() => exited = true);
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    await child.status;
    await stderr;
  };
  for (let i = 0; i < 1200 && !exited; i++) {
    const res = await fetch(`${url}/api/health/ready`).catch(() => null);
    await res?.body?.cancel();
    if (res?.status === 200) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${cmd} ${args.join(" ")} never became ready on ${url}:\n${await stderr}`);
}

/** One JSON call over HTTP to a server process. */
export async function httpJson(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.json !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * The smoke run an operator would do by hand: sign up (own organization), create an interview, generate
 * its questions through the job queue and wait for them (followed on `opts.followOn`, another instance,
 * when given). Returns the owner's tokens and the ids.
 */
export async function smokeRun(
  base: string,
  opts: { followOn?: string } = {},
): Promise<{ token: string; refreshToken: string; orgId: string; interviewId: string; jobId: string }> {
  const email = `smoke-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const signUp = await httpJson(base, "POST", "/api/auth/signup", {
    json: {
      email,
      password: `pw-${crypto.randomUUID()}`,
      fullName: "Smoke Test",
      organizationName: "Smoke",
      locale: "fr",
    },
  });
  if (signUp.status !== 201) throw new Error(`sign-up: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  const token: string = signUp.body.accessToken;
  const org = `/api/organizations/${signUp.body.organizationId}`;
  const interview = await httpJson(base, "POST", `${org}/interviews`, {
    token,
    json: {
      title: "Backend",
      jobTitle: "Développeur backend",
      jobDescription:
        "Nous recrutons un·e développeur·se backend : TypeScript, PostgreSQL, Kubernetes, tests.",
      experienceLevel: "senior",
      questionCount: 5,
    },
  });
  if (interview.status !== 201) {
    throw new Error(`interview: ${interview.status} ${JSON.stringify(interview.body)}`);
  }
  const accepted = await httpJson(base, "POST", `${org}/interviews/${interview.body.id}/questions/generate`, {
    token,
  });
  if (accepted.status !== 202) {
    throw new Error(`generate: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  }
  const jobId: string = accepted.body.jobId;
  let job = { status: "queued" };
  for (let i = 0; i < 1200 && !["succeeded", "dead", "failed"].includes(job.status); i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await httpJson(opts.followOn ?? base, "GET", `${org}/jobs/${jobId}`, { token })).body;
  }
  if (job.status !== "succeeded") throw new Error(`question generation: ${JSON.stringify(job)}`);
  return {
    token,
    refreshToken: signUp.body.refreshToken,
    orgId: signUp.body.organizationId,
    interviewId: interview.body.id,
    jobId,
  };
}
