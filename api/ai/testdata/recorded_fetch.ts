/**
 * A `fetch` for the real SDK clients that answers with recorded API responses, one per call, and keeps
 * every request the SDK sent so tests can assert on it. No network.
 */
export type RecordedResponse = { status: number; headers: Record<string, string>; body: unknown };
export type SentRequest = { url: string; method: string; headers: Headers; body: Record<string, unknown> };

/** Loads a recorded response from testdata/<provider>/<name>.json. */
export function recorded(provider: "anthropic" | "openai", name: string): RecordedResponse {
  return JSON.parse(Deno.readTextFileSync(new URL(`./${provider}/${name}.json`, import.meta.url)));
}

/** Replays `responses` in order (the last one repeats), recording each request. */
export function replayFetch(responses: RecordedResponse[]): { fetch: typeof fetch; requests: SentRequest[] } {
  const requests: SentRequest[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const text = await req.text();
    requests.push({
      url: req.url,
      method: req.method,
      headers: req.headers,
      body: text ? JSON.parse(text) : {},
    });
    const r = responses[Math.min(requests.length - 1, responses.length - 1)];
    return new Response(typeof r.body === "string" ? r.body : JSON.stringify(r.body), {
      status: r.status,
      headers: r.headers,
    });
  };
  return { fetch: fake as typeof fetch, requests };
}

/** A recorded success with its payload swapped for `payload` (the rest of the shape is as recorded). */
export function withPayload(
  base: RecordedResponse,
  edit: (body: Record<string, unknown>) => void,
): RecordedResponse {
  const body = structuredClone(base.body) as Record<string, unknown>;
  edit(body);
  return { ...base, body };
}
