/**
 * A local HTTP double of the Supabase Storage API endpoints the app uses, with the documented requests and
 * answers (https://supabase.github.io/storage/ and the storage error codes page): upload
 * (POST /storage/v1/object/<bucket>/<name>, x-upsert), info (GET /object/info/…), download
 * (GET /object/…), signed URLs (POST /object/sign/… → { signedURL }, then GET /object/sign/…?token=),
 * remove (DELETE /object/<bucket> { prefixes }), list (POST /object/list/<bucket> { prefix, limit, offset }:
 * one level, sub-folders with a null id), and errors as Storage sends them:
 * { statusCode, code, error, message } with the HTTP status. Files are kept in memory.
 */
export type StorageDouble = {
  url: string;
  /** Objects by "<bucket>/<name>". */
  objects: Map<string, { bytes: Uint8Array<ArrayBuffer>; contentType: string }>;
  /** Every request seen: method, path, and the bearer token it carried. */
  seen: { method: string; path: string; bearer: string | null }[];
  /** Forces every answer to this status (0 = behave). */
  failWith: number;
  close(): Promise<void>;
};

type Bucket = { fileSizeLimit: number; allowedMimeTypes: string[] };

const error = (status: number, code: string, message: string) =>
  Response.json({ statusCode: String(status), code, error: code, message }, { status });

export function startStorageDouble(opts: {
  serviceRoleKey: string;
  buckets: Record<string, Bucket>;
  /** Seconds since the epoch (tests move it to expire signed URLs). */
  now?: () => number;
}): StorageDouble {
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const signed = new Map<string, { key: string; exp: number }>();
  const state: Omit<StorageDouble, "url" | "close"> = { objects: new Map(), seen: [], failWith: 0 };

  /**
   * One level of a folder, as Storage lists it: names relative to the prefix, sorted by name, sub-folders
   * with a null id and metadata, files with theirs; an unknown prefix is an empty list.
   */
  const list = (bucketId: string, body: { prefix?: string; limit?: number; offset?: number }) => {
    const base = `${bucketId}/${(body.prefix ?? "").replace(/\/+$/, "")}/`.replace(/\/\/$/, "/");
    const entries = new Map<string, { size: number; contentType: string } | null>();
    for (const [key, object] of state.objects) {
      if (!key.startsWith(base)) continue;
      const [first, ...rest] = key.slice(base.length).split("/");
      if (rest.length > 0) entries.set(first, null);
      else if (!entries.has(first)) {
        entries.set(first, { size: object.bytes.length, contentType: object.contentType });
      }
    }
    const offset = body.offset ?? 0;
    return [...entries].sort(([a], [b]) => a.localeCompare(b)).slice(offset, offset + (body.limit ?? 100))
      .map(([name, file]) =>
        file
          ? {
            name,
            id: crypto.randomUUID(),
            updated_at: new Date().toISOString(),
            created_at: new Date().toISOString(),
            last_accessed_at: new Date().toISOString(),
            metadata: { size: file.size, mimetype: file.contentType, cacheControl: "max-age=3600" },
          }
          : { name, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null }
      );
  };

  const handle = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const path = decodeURIComponent(url.pathname);
    const bearer = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? null;
    state.seen.push({ method: req.method, path, bearer });
    if (state.failWith) return error(state.failWith, "InternalError", "Internal Server Error");
    const signedRead = path.match(/^\/storage\/v1\/object\/sign\/(.+)$/);
    if (req.method === "GET" && signedRead) {
      const grant = signed.get(url.searchParams.get("token") ?? "");
      if (!grant || grant.key !== signedRead[1] || grant.exp <= now()) {
        return error(400, "InvalidSignature", "jwt expired or signature invalid");
      }
      const object = state.objects.get(grant.key);
      if (!object) return error(404, "NoSuchKey", "Object not found");
      return new Response(object.bytes, { headers: { "content-type": object.contentType } });
    }
    // Everything else needs the key (the app only ever sends the service role's).
    if (bearer !== opts.serviceRoleKey || req.headers.get("apikey") !== opts.serviceRoleKey) {
      return error(403, "AccessDenied", "new row violates row-level security policy");
    }
    const listed = path.match(/^\/storage\/v1\/object\/list\/([^/]+)$/);
    if (req.method === "POST" && listed) {
      if (!opts.buckets[listed[1]]) return error(404, "NoSuchBucket", "Bucket not found");
      return Response.json(list(listed[1], await req.json()));
    }
    const m = path.match(/^\/storage\/v1\/object\/(?:(info|sign)\/)?([^/]+)(?:\/(.+))?$/);
    if (!m) return error(404, "NotFound", "Route not found");
    const [, op, bucketId, name] = m;
    const bucket = opts.buckets[bucketId];
    if (!bucket) return error(404, "NoSuchBucket", "Bucket not found");
    const key = `${bucketId}/${name}`;
    if (req.method === "DELETE" && !op && !name) {
      const { prefixes } = await req.json() as { prefixes: string[] };
      const removed = prefixes.filter((p) => state.objects.delete(`${bucketId}/${p}`));
      return Response.json(removed.map((p) => ({ name: p, bucket_id: bucketId })));
    }
    if (req.method === "POST" && !op) {
      const bytes = new Uint8Array(await req.arrayBuffer());
      const contentType = req.headers.get("content-type") ?? "";
      if (!bucket.allowedMimeTypes.includes(contentType)) {
        return error(415, "InvalidMimeType", `mime type ${contentType} is not supported`);
      }
      if (bytes.length > bucket.fileSizeLimit) {
        return error(413, "EntityTooLarge", "The object exceeded the maximum allowed size");
      }
      if (state.objects.has(key) && req.headers.get("x-upsert") !== "true") {
        return error(409, "Duplicate", "The resource already exists");
      }
      state.objects.set(key, { bytes, contentType });
      return Response.json({ Key: key, Id: crypto.randomUUID() });
    }
    const object = state.objects.get(key);
    if (!object) return error(404, "NoSuchKey", "Object not found");
    if (req.method === "GET" && op === "info") {
      return Response.json({
        id: crypto.randomUUID(),
        name,
        bucket_id: bucketId,
        version: "1",
        size: object.bytes.length,
        content_type: object.contentType,
        cache_control: "max-age=3600",
        created_at: new Date().toISOString(),
      });
    }
    if (req.method === "GET" && !op) {
      return new Response(object.bytes, {
        headers: { "content-type": object.contentType, "content-length": String(object.bytes.length) },
      });
    }
    if (req.method === "POST" && op === "sign") {
      const { expiresIn } = await req.json() as { expiresIn: number };
      const token = crypto.randomUUID();
      signed.set(token, { key, exp: now() + expiresIn });
      return Response.json({ signedURL: `/object/sign/${key}?token=${token}` });
    }
    return error(404, "NotFound", "Route not found");
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  return {
    ...state,
    get failWith() {
      return state.failWith;
    },
    set failWith(status: number) {
      state.failWith = status;
    },
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}
