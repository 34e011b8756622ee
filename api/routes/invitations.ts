import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import { InterviewParamSchema, InvitationParamSchema } from "../contract/interviews.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/invitations.ts";

/** Mounted at /api/organizations/:orgId/interviews/:interviewId/invitations (candidate magic links). */
export const invitations = new Hono<AppEnv>()
  .get(
    "/",
    validate("param", InterviewParamSchema),
    async (c) =>
      c.json({ items: await svc.listInvitations(c.get("deps"), requireClaims(c), c.req.valid("param")) }),
  )
  .post(
    "/",
    validate("param", InterviewParamSchema),
    async (c) =>
      c.json(
        await svc.inviteCandidate(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          resend: false,
        }),
        201,
      ),
  )
  .post(
    "/resend",
    validate("param", InterviewParamSchema),
    async (c) =>
      c.json(
        await svc.inviteCandidate(c.get("deps"), requireClaims(c), { ...c.req.valid("param"), resend: true }),
        201,
      ),
  )
  .delete(
    "/:invitationId",
    validate("param", InvitationParamSchema),
    async (c) => c.json(await svc.revokeInvitation(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  );
