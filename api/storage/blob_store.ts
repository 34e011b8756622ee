import { jwtVerify, SignJWT } from "jose";

/** A stored file as it is read: a stream (never the whole file in memory), its size and type. */
export type StoredFile = { body: ReadableStream<Uint8Array>; size: number; contentType: string };

/**
 * Where files (CVs, recordings) live. The local store keeps them under the data directory; a Supabase
 * Storage store (private bucket) will implement the same interface (`signedUrl` = createSignedUrl).
 */
export interface BlobStore {
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file as a stream, or null when there is no such file. */
  get(path: string): Promise<StoredFile | null>;
  delete(path: string): Promise<void>;
  /**
   * Every file under a folder (paths relative to the store, sidecars excluded), for erasure to check it
   * left nothing; [] when the folder does not exist.
   */
  list(folder: string): Promise<string[]>;
  /** An absolute URL anyone holding it may GET until `expiresInSeconds` have passed. */
  signedUrl(path: string, expiresInSeconds: number): Promise<string>;
  /**
   * The file behind a signed URL of this store, or null when the token is forged, expired, or for another
   * path. Only stores that serve their own URLs have it (Supabase Storage serves them itself).
   */
  openSigned?(path: string, token: string): Promise<StoredFile | null>;
}

/** Where the local store's signed URLs point (the route in api/routes/storage.ts). */
export const SIGNED_URL_PREFIX = "/storage/v1/object/sign/";

const SAFE_PATH = /^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_.-]+)*$/;

function checkPath(path: string): void {
  // Paths are built by the server (org id / kind / uuid), never from user input; refuse anything else.
  if (!SAFE_PATH.test(path) || path.split("/").some((p) => p === ".." || p === ".")) {
    throw new Error(`Invalid storage path: ${path}`);
  }
}

export type LocalBlobStoreOptions = {
  /** Origin the signed URLs start with (PUBLIC_URL). */
  publicUrl: string;
  /** HMAC key of signed URLs (HS256); at least 32 bytes. */
  signingKey: Uint8Array;
  /** The clock signed URLs are checked against (tests move it forward). */
  now?: () => Date;
};

/**
 * Files under `root`, each with a `.type` sidecar holding its content type. Signed URLs carry a JWT
 * (HS256) naming the path and its expiry, checked by openSigned.
 */
export function createLocalBlobStore(root: string, options: LocalBlobStoreOptions): BlobStore {
  const now = options.now ?? (() => new Date());
  const key = options.signingKey;
  const open = async (path: string): Promise<StoredFile | null> => {
    checkPath(path);
    let file;
    try {
      file = await Deno.open(`${root}/${path}`);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
    const { size } = await file.stat();
    const contentType = await Deno.readTextFile(`${root}/${path}.type`).catch(() =>
      "application/octet-stream"
    );
    return { body: file.readable, size, contentType };
  };
  return {
    async put(path, bytes, contentType) {
      checkPath(path);
      const file = `${root}/${path}`;
      await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(`${file}.type`, contentType);
      // Written beside, then renamed: a crash mid-write never leaves a truncated file under the real name.
      const partial = `${file}.${crypto.randomUUID()}.partial`;
      try {
        await Deno.writeFile(partial, bytes);
        await Deno.rename(partial, file);
      } catch (err) {
        await Deno.remove(partial).catch(() => {});
        throw err;
      }
    },
    get: open,
    async delete(path) {
      checkPath(path);
      for (const f of [`${root}/${path}`, `${root}/${path}.type`]) {
        await Deno.remove(f).catch((err) => {
          if (!(err instanceof Deno.errors.NotFound)) throw err;
        });
      }
    },
    async list(folder) {
      checkPath(folder);
      const found: string[] = [];
      const walk = async (dir: string): Promise<void> => {
        try {
          for await (const entry of Deno.readDir(`${root}/${dir}`)) {
            const path = `${dir}/${entry.name}`;
            if (entry.isDirectory) await walk(path);
            else if (!entry.name.endsWith(".type") && !entry.name.endsWith(".partial")) found.push(path);
          }
        } catch (err) {
          if (!(err instanceof Deno.errors.NotFound)) throw err;
        }
      };
      await walk(folder);
      return found.sort();
    },
    async signedUrl(path, expiresInSeconds) {
      checkPath(path);
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(path)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + expiresInSeconds)
        .sign(key);
      const encodedPath = path.split("/").map(encodeURIComponent).join("/");
      return `${options.publicUrl}${SIGNED_URL_PREFIX}${encodedPath}?token=${token}`;
    },
    async openSigned(path, token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ["HS256"],
          subject: path,
          currentDate: now(),
        });
        if (payload.sub !== path) return null;
      } catch {
        return null;
      }
      return await open(path);
    },
  };
}

/**
 * The local store's signing key: STORAGE_SIGNING_KEY when set, else a random key created once in the
 * storage folder (mode 0600) so URLs survive a restart; `null` dir = in memory (tests).
 */
export async function loadSigningKey(
  configured: string | undefined,
  dir: string | null,
): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  if (!dir) return crypto.getRandomValues(new Uint8Array(32));
  const file = `${dir}/.signing-key`;
  try {
    return await Deno.readFile(file);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const key = crypto.getRandomValues(new Uint8Array(32));
  // createNew: two servers starting at once on one folder keep the first key, not two different ones.
  try {
    await Deno.writeFile(file, key, { createNew: true, mode: 0o600 });
    return key;
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
    return await Deno.readFile(file);
  }
}
