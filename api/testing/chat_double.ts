/**
 * A contract double of the documented `POST /v1/chat/completions` (OpenAI's API, copied by Mistral, vLLM,
 * Ollama and gateways): JSON body with `model` and `messages` (role + content), optional
 * `response_format` (`json_schema` with a name and a schema, `json_object`, `text`), `max_tokens`; answers
 * a `chat.completion` object, or an error body `{ error: { message, type, param } }`. Serves on 127.0.0.1
 * only. A server without JSON-schema support refuses that `response_format` with a 400, as vLLM builds
 * without guided decoding and older gateways do. With `stream: true` the answer comes as server-sent
 * `chat.completion.chunk` events (content deltas, then the finish reason, then `data: [DONE]`); like many
 * compatible servers, it sends no usage chunk. Answers are scripted, one per request, in order.
 */
export type ReceivedChat = { authorization: string | null; body: Record<string, unknown> };

/** One scripted answer: the assistant's content, or an HTTP error. */
export type ChatScript = { content: string } | { status: number; message?: string };

export type ChatDouble = {
  baseUrl: string;
  received: ReceivedChat[];
  /** Queues answers for the next requests; a request with nothing queued gets a 500. */
  answer(...scripts: ChatScript[]): void;
  close(): Promise<void>;
};

function error(status: number, message: string, type: string, param: string | null = null): Response {
  return Response.json({ error: { message, type, param, code: null } }, { status });
}

/** The content as a stream of chunks of a few characters each. */
function streamed(model: string, content: string): Response {
  const id = `chatcmpl-${crypto.randomUUID()}`;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${
      JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })
    }\n\n`;
  const parts = [chunk({ role: "assistant", content: "" })];
  for (let i = 0; i < content.length; i += 16) parts.push(chunk({ content: content.slice(i, i + 16) }));
  parts.push(chunk({}, "stop"), "data: [DONE]\n\n");
  return new Response(parts.join(""), { headers: { "content-type": "text/event-stream" } });
}

export function startChatDouble(opts: { jsonSchema: boolean }): ChatDouble {
  const received: ReceivedChat[] = [];
  const queue: ChatScript[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") {
      return error(404, "Not found", "invalid_request_error");
    }
    let body: Record<string, unknown>;
    try {
      body = await req.json();
    } catch {
      return error(400, "The body is not JSON", "invalid_request_error");
    }
    const messages = body.messages as { role?: unknown; content?: unknown }[] | undefined;
    const wellFormed = typeof body.model === "string" && Array.isArray(messages) && messages.length > 0 &&
      messages.every((m) =>
        ["system", "user", "assistant"].includes(String(m.role)) && typeof m.content === "string"
      );
    if (!wellFormed) {
      return error(400, "model and messages are required", "invalid_request_error", "messages");
    }
    received.push({ authorization: req.headers.get("authorization"), body });
    const format = body.response_format as {
      type?: string;
      json_schema?: { name?: unknown; schema?: unknown };
    };
    if (format?.type === "json_schema") {
      if (!opts.jsonSchema) {
        return error(
          400,
          "response_format type 'json_schema' is not supported",
          "invalid_request_error",
          "response_format",
        );
      }
      if (typeof format.json_schema?.name !== "string" || typeof format.json_schema?.schema !== "object") {
        return error(
          400,
          "json_schema needs a name and a schema",
          "invalid_request_error",
          "response_format",
        );
      }
    }
    const script = queue.shift();
    if (!script) return error(500, "No answer scripted for this request", "server_error");
    if ("status" in script) {
      return error(
        script.status,
        script.message ?? `Error ${script.status}`,
        script.status === 429 ? "rate_limit_error" : "server_error",
      );
    }
    if (body.stream === true) return streamed(String(body.model), script.content);
    return Response.json({
      id: `chatcmpl-${crypto.randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content: script.content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 900, completion_tokens: 150, total_tokens: 1050 },
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1`,
    received,
    answer: (...scripts) => queue.push(...scripts),
    close: () => server.shutdown(),
  };
}
