import type { Sql, Tx } from "./connect.ts";

// Runs as the owner: the auth schema belongs to the provider and has no grants to API roles (as GoTrue's
// on Supabase).

export type AuthUser = { id: string; email: string };

/** Marks a sign-in. */
export async function touchLastSignIn(sql: Sql | Tx, userId: string): Promise<void> {
  await sql`update auth.users set last_sign_in_at = now() where id = ${userId}`;
}

/** A new confirmed e-mail/password user; undefined when the address already has an account. */
export async function insertConfirmedUser(
  tx: Tx,
  account: { email: string; passwordHash: string; fullName: string; locale: string },
): Promise<AuthUser | undefined> {
  const [user] = await tx<AuthUser[]>`
      insert into auth.users (id, email, encrypted_password, email_confirmed_at, last_sign_in_at,
                              raw_app_meta_data, raw_user_meta_data)
      values (gen_random_uuid(), ${account.email}, ${account.passwordHash}, now(), now(),
              ${tx.json({ provider: "email", providers: ["email"] })},
              ${tx.json({ full_name: account.fullName, locale: account.locale })})
      on conflict do nothing
      returning id, email`;
  return user;
}

/** Switches the rest of the transaction to `claims` as the authenticated role, as withClaims() does. */
export async function actAsUser(tx: Tx, claims: unknown, statementTimeoutMs: number): Promise<void> {
  await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                    set_config('role', 'authenticated', true),
                    set_config('statement_timeout', ${String(statementTimeoutMs)}, true)`;
}

/** The name and language an account was created with, by e-mail (already lower-cased). */
export async function selectUserMetaByEmail(
  sql: Sql,
  email: string,
): Promise<{ full_name: string | null; locale: string | null } | undefined> {
  const [row] = await sql<{ full_name: string | null; locale: string | null }[]>`
        select raw_user_meta_data ->> 'full_name' as full_name, raw_user_meta_data ->> 'locale' as locale
        from auth.users where lower(email) = ${email}`;
  return row;
}

export type SignInUser = AuthUser & { encrypted_password: string | null; banned: boolean };

/** What a sign-in checks, by e-mail (already lower-cased). */
export async function selectUserForSignIn(sql: Sql, email: string): Promise<SignInUser | undefined> {
  const [user] = await sql<SignInUser[]>`
        select id, email, encrypted_password, coalesce(banned_until > now(), false) as banned
        from auth.users where lower(email) = ${email}`;
  return user;
}

/** The candidate's identity (created on first use, kept after) marked as signed in now. */
export async function upsertCandidateUser(tx: Tx, email: string, candidateId: string): Promise<AuthUser> {
  await tx`insert into auth.users (id, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
                 values (gen_random_uuid(), ${email}, now(),
                         ${
    tx.json({ provider: "magic_link", providers: ["magic_link"], candidate_id: candidateId })
  },
                         '{}')
                 on conflict do nothing`;
  const [user] = await tx<AuthUser[]>`
          update auth.users set last_sign_in_at = now() where lower(email) = ${email} returning id, email`;
  return user;
}

/**
 * Deletes an erased candidate's sign-in identity with its sessions, refresh tokens and one-time tokens
 * (they cascade), unless the same address is still a candidate elsewhere or a member of an organization.
 * Returns whether it went.
 */
export async function deleteUnusedCandidateUser(sql: Sql, userId: string): Promise<boolean> {
  const rows = await sql`
    delete from auth.users u where u.id = ${userId}
      and not exists (select 1 from public.candidates c where c.user_id = u.id)
      and not exists (select 1 from public.memberships m where m.user_id = u.id)
    returning u.id`;
  return rows.length > 0;
}
