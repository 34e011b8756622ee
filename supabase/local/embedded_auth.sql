-- Tables of the embedded auth provider (the stand-in for Supabase Auth on non-Supabase databases).
-- Shapes follow Supabase Auth's own (auth.sessions, auth.refresh_tokens) so the provider reads the same
-- way; tokens are stored as SHA-256 hashes only. No grants to the API roles: only the provider touches them.
do $embedded_auth$
begin
  if exists (select 1 from pg_roles where rolname in ('supabase_admin', 'supabase_auth_admin')) then
    return;
  end if;

  create table if not exists auth.sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    revoked_at timestamptz,
    user_agent text
  );
  create index if not exists sessions_user_id_idx on auth.sessions (user_id);

  -- One row per issued refresh token; a session's rows form a rotation chain (parent = previous token).
  -- Presenting a token already rotated is reuse: the whole session (the family) is revoked.
  create table if not exists auth.refresh_tokens (
    id bigint generated always as identity primary key,
    token_hash text not null unique,
    user_id uuid not null references auth.users (id) on delete cascade,
    session_id uuid not null references auth.sessions (id) on delete cascade,
    parent text,
    revoked boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  create index if not exists refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);

  -- ES256 signing keys, generated at first start; the newest one signs, all are published in the JWKS.
  create table if not exists auth.jwt_keys (
    kid text primary key,
    private_jwk jsonb not null,
    public_jwk jsonb not null,
    created_at timestamptz not null default now()
  );
end
$embedded_auth$;
