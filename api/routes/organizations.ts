import { Hono } from "hono";
import type { AppEnv } from "../app_env.ts";
import {
  AcceptInvitationSchema,
  ChangeRoleSchema,
  InviteMemberSchema,
  MemberParamSchema,
  OrgIdParamSchema,
  OrgInvitationParamSchema,
  UpdateOrganizationSchema,
} from "../contract/organizations.ts";
import { requireClaims } from "../auth/session.ts";
import { validate } from "../lib/validate.ts";
import * as svc from "../services/organizations.ts";

export const organizations = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: await svc.listMyOrganizations(c.get("deps"), requireClaims(c)) }))
  .get(
    "/:orgId",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json(await svc.getOrganization(c.get("deps"), requireClaims(c), c.req.valid("param").orgId)),
  )
  .patch(
    "/:orgId",
    validate("param", OrgIdParamSchema),
    validate("json", UpdateOrganizationSchema),
    async (c) =>
      c.json(
        await svc.updateOrganization(
          c.get("deps"),
          requireClaims(c),
          c.req.valid("param").orgId,
          c.req.valid("json"),
        ),
      ),
  )
  .get(
    "/:orgId/members",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json({ items: await svc.listMembers(c.get("deps"), requireClaims(c), c.req.valid("param").orgId) }),
  )
  .patch(
    "/:orgId/members/:userId",
    validate("param", MemberParamSchema),
    validate("json", ChangeRoleSchema),
    async (c) =>
      c.json(
        await svc.changeMemberRole(c.get("deps"), requireClaims(c), {
          ...c.req.valid("param"),
          ...c.req.valid("json"),
        }),
      ),
  )
  .delete("/:orgId/members/:userId", validate("param", MemberParamSchema), async (c) => {
    await svc.removeMember(c.get("deps"), requireClaims(c), c.req.valid("param"));
    return c.body(null, 204);
  })
  .get(
    "/:orgId/invitations",
    validate("param", OrgIdParamSchema),
    async (c) =>
      c.json({
        items: await svc.listOrgInvitations(c.get("deps"), requireClaims(c), c.req.valid("param").orgId),
      }),
  )
  .post(
    "/:orgId/invitations",
    validate("param", OrgIdParamSchema),
    validate("json", InviteMemberSchema),
    async (c) =>
      c.json(
        await svc.inviteMember(c.get("deps"), requireClaims(c), {
          orgId: c.req.valid("param").orgId,
          ...c.req.valid("json"),
        }),
        201,
      ),
  )
  .delete(
    "/:orgId/invitations/:memberInvitationId",
    validate("param", OrgInvitationParamSchema),
    async (c) => c.json(await svc.revokeOrgInvitation(c.get("deps"), requireClaims(c), c.req.valid("param"))),
  );

/** Joining an organization from an invitation e-mail (the invitee is not a member yet). */
export const organizationInvitations = new Hono<AppEnv>()
  .post(
    "/accept",
    validate("json", AcceptInvitationSchema),
    async (c) =>
      c.json(await svc.acceptOrgInvitation(c.get("deps"), requireClaims(c), c.req.valid("json").token)),
  );

/** Platform administration (the seed's `admin` role). */
export const admin = new Hono<AppEnv>()
  .get(
    "/organizations",
    async (c) => c.json({ items: await svc.listAllOrganizations(c.get("deps"), requireClaims(c)) }),
  );
