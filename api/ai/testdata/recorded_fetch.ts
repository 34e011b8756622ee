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

/** `text` cut into pieces of `size` characters, as a model's deltas arrive. */
function pieces(text: string, size: number): string[] {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sse = (events: { event?: string; data: unknown }[]) =>
  events.map((e) => `${e.event ? `event: ${e.event}\n` : ""}data: ${JSON.stringify(e.data)}\n\n`).join("");

/**
 * A recorded Anthropic message as the streaming API sends it (documented event sequence: message_start,
 * content_block_start/delta/stop per block — text_delta or input_json_delta — message_delta, message_stop),
 * the tool input cut into `size`-character deltas.
 */
export function asAnthropicStream(base: RecordedResponse, size = 40): RecordedResponse {
  const message = base.body as {
    content:
      ({ type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown })[];
    stop_reason: string;
    usage: { output_tokens: number };
  };
  const events: { event: string; data: unknown }[] = [{
    event: "message_start",
    data: { type: "message_start", message: { ...message, content: [], stop_reason: null } },
  }];
  message.content.forEach((block, index) => {
    const start = block.type === "text" ? { ...block, text: "" } : { ...block, input: {} };
    events.push({
      event: "content_block_start",
      data: { type: "content_block_start", index, content_block: start },
    });
    const deltas = block.type === "text"
      ? pieces(block.text, size).map((text) => ({ type: "text_delta", text }))
      : pieces(JSON.stringify(block.input), size).map((partial_json) => ({
        type: "input_json_delta",
        partial_json,
      }));
    for (const delta of deltas) {
      events.push({ event: "content_block_delta", data: { type: "content_block_delta", index, delta } });
    }
    events.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  });
  events.push(
    {
      event: "message_delta",
      data: {
        type: "message_delta",
        delta: { stop_reason: message.stop_reason, stop_sequence: null },
        usage: { output_tokens: message.usage.output_tokens },
      },
    },
    { event: "message_stop", data: { type: "message_stop" } },
  );
  return {
    status: 200,
    headers: { ...base.headers, "content-type": "text/event-stream" },
    body: sse(events),
  };
}

/**
 * A recorded chat completion as `stream: true` sends it (documented `chat.completion.chunk` objects: the
 * role, content deltas of `size` characters, the finish reason, then the usage chunk when asked, then
 * `[DONE]`).
 */
export function asChatStream(base: RecordedResponse, size = 40, usage = true): RecordedResponse {
  const completion = base.body as {
    id: string;
    created: number;
    model: string;
    choices: { message: { content: string }; finish_reason: string }[];
    usage: unknown;
  };
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    data: {
      id: completion.id,
      object: "chat.completion.chunk",
      created: completion.created,
      model: completion.model,
      choices,
      ...extra,
    },
  });
  const { content } = completion.choices[0].message;
  const events = [
    chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    ...pieces(content, size).map((text) =>
      chunk([{ index: 0, delta: { content: text }, finish_reason: null }])
    ),
    chunk([{ index: 0, delta: {}, finish_reason: completion.choices[0].finish_reason }]),
    ...(usage ? [chunk([], { usage: completion.usage })] : []),
  ];
  return {
    status: 200,
    headers: { ...base.headers, "content-type": "text/event-stream" },
    body: `${sse(events)}data: [DONE]\n\n`,
  };
}
