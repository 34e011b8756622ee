import assert from "node:assert/strict";
import type { Deps } from "../app_env.ts";
import { asService } from "../db/tx.ts";
import { runNextJob } from "../jobs/worker.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { DELIVER_WEBHOOK } from "../jobs/deliver_webhook.ts";
import { type AnyApp, call } from "./http.ts";
import type { TestUser } from "./factories.ts";
import type { WebhookEvent } from "../contract/webhooks.ts";

/** A request the receiver got: path, headers and the raw body (signatures are over the exact bytes). */
export type Received = { path: string; headers: Record<string, string>; body: string };

/**
 * A local webhook receiver on 127.0.0.1 (tests set WEBHOOK_ALLOW_PRIVATE_ADDRESSES for it). `answer`
 * decides each response; by default 204.
 */
export function startReceiver(
  answer: (n: number, req: Request) => Response | Promise<Response> = () =>
    new Response(null, { status: 204 }),
) {
  const received: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.text();
    received.push({ path: new URL(req.url).pathname, headers: Object.fromEntries(req.headers), body });
    return await answer(received.length, req);
  });
  return {
    received,
    url: (path = "/hooks") => `http://127.0.0.1:${server.addr.port}${path}`,
    close: () => server.shutdown(),
  };
}

/** Creates an endpoint through the API; returns its id and its secret (shown this once). */
export async function createEndpoint(
  app: AnyApp,
  owner: TestUser,
  url: string,
  events: WebhookEvent[],
): Promise<{ id: string; secret: string }> {
  const res = await call(app, "POST", `/api/organizations/${owner.orgId}/webhooks`, {
    token: owner.token,
    json: { url, events },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id, secret: res.body.secret };
}

/** The endpoint's deliveries with their job's state, oldest first (service role: any organization). */
export async function deliveriesOf(deps: Deps, endpointId: string) {
  // service-role: the test reads the queue behind the deliveries.
  return await asService(deps.db, (tx) =>
    tx<
      {
        id: string;
        eventType: string;
        status: string;
        attempts: number;
        payload: { type: string; timestamp: string; data: Record<string, unknown> };
        jobId: string;
        jobStatus: string;
        retryInSeconds: number;
      }[]
    >`select d.id, d.event_type as "eventType", d.status, d.attempts, d.payload, d.job_id as "jobId",
             j.status as "jobStatus", extract(epoch from j.run_after - now())::float8 as "retryInSeconds"
      from public.webhook_deliveries d join public.jobs j on j.id = d.job_id
      where d.endpoint_id = ${endpointId} order by d.created_at, d.id`);
}

/**
 * Runs one delivery's job now, whenever it was due: the test's clock jumps to its retry time (the
 * scheduled delay is read before, with deliveriesOf()). Returns whether the job ran.
 */
export async function runDelivery(deps: Deps, jobId: string): Promise<boolean> {
  // service-role: moving the queue's clock forward for this one job.
  await asService(deps.db, (tx) => tx`update public.jobs set run_after = now() where id = ${jobId}`);
  return await runNextJob(deps, { [DELIVER_WEBHOOK]: JOB_HANDLERS[DELIVER_WEBHOOK] }, "webhook-test", {
    id: jobId,
  });
}
