import type { Tx } from "./connect.ts";
import type { Locale } from "../contract/auth.ts";

/** What an organization's public AI transparency page says about it. */
export type PublicOrganization = {
  name: string;
  locale: Locale;
  retentionDays: number;
  audioRetentionDays: number;
  /** Where candidates reach a person: the first owner's address. */
  contactEmail: string | null;
};

/** Service role: the page is public (a candidate has no account before the interview). */
export async function selectPublicOrganization(
  tx: Tx,
  orgId: string,
): Promise<PublicOrganization | undefined> {
  const [row] = await tx<PublicOrganization[]>`
    select o.name, o.locale, o.retention_days as "retentionDays", o.audio_retention_days as "audioRetentionDays",
           (select p.email from public.memberships m join public.profiles p on p.id = m.user_id
            where m.organization_id = o.id and m.role = 'owner' order by m.created_at, m.id limit 1)
             as "contactEmail"
    from public.organizations o where o.id = ${orgId}`;
  return row;
}

/** The organization and language of an interview (the room links to its organization's page). */
export async function selectInterviewOrganization(
  tx: Tx,
  interviewId: string,
): Promise<{ orgId: string; language: Locale } | undefined> {
  const [row] = await tx<{ orgId: string; language: Locale }[]>`
    select organization_id as "orgId", language from public.interviews where id = ${interviewId}`;
  return row;
}
