import * as z from "zod";
import { EmailSchema, LocaleSchema } from "./auth.ts";

export const ROLES = ["owner", "admin", "recruiter", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const OrgIdParamSchema = z.object({ orgId: z.uuid() });
export const MemberParamSchema = z.object({ orgId: z.uuid(), userId: z.uuid() });
export const OrgInvitationParamSchema = z.object({ orgId: z.uuid(), memberInvitationId: z.uuid() });

export const UpdateOrganizationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  locale: LocaleSchema.optional(),
  jurisdiction: z.enum(["eu", "non_eu"]).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  expressionAnalysisEnabled: z.boolean().optional(),
});

export const InviteMemberSchema = z.strictObject({
  email: EmailSchema,
  role: z.enum(["admin", "recruiter", "viewer"]),
});

export const ChangeRoleSchema = z.strictObject({ role: RoleSchema });

export const AcceptInvitationSchema = z.strictObject({ token: z.string().min(20).max(200) });

export type Organization = {
  id: string;
  name: string;
  locale: "fr" | "en";
  jurisdiction: "eu" | "non_eu";
  retentionDays: number;
  expressionAnalysisEnabled: boolean;
  createdAt: string;
};

export type Member = { userId: string; email: string; fullName: string; role: Role; joinedAt: string };

export type OrgInvitation = {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: string;
  createdAt: string;
};
