import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { UpdateProfileSchema } from "../contract/auth.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import { getMe, updateMyProfile } from "../services/accounts.ts";

export const me = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await getMe(c.get("deps"), requireClaims(c))))
  .patch(
    "/",
    validate("json", UpdateProfileSchema),
    async (c) => c.json(await updateMyProfile(c.get("deps"), requireClaims(c), c.req.valid("json"))),
  );
