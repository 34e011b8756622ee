import type { Sql, Tx } from "./connect.ts";

// Runs as the owner: the auth schema belongs to the provider and has no grants to API roles.

/** What a pending sign-up keeps in raw_user_meta_data. */
export type PendingMeta = {
  full_name?: string;
  locale?: string;
  organization_name?: string;
  invitation_token_hash?: string;
};

/** Drops pending sign-ups created before `before`. */
export async function deleteStalePendingSignups(sql: Sql, before: Date): Promise<void> {
  await sql`delete from auth.pending_signups
                where created_at < ${before}`;
}

export async function insertPendingSignup(
  sql: Sql,
  p: { email: string; passwordHash: string; meta: PendingMeta; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await sql`
        insert into auth.pending_signups (email, encrypted_password, raw_user_meta_data, token_hash, expires_at)
        values (${p.email}, ${p.passwordHash},
                ${sql.json(p.meta)},
                ${p.tokenHash}, ${p.expiresAt})`;
}

export type PendingSignup = { email: string; encrypted_password: string; meta: PendingMeta };

/** Takes (deletes and returns) the pending sign-up a confirmation link names, if not expired at `now`. */
export async function takePendingSignup(
  tx: Tx,
  tokenHash: string,
  now: Date,
): Promise<PendingSignup | undefined> {
  const [pending] = await tx<PendingSignup[]>`
          delete from auth.pending_signups
          where token_hash = ${tokenHash} and expires_at > ${now}
          returning email, encrypted_password, raw_user_meta_data as meta`;
  return pending;
}

/** Drops every pending sign-up for an address. */
export async function deletePendingSignupsFor(tx: Tx, email: string): Promise<void> {
  await tx`delete from auth.pending_signups where lower(email) = ${email}`;
}

/** Gives the newest pending sign-up created after `keptSince` a new link; the old one stops working. */
export async function renewPendingSignupToken(
  sql: Sql,
  r: { email: string; tokenHash: string; expiresAt: Date; keptSince: Date },
): Promise<{ meta: PendingMeta } | undefined> {
  const [row] = await sql<{ meta: PendingMeta }[]>`
        update auth.pending_signups set token_hash = ${r.tokenHash}, expires_at = ${r.expiresAt}
        where id = (select id from auth.pending_signups where lower(email) = ${r.email}
                    and created_at > ${r.keptSince}
                    order by created_at desc limit 1)
        returning raw_user_meta_data as meta`;
  return row;
}

/** Stores (or replaces) the user's recovery token; undefined when no account has this e-mail. */
export async function upsertRecoveryToken(
  sql: Sql,
  r: { email: string; tokenHash: string; expiresAt: Date },
): Promise<{ full_name: string | null; locale: string | null } | undefined> {
  const [row] = await sql<{ full_name: string | null; locale: string | null }[]>`
        with u as (select id, email, raw_user_meta_data from auth.users where lower(email) = ${r.email}),
        t as (
          insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, expires_at)
          select id, 'recovery_token', ${r.tokenHash}, email, ${r.expiresAt} from u
          on conflict (user_id, token_type) do update
            set token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()
        )
        select raw_user_meta_data ->> 'full_name' as full_name, raw_user_meta_data ->> 'locale' as locale
        from u`;
  return row;
}

/** The account a recovery token (not expired at `now`) belongs to. */
export async function selectRecoveryTokenUser(
  sql: Sql,
  tokenHash: string,
  now: Date,
): Promise<{ email: string; full_name: string | null } | undefined> {
  const [row] = await sql<{ email: string; full_name: string | null }[]>`
        select u.email, u.raw_user_meta_data ->> 'full_name' as full_name
        from auth.one_time_tokens t join auth.users u on u.id = t.user_id
        where t.token_hash = ${tokenHash} and t.token_type = 'recovery_token'
          and t.expires_at > ${now}`;
  return row;
}

/** Uses up a recovery token and sets the new password (confirming the e-mail, which the link proves). */
export async function resetPasswordWithToken(
  tx: Tx,
  r: { tokenHash: string; passwordHash: string; now: Date },
): Promise<{ user_id: string; email: string } | undefined> {
  const [row] = await tx<{ user_id: string; email: string }[]>`
          with t as (
            delete from auth.one_time_tokens
            where token_hash = ${r.tokenHash} and token_type = 'recovery_token' and expires_at > ${r.now}
            returning user_id
          )
          update auth.users u set encrypted_password = ${r.passwordHash}, updated_at = now(),
                                  email_confirmed_at = coalesce(u.email_confirmed_at, now())
          from t where u.id = t.user_id
          returning u.id as user_id, u.email`;
  return row;
}
