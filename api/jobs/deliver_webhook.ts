import { Webhook } from "standardwebhooks";
import type { Deps } from "../app_env.ts";
import type { Config } from "../config.ts";
import type { JobHandler } from "./worker.ts";
import { asService } from "../db/tx.ts";
import {
  abandonDelivery,
  countEndpointOutcome,
  type DeliveryToSend,
  insertAttempt,
  notifyEndpointDisabled,
  selectDeliveryToSend,
} from "../db/webhooks.ts";
import { type Resolver, resolveTarget } from "../lib/outbound_address.ts";
import { AppError } from "../lib/errors.ts";
import { log } from "../lib/log.ts";

/** The job kind private.queue_webhook_delivery() queues, one per delivery. */
export const DELIVER_WEBHOOK = "webhooks.deliver";

/**
 * Seconds before attempt `attempt + 1`: 30 s, 2 min, 8 min, 32 min, 2 h 8 min, then 6 h: the 9 attempts
 * (private.webhook_max_attempts()) span about 21 hours, under 24 hours with the jitter. ±10 % jitter so
 * that the deliveries of an endpoint that failed together are not all retried in the same second.
 */
export function webhookRetryDelaySeconds(attempt: number, random = Math.random): number {
  const base = Math.min(30 * 4 ** (attempt - 1), 6 * 3600);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** One attempt's result: delivered, refused for good (410 Gone, or an address the server may not call), or worth retrying. */
type Attempt = {
  outcome: "delivered" | "gone" | "refused" | "retry";
  responseCode: number | null;
  durationMs: number;
  error: string | null;
};

/**
 * The Standard Webhooks headers for `body`: webhook-id (the delivery id, the same on every retry, so the
 * receiver can drop duplicates), webhook-timestamp (seconds), and one `v1,<signature>` per active secret,
 * space-separated (during a rotation the receiver may hold either secret).
 */
export function signedHeaders(id: string, secrets: string[], body: string, at: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "RecruteIA-Webhooks/1",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(" "),
  };
}

/**
 * Sends the delivery once, to the address checked against the SSRF rule (the connection goes to that
 * address, not to a second lookup), without following redirects, within the configured timeout.
 */
export async function attemptDelivery(
  config: Config["webhooks"],
  delivery: DeliveryToSend,
  signal: AbortSignal,
  resolve?: Resolver,
): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(delivery.url);
  let client: Deno.HttpClient | undefined;
  try {
    const target = await resolveTarget(url, { allowPrivate: config.allowPrivateAddresses, resolve });
    if (!target.isAllowed) {
      return { outcome: "refused", responseCode: null, durationMs: elapsed(), error: target.reason };
    }
    const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
    client = Deno.createHttpClient({ proxy: { transport: "tcp", hostname: target.address, port } });
    const body = JSON.stringify(delivery.payload);
    const response = await fetch(url, {
      method: "POST",
      headers: signedHeaders(delivery.id, delivery.secrets, body, new Date()),
      body,
      redirect: "manual",
      client,
      signal: AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]),
    });
    await response.body?.cancel();
    const code = response.status;
    if (code >= 200 && code < 300) {
      return { outcome: "delivered", responseCode: code, durationMs: elapsed(), error: null };
    }
    if (code === 410) {
      return {
        outcome: "gone",
        responseCode: code,
        durationMs: elapsed(),
        error: "Gone: the receiver asked to stop",
      };
    }
    const error = code >= 300 && code < 400 ? "Redirect not followed" : `HTTP ${code}`;
    return { outcome: "retry", responseCode: code, durationMs: elapsed(), error };
  } catch (err) {
    const isTimeout = err instanceof DOMException &&
      (err.name === "TimeoutError" || err.name === "AbortError");
    const error = isTimeout
      ? `Timed out after ${config.timeoutMs} ms`
      : `Network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
    return { outcome: "retry", responseCode: null, durationMs: elapsed(), error };
  } finally {
    client?.close();
  }
}

/**
 * Delivers one webhook: logs the attempt; on a failure worth retrying throws so the queue tries again
 * after webhookRetryDelaySeconds(); counts the final outcome on the endpoint, which is turned off on 410
 * Gone or after `disableAfterFailures` failed deliveries in a row (its owners are told in the app).
 */
export const deliverWebhookJob: JobHandler = async (deps: Deps, job, ctx) => {
  const config = deps.config.webhooks;
  // service-role: the worker reads the signing secrets and writes the delivery log, for any organization.
  const delivery = await asService(deps.db, (tx) => selectDeliveryToSend(tx, String(job.payload.deliveryId)));
  if (!delivery || delivery.status !== "pending") return { skipped: "no pending delivery" };
  if (!delivery.isEnabled) {
    // service-role: as above.
    await asService(deps.db, (tx) => abandonDelivery(tx, delivery.id, "Not sent: the endpoint is disabled"));
    return { skipped: "endpoint disabled" };
  }
  const attempt = await attemptDelivery(config, delivery, ctx.signal);
  const isFinal = attempt.outcome !== "retry" || ctx.isLastAttempt;
  const status = attempt.outcome === "delivered" ? "succeeded" : isFinal ? "failed" : "pending";
  // service-role: as above.
  const turnedOff = await asService(deps.db, async (tx) => {
    await insertAttempt(tx, {
      ...attempt,
      deliveryId: delivery.id,
      organizationId: delivery.organizationId,
      status,
    });
    if (status === "pending") return false;
    const outcome = attempt.outcome === "gone" ? "gone" : status;
    const off = await countEndpointOutcome(tx, delivery.endpointId, outcome, config.disableAfterFailures);
    if (off) await notifyEndpointDisabled(tx, delivery.endpointId);
    return off;
  });
  if (turnedOff) {
    log.warn("webhook endpoint disabled", { endpointId: delivery.endpointId, outcome: attempt.outcome });
  }
  if (status === "pending") throw new AppError("upstreamFailed", `Webhook not delivered: ${attempt.error}`);
  return { status, responseCode: attempt.responseCode };
};
