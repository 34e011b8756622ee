/**
 * The BlobStore port on Supabase Storage (supabase-js), in the private buckets created by
 * supabase/migrations/20261201000500_storage.sql: recordings in `audio`, everything else (CVs, CVs set aside
 * for prefilling) in `cvs`. Object names are our paths as they are (`<org id>/<kind>/…`), so the bucket
 * policies can read the organization from the first folder.
 *
 * Rights: every call carries the service_role key, and is made only after our own RLS check. The port has no
 * caller (a job transcribing a recording has none; a candidate uploads an answer into the organization's
 * folder without being a member of it), and every service that reaches put/get/delete has already checked
 * in the database, as the caller, that they may (withClaims + RLS, e.g. requireWriter before a CV upload, the
 * candidate's session scoped to its interview before an answer). The storage.objects policies are the second
 * line for anyone using the project's keys directly: org members read their organization's files, nobody
 * writes but the service role.
 */
import { createClient } from "@supabase/supabase-js";
import type { BlobStore, StoredFile } from "./blob_store.ts";

export const BUCKETS = { cvs: "cvs", audio: "audio" } as const;

/** Which bucket holds a path: the second segment says what the file is. */
export function bucketOf(path: string): string {
  return path.split("/")[1] === "audio" ? BUCKETS.audio : BUCKETS.cvs;
}

function isNotFound(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { status?: number; statusCode?: string; code?: string };
  return e.status === 404 || e.statusCode === "404" || e.code === "NoSuchKey" || e.code === "not_found";
}

function fail(action: string, path: string, error: unknown): never {
  const e = error as { status?: number; message?: string };
  throw new Error(`Supabase Storage could not ${action} ${path} (${e.status ?? "network"}): ${e.message}`, {
    cause: error,
  });
}

export function createSupabaseBlobStore(opts: { url: string; serviceRoleKey: string }): BlobStore {
  // service_role: see the comment at the top of this file (uploads after our own RLS check).
  const storage = createClient(opts.url, opts.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }).storage;
  const bucket = (path: string) => storage.from(bucketOf(path));
  return {
    async put(path, bytes, contentType) {
      // upsert: our paths are fresh uuids; a retried upload of the same path replaces what a failed one left.
      const { error } = await bucket(path).upload(path, bytes, { contentType, upsert: true });
      if (error) fail("store", path, error);
    },
    async get(path): Promise<StoredFile | null> {
      // The metadata first (size, type), then the body as a stream: a recording is never held in memory.
      const info = await bucket(path).info(path);
      if (info.error) {
        if (isNotFound(info.error)) return null;
        fail("read", path, info.error);
      }
      const { data, error } = await bucket(path).download(path).asStream();
      if (error) {
        if (isNotFound(error)) return null;
        fail("read", path, error);
      }
      return {
        body: data,
        size: Number(info.data.size ?? 0),
        contentType: info.data.contentType ?? "application/octet-stream",
      };
    },
    async delete(path) {
      // Removing a missing object is not an error for Storage either (it answers with an empty list).
      const { error } = await bucket(path).remove([path]);
      if (error && !isNotFound(error)) fail("delete", path, error);
    },
    async list(folder) {
      // One level per call: folders come back with a null id and are walked in turn (a CV folder is flat).
      const found: string[] = [];
      const walk = async (dir: string): Promise<void> => {
        const { data, error } = await bucket(dir).list(dir, { limit: 1000 });
        if (error) {
          if (isNotFound(error)) return;
          fail("list", dir, error);
        }
        for (const item of data ?? []) {
          if (item.id === null) await walk(`${dir}/${item.name}`);
          else found.push(`${dir}/${item.name}`);
        }
      };
      await walk(folder);
      return found.sort();
    },
    async signedUrl(path, expiresInSeconds) {
      const { data, error } = await bucket(path).createSignedUrl(path, expiresInSeconds);
      if (error) fail("sign a URL for", path, error);
      return data.signedUrl;
    },
  };
}
