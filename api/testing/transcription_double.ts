/**
 * A contract double of the documented `POST /v1/audio/transcriptions` (OpenAI's API, copied by self-hosted
 * Whisper servers): multipart form with `file`, `model`, `language`, `response_format`; answers `json`
 * ({ text }) or `verbose_json` ({ task, language, duration, text, segments }). Serves on 127.0.0.1 only.
 */
export type ReceivedTranscription = {
  authorization: string | null;
  model: string;
  language: string | null;
  responseFormat: string;
  fileName: string;
  fileType: string;
  fileBytes: number;
};

export type TranscriptionDouble = {
  baseUrl: string;
  received: ReceivedTranscription[];
  /** Every later request is answered with this status (500 = an outage). */
  failWith(status: number | null): void;
  close(): Promise<void>;
};

export function startTranscriptionDouble(answer: { text: string; language: string }): TranscriptionDouble {
  const received: ReceivedTranscription[] = [];
  let failure: number | null = null;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method !== "POST" || url.pathname !== "/v1/audio/transcriptions") {
      return Response.json({ error: { message: "Not found", type: "invalid_request_error" } }, {
        status: 404,
      });
    }
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof File) || typeof form.get("model") !== "string") {
      return Response.json({ error: { message: "file and model are required" } }, { status: 400 });
    }
    const responseFormat = String(form.get("response_format") ?? "json");
    received.push({
      authorization: req.headers.get("authorization"),
      model: String(form.get("model")),
      language: form.get("language") as string | null,
      responseFormat,
      fileName: file.name,
      fileType: file.type,
      fileBytes: file.size,
    });
    if (failure !== null) {
      return Response.json({ error: { message: "Internal error", type: "server_error" } }, {
        status: failure,
      });
    }
    if (responseFormat !== "verbose_json") return Response.json({ text: answer.text });
    const words = answer.text.split(" ");
    const half = Math.ceil(words.length / 2);
    return Response.json({
      task: "transcribe",
      language: answer.language,
      duration: 6,
      text: answer.text,
      segments: [
        { id: 0, seek: 0, start: 0, end: 3, text: " " + words.slice(0, half).join(" ") },
        { id: 1, seek: 0, start: 3, end: 6, text: " " + words.slice(half).join(" ") },
      ].filter((s) => s.text.trim()),
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1`,
    received,
    failWith: (status) => {
      failure = status;
    },
    close: () => server.shutdown(),
  };
}
