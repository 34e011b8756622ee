import type { Sql, Tx } from "./connect.ts";

// Runs as the owner: the auth schema belongs to the provider and has no grants to API roles.

/** A new session and its first refresh token (stored hashed), in one statement. */
export async function insertSessionWithRefreshToken(
  sql: Sql | Tx,
  s: { userId: string; userAgent: string | null; tokenHash: string },
): Promise<{ id: string }> {
  const [session] = await sql<{ id: string }[]>`
      with s as (insert into auth.sessions (user_id, user_agent) values (${s.userId}, ${s.userAgent})
                 returning id)
      insert into auth.refresh_tokens (token_hash, user_id, session_id)
      select ${s.tokenHash}, ${s.userId}, s.id from s returning session_id as id`;
  return session;
}

/** A session without a refresh token (a candidate's interview session). */
export async function insertSession(
  tx: Tx,
  userId: string,
  userAgent: string | null,
): Promise<{ id: string }> {
  const [session] = await tx<{ id: string }[]>`
          insert into auth.sessions (user_id, user_agent) values (${userId}, ${userAgent}) returning id`;
  return session;
}

/** Ends every live session of a user (a password reset). */
export async function revokeUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx`update auth.sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null`;
}

/** Revokes every refresh token of a user. */
export async function revokeUserRefreshTokens(tx: Tx, userId: string): Promise<void> {
  await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where user_id = ${userId}`;
}

export type RefreshTokenRow = {
  id: number;
  user_id: string;
  session_id: string;
  revoked: boolean;
  recently_rotated: boolean;
  session_live: boolean;
  expired: boolean;
  email: string;
};

/** A refresh token with its session and user, locked for the rotation that follows. */
export async function selectRefreshTokenForUpdate(
  tx: Tx,
  tokenHash: string,
  limits: { reuseIntervalSeconds: number; ttlDays: number },
): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx<RefreshTokenRow[]>`
          select t.id, t.user_id, t.session_id, t.revoked,
                 t.updated_at > now() - make_interval(secs => ${limits.reuseIntervalSeconds}) as recently_rotated,
                 s.revoked_at is null as session_live,
                 t.created_at < now() - make_interval(days => ${limits.ttlDays}) as expired,
                 u.email
          from auth.refresh_tokens t
          join auth.sessions s on s.id = t.session_id
          join auth.users u on u.id = t.user_id
          where t.token_hash = ${tokenHash}
          for update of t`;
  return row;
}

/** Ends a session, revoked already or not. */
export async function revokeSession(tx: Tx, sessionId: string): Promise<void> {
  await tx`update auth.sessions set revoked_at = now() where id = ${sessionId}`;
}

/** Ends a live session (sign-out); an already ended one keeps its time. */
export async function revokeLiveSession(sql: Sql, sessionId: string): Promise<void> {
  await sql`update auth.sessions set revoked_at = now() where id = ${sessionId} and revoked_at is null`;
}

/** Revokes every refresh token of a session. */
export async function revokeSessionRefreshTokens(sql: Sql | Tx, sessionId: string): Promise<void> {
  await sql`update auth.refresh_tokens set revoked = true, updated_at = now()
                   where session_id = ${sessionId}`;
}

/** Rotates a refresh token: revokes the old one (if still live) and stores its successor, hashed. */
export async function rotateRefreshToken(
  tx: Tx,
  r: { id: number; nextHash: string; userId: string; sessionId: string; parentHash: string },
): Promise<void> {
  await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${r.id} and not revoked`;
  await tx`insert into auth.refresh_tokens (token_hash, user_id, session_id, parent)
                 values (${r.nextHash}, ${r.userId}, ${r.sessionId}, ${r.parentHash})`;
}

/** Marks a session as used now. */
export async function touchSession(tx: Tx, sessionId: string): Promise<void> {
  await tx`update auth.sessions set updated_at = now() where id = ${sessionId}`;
}

/** Whether a session exists and has not ended. */
export async function isSessionLive(sql: Sql, sessionId: string): Promise<boolean> {
  const [s] = await sql`select 1 from auth.sessions where id = ${sessionId} and revoked_at is null`;
  return !!s;
}

/**
 * Whether Supabase Auth still has the session. GoTrue keeps its sessions in this same database
 * (auth.sessions) and deletes a session's row when it signs out or is revoked.
 */
export async function isSupabaseSessionLive(sql: Sql, sessionId: string): Promise<boolean> {
  const [s] = await sql`select 1 from auth.sessions where id = ${sessionId}`;
  return !!s;
}
