import type { Tx } from "./connect.ts";
import type { Member, Organization, Role } from "../contract/organizations.ts";

const ORG_COLUMNS = `id, name, locale, jurisdiction, retention_days as "retentionDays",
  audio_retention_days as "audioRetentionDays",
  expression_analysis_enabled as "expressionAnalysisEnabled", created_at as "createdAt"`;

/**
 * Creates an organization as the caller; a trigger makes the caller its owner. No RETURNING: the row is
 * readable only once that membership exists, so it is read back after the insert.
 */
export async function insertOrganization(tx: Tx, name: string, locale: string): Promise<Organization> {
  const id = crypto.randomUUID();
  await tx`insert into public.organizations (id, name, locale) values (${id}, ${name}, ${locale})`;
  return (await selectOrganization(tx, id))!;
}

/** Organizations the caller can see (their own; every one for platform admins), with the caller's role. */
export async function selectOrganizations(
  tx: Tx,
  opts: { mine: boolean },
): Promise<(Organization & { role: Role | null })[]> {
  return await tx<(Organization & { role: Role | null })[]>`
    select o.id, o.name, o.locale, o.jurisdiction, o.retention_days as "retentionDays",
           o.audio_retention_days as "audioRetentionDays",
           o.expression_analysis_enabled as "expressionAnalysisEnabled", o.created_at as "createdAt", m.role
    from public.organizations o
    left join public.memberships m on m.organization_id = o.id and m.user_id = (select auth.uid())
    where ${!opts.mine} or m.user_id is not null
    order by o.created_at, o.id`;
}

export async function selectOrganization(tx: Tx, id: string): Promise<Organization | undefined> {
  const [org] = await tx.unsafe<Organization[]>(
    `select ${ORG_COLUMNS} from public.organizations where id = $1`,
    [id],
  );
  return org;
}

export type OrganizationPatch = Partial<{
  name: string;
  locale: string;
  jurisdiction: string;
  retentionDays: number;
  audioRetentionDays: number;
  expressionAnalysisEnabled: boolean;
}>;

const PATCH_COLUMNS: Record<keyof OrganizationPatch, string> = {
  name: "name",
  locale: "locale",
  jurisdiction: "jurisdiction",
  retentionDays: "retention_days",
  audioRetentionDays: "audio_retention_days",
  expressionAnalysisEnabled: "expression_analysis_enabled",
};

/** Applies a patch; returns undefined when RLS hides the row or forbids the update. */
export async function updateOrganization(
  tx: Tx,
  id: string,
  patch: OrganizationPatch,
): Promise<Organization | undefined> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [
    keyof OrganizationPatch,
    unknown,
  ][];
  if (entries.length === 0) return await selectOrganization(tx, id);
  const sets = entries.map(([k], i) => `${PATCH_COLUMNS[k]} = $${i + 2}`).join(", ");
  const [org] = await tx.unsafe<Organization[]>(
    `update public.organizations set ${sets} where id = $1 returning ${ORG_COLUMNS}`,
    [id, ...entries.map(([, v]) => v)] as never[],
  );
  return org;
}

export async function selectMembers(tx: Tx, orgId: string): Promise<Member[]> {
  return await tx<Member[]>`
    select m.user_id as "userId", p.email, p.full_name as "fullName", m.role, m.created_at as "joinedAt"
    from public.memberships m join public.profiles p on p.id = m.user_id
    where m.organization_id = ${orgId} and not private.is_api_key_identity(m.user_id)
    order by m.created_at, m.user_id`;
}

export async function updateMemberRole(
  tx: Tx,
  orgId: string,
  userId: string,
  role: Role,
): Promise<Member | undefined> {
  const [row] = await tx<{ userId: string }[]>`
    update public.memberships set role = ${role}
    where organization_id = ${orgId} and user_id = ${userId} returning user_id as "userId"`;
  if (!row) return undefined;
  return (await selectMembers(tx, orgId)).find((m) => m.userId === userId);
}

export async function deleteMember(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const rows =
    await tx`delete from public.memberships where organization_id = ${orgId} and user_id = ${userId}
                        returning id`;
  return rows.length > 0;
}

/** Whether the caller is a platform administrator (sees every organization). */
export async function selectIsPlatformAdmin(tx: Tx): Promise<boolean> {
  const [row] = await tx<{ isAdmin: boolean }[]>`select private.is_platform_admin() as "isAdmin"`;
  return row.isAdmin;
}

/** Whether someone with this e-mail address (lower case) is already a member. */
export async function selectIsMember(tx: Tx, orgId: string, email: string): Promise<boolean> {
  const rows = await tx`select 1 from public.memberships m join public.profiles p on p.id = m.user_id
                        where m.organization_id = ${orgId} and lower(p.email) = ${email}`;
  return rows.length > 0;
}

/** How the caller signs e-mails they cause: their name, or their address when they gave none. */
export async function selectMyDisplayName(tx: Tx): Promise<string> {
  const [row] = await tx<{ name: string }[]>`
    select coalesce(nullif(full_name, ''), email) as name from public.profiles where id = (select auth.uid())`;
  return row.name;
}

/** The caller's role in an organization, or null when not a member. */
export async function selectMyRole(tx: Tx, orgId: string): Promise<Role | null> {
  const [row] = await tx<{ role: Role }[]>`
    select role from public.memberships where organization_id = ${orgId} and user_id = (select auth.uid())`;
  return row?.role ?? null;
}
