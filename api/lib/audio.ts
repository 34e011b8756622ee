/**
 * Checks an uploaded answer recording and reads its duration on the server, without ffmpeg: the type comes
 * from the file's first bytes (never from its name or the declared Content-Type), the duration from the
 * container. music-metadata reads mp4, ogg and wav headers; a MediaRecorder webm has no duration in its
 * header (the browser does not know it when it writes it), so its clusters are read with ts-ebml.
 */
import { parseBuffer } from "music-metadata";
import { Decoder, Reader } from "ts-ebml";
import { AppError } from "./errors.ts";

export type AudioFormat = "webm" | "mp4" | "ogg" | "wav";

export type CheckedAudio = {
  format: AudioFormat;
  /** The type to store and serve the file with (without codecs). */
  mimeType: `audio/${AudioFormat}`;
  /** As the container names it, e.g. "OPUS", "MPEG-4/AAC", "PCM". */
  codec: string | undefined;
  durationSeconds: number;
};

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** The container the bytes start with, or null: EBML (webm), an ISO-BMFF `ftyp` box, OggS, RIFF/WAVE. */
export function sniffAudioFormat(bytes: Uint8Array): AudioFormat | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "webm";
  if (ascii(bytes, 4, 8) === "ftyp") return "mp4";
  if (ascii(bytes, 0, 4) === "OggS") return "ogg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WAVE") return "wav";
  return null;
}

/**
 * The recording's format and duration, or an AppError with a typed reason: `empty`, `audioTooLarge`
 * (413), `notAudio` (no known container signature: a renamed text file, a video…), `audioUnreadable`
 * (the right signature but no audio track or no duration could be read).
 */
export async function checkAudio(bytes: Uint8Array, opts: { maxBytes: number }): Promise<CheckedAudio> {
  if (bytes.length === 0) throw new AppError("invalidInput", "The recording is empty", { reason: "empty" });
  if (bytes.length > opts.maxBytes) {
    throw new AppError("payloadTooLarge", `The recording is larger than ${opts.maxBytes} bytes`, {
      reason: "audioTooLarge",
      maxBytes: opts.maxBytes,
    });
  }
  const format = sniffAudioFormat(bytes);
  if (!format) {
    throw new AppError("invalidInput", "The file is not a webm, mp4, ogg or wav recording", {
      reason: "notAudio",
    });
  }
  const unreadable = (why: string) =>
    new AppError("invalidInput", `The recording cannot be read: ${why}`, { reason: "audioUnreadable" });
  const mimeType = `audio/${format}` as const;
  let meta;
  try {
    meta = await parseBuffer(bytes, { mimeType, size: bytes.length }, { skipCovers: true });
  } catch {
    // A browser's MediaRecorder streams its webm: Segment and Clusters have "unknown size", which
    // music-metadata cannot walk. ts-ebml reads such a file element by element.
    const streamed = format === "webm" ? readStreamedWebm(bytes) : undefined;
    if (!streamed) throw unreadable("damaged container");
    return { format, mimeType, ...streamed };
  }
  if (format === "webm" && meta.format.container !== "EBML/webm") throw unreadable("not a webm file");
  if (meta.format.hasAudio === false || !meta.format.codec) throw unreadable("no audio track");
  const duration = meta.format.duration ?? (format === "webm" ? webmDurationFromClusters(bytes) : undefined);
  if (duration === undefined || !Number.isFinite(duration) || duration <= 0) throw unreadable("no duration");
  return { format, mimeType, codec: meta.format.codec, durationSeconds: duration };
}

/** Codec and duration of a webm whose elements have unknown sizes (as MediaRecorder writes them). */
function readStreamedWebm(bytes: Uint8Array): { codec: string; durationSeconds: number } | undefined {
  try {
    const elements = new Decoder().decode(toArrayBuffer(bytes));
    const value = (name: string) =>
      (elements.find((e) => e.name === name) as { value?: unknown } | undefined)?.value;
    const isAudio = elements.some((e) => e.name === "TrackType" && (e as { value?: unknown }).value === 2);
    const codecId = value("CodecID");
    if (value("DocType") !== "webm" || !isAudio || typeof codecId !== "string") return undefined;
    const durationSeconds = webmDurationFromClusters(bytes);
    if (!durationSeconds) return undefined;
    // The same names music-metadata gives ("A_OPUS" → "OPUS").
    return { codec: codecId.replace(/^A_/, ""), durationSeconds };
  } catch {
    return undefined;
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The end of the last block, read from every cluster (ts-ebml's reader does the timestamp arithmetic). */
function webmDurationFromClusters(bytes: Uint8Array): number | undefined {
  try {
    const reader = new Reader();
    reader.logging = false;
    reader.drop_default_duration = false;
    for (const element of new Decoder().decode(toArrayBuffer(bytes))) reader.read(element);
    reader.stop();
    return reader.duration > 0 ? (reader.duration * reader.timestampScale) / 1e9 : undefined;
  } catch {
    return undefined;
  }
}
