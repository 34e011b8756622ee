import * as z from "zod";
import { SingleLineText } from "./text.ts";
import { EmailSchema, LocaleSchema } from "./auth.ts";

export const ROLES = ["owner", "admin", "recruiter", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const OrgIdParamSchema = z.object({ orgId: z.uuid() });
export const MemberParamSchema = z.object({ orgId: z.uuid(), userId: z.uuid() });
export const OrgInvitationParamSchema = z.object({ orgId: z.uuid(), memberInvitationId: z.uuid() });

export const UpdateOrganizationSchema = z.strictObject({
  name: SingleLineText({ max: 200 }).optional(),
  locale: LocaleSchema.optional(),
  jurisdiction: z.enum(["eu", "non_eu"]).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  /** Recordings go first: never kept longer than the rest of the interview's data. */
  audioRetentionDays: z.number().int().min(1).max(3650).optional(),
  expressionAnalysisEnabled: z.boolean().optional(),
});

export const InviteMemberSchema = z.strictObject({
  email: EmailSchema,
  role: z.enum(["admin", "recruiter", "viewer"]),
});

export const ChangeRoleSchema = z.strictObject({ role: RoleSchema });

export const AcceptInvitationSchema = z.strictObject({ token: z.string().min(20).max(200) });

const Timestamp = z.iso.datetime();

export const OrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  locale: LocaleSchema,
  jurisdiction: z.enum(["eu", "non_eu"]),
  retentionDays: z.number().int(),
  audioRetentionDays: z.number().int(),
  expressionAnalysisEnabled: z.boolean(),
  createdAt: Timestamp,
});
export type Organization = z.infer<typeof OrganizationSchema>;
/** An organization in a list, with the caller's role in it (null for a platform admin who is not a member). */
export const OrganizationListSchema = z.object({
  items: z.array(OrganizationSchema.extend({ role: RoleSchema.nullable() })),
});

export const MemberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  joinedAt: Timestamp,
});
export type Member = z.infer<typeof MemberSchema>;
export const MemberListSchema = z.object({ items: z.array(MemberSchema) });

export const OrgInvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: RoleSchema,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: Timestamp,
  createdAt: Timestamp,
});
export type OrgInvitation = z.infer<typeof OrgInvitationSchema>;
export const OrgInvitationListSchema = z.object({ items: z.array(OrgInvitationSchema) });
export const AcceptedInvitationSchema = z.object({ organizationId: z.uuid() });

/** GET and PATCH /api/me: the caller's profile and the organizations they belong to. */
export const MeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  locale: LocaleSchema,
  isPlatformAdmin: z.boolean(),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string(), role: RoleSchema })),
});
