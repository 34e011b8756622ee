/**
 * Where files (CVs, recordings) live. The local store keeps them under the data directory; a Supabase
 * Storage store (private bucket) will implement the same interface.
 */
export interface BlobStore {
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes and content type, or null when there is no such file. */
  get(path: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  delete(path: string): Promise<void>;
}

const SAFE_PATH = /^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_.-]+)*$/;

function checkPath(path: string): void {
  // Paths are built by the server (org id / kind / uuid), never from user input; refuse anything else.
  if (!SAFE_PATH.test(path) || path.split("/").some((p) => p === ".." || p === ".")) {
    throw new Error(`Invalid storage path: ${path}`);
  }
}

/** Files under `root`, each with a `.type` sidecar holding its content type. */
export function createLocalBlobStore(root: string): BlobStore {
  return {
    async put(path, bytes, contentType) {
      checkPath(path);
      const file = `${root}/${path}`;
      await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await Deno.writeFile(file, bytes);
      await Deno.writeTextFile(`${file}.type`, contentType);
    },
    async get(path) {
      checkPath(path);
      try {
        const bytes = await Deno.readFile(`${root}/${path}`);
        const contentType = await Deno.readTextFile(`${root}/${path}.type`).catch(() =>
          "application/octet-stream"
        );
        return { bytes, contentType };
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) return null;
        throw err;
      }
    },
    async delete(path) {
      checkPath(path);
      for (const f of [`${root}/${path}`, `${root}/${path}.type`]) {
        await Deno.remove(f).catch((err) => {
          if (!(err instanceof Deno.errors.NotFound)) throw err;
        });
      }
    },
  };
}
