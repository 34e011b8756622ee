import type { Tx } from "../db/connect.ts";
import type { Role } from "../contract/organizations.ts";
import { selectMyRole } from "../db/organizations.ts";
import { AppError } from "../lib/errors.ts";

const WRITERS: Role[] = ["owner", "admin", "recruiter"];

/**
 * The caller's role, checked before a write so the refusal is clear: 404 for strangers (they must not
 * learn the organization exists), 403 for members whose role cannot write. RLS enforces the same rule.
 */
export async function requireWriter(tx: Tx, orgId: string, action: string): Promise<Role> {
  const role = await selectMyRole(tx, orgId);
  if (!role) throw new AppError("notFound", "Organization not found");
  if (!WRITERS.includes(role)) throw new AppError("forbidden", `Cannot ${action}: viewers can only read`);
  return role;
}
