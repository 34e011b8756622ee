import type { Tx } from "./connect.ts";
import type { Role } from "../contract/organizations.ts";

export type Profile = { fullName: string; email: string; locale: "fr" | "en"; isPlatformAdmin: boolean };

/** The caller's own profile (RLS: a user reads their own row). */
export async function selectMyProfile(tx: Tx): Promise<Profile | undefined> {
  const [profile] = await tx<Profile[]>`
    select full_name as "fullName", email, locale, is_platform_admin as "isPlatformAdmin"
    from public.profiles where id = (select auth.uid())`;
  return profile;
}

/** The caller's organizations with their role, oldest membership first. */
export async function selectMyOrganizations(
  tx: Tx,
): Promise<{ id: string; name: string; role: Role }[]> {
  return await tx<{ id: string; name: string; role: Role }[]>`
    select o.id, o.name, m.role from public.memberships m
    join public.organizations o on o.id = m.organization_id
    where m.user_id = (select auth.uid()) order by m.created_at, o.id`;
}

/** Changes the caller's display name or language; unset fields keep their value. */
export async function updateMyProfileRow(
  tx: Tx,
  patch: { fullName?: string; locale?: "fr" | "en" },
): Promise<void> {
  await tx`update public.profiles set full_name = coalesce(${patch.fullName ?? null}, full_name),
                                      locale = coalesce(${patch.locale ?? null}, locale)
           where id = (select auth.uid())`;
}
