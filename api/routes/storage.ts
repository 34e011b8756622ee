import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../app_env.ts";
import { validate } from "../lib/validate.ts";
import { AppError } from "../lib/errors.ts";

const SignedQuerySchema = z.object({ token: z.string().min(1).max(2048) });

/**
 * GET /storage/v1/object/sign/<path>?token=… — what the local store's signed URLs point at (the same
 * shape as Supabase Storage's). The token alone grants access: no session, so it works in an <audio>
 * or <img> tag and from another device, until it expires.
 */
export const signedObjects = new Hono<AppEnv>().get(
  "/:path{.+}",
  validate("query", SignedQuerySchema),
  async (c) => {
    const { storage } = c.get("deps");
    const path = c.req.param("path"); // Hono has decoded it (a malformed escape stays as sent)
    let file = null;
    try {
      file = storage.openSigned ? await storage.openSigned(path, c.req.valid("query").token) : null;
    } catch {
      // An invalid path is just another link that leads nowhere.
    }
    // One answer for forged, expired and missing, so a probe learns nothing about what exists.
    if (!file) throw new AppError("notFound", "File not found, or the link has expired");
    return c.body(file.body, 200, {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "cache-control": "private, no-store",
    });
  },
);
