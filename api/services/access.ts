import type { Tx } from "../db/connect.ts";
import type { Role } from "../contract/organizations.ts";
import { selectMyRole } from "../db/organizations.ts";
import { AppError } from "../lib/errors.ts";

// The only place TypeScript decides who may do what; the policies say the same in SQL
// (private.my_org_ids(array[...]) and the helpers beside it).
const WRITERS: readonly Role[] = ["owner", "admin", "recruiter"];
const MANAGERS: readonly Role[] = ["owner", "admin"];

/** Whether a member with this role may create and change interviews, questions and candidates. */
export function canWrite(role: Role | null): boolean {
  return role !== null && WRITERS.includes(role);
}

/** Whether a member with this role may invite colleagues and see the organization's invitations. */
export function canManageMembers(role: Role | null): boolean {
  return role !== null && MANAGERS.includes(role);
}

/**
 * The caller's role, checked before a write so the refusal is clear: 404 for strangers (they must not
 * learn the organization exists), 403 for members whose role cannot write. RLS enforces the same rule.
 */
export async function requireWriter(tx: Tx, orgId: string, action: string): Promise<Role> {
  const role = await selectMyRole(tx, orgId);
  if (!role) throw new AppError("notFound", "Organization not found");
  if (!canWrite(role)) throw new AppError("forbidden", `Cannot ${action}: viewers can only read`);
  return role;
}

/** Like requireWriter, for managing members: owners and admins only. */
export async function requireManager(tx: Tx, orgId: string, action: string): Promise<Role> {
  const role = await selectMyRole(tx, orgId);
  if (!role) throw new AppError("notFound", "Organization not found");
  if (!canManageMembers(role)) {
    throw new AppError("forbidden", `Cannot ${action}: only owners and admins manage colleagues`);
  }
  return role;
}

/**
 * Candidates' rights requests and the exports answering them: owners and admins only (the export is the
 * whole person; data_requests' policies say the same). 404 for strangers, 403 for other roles.
 */
export async function requireRightsHandler(tx: Tx, orgId: string, action: string): Promise<Role> {
  const role = await selectMyRole(tx, orgId);
  if (!role) throw new AppError("notFound", "Organization not found");
  if (!MANAGERS.includes(role)) {
    throw new AppError("forbidden", `Cannot ${action}: only owners and admins handle candidates' rights`);
  }
  return role;
}
