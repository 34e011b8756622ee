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

  -- Sign-ups waiting for their e-mail confirmation (when confirmation is on). Nothing exists in
  -- auth.users until the link comes back, so a stranger who signs up with someone else's address never
  -- holds an account the owner later confirms with the stranger's password: each pending row carries its
  -- own password hash, and the link that confirms it is the only way in. raw_user_meta_data keeps what
  -- the newcomer asked for (name, language, organization name or invitation token hash).
  if to_regclass('auth.pending_signups') is null then
    -- Accounts created before confirmation existed were usable at once: mark them confirmed, once.
    update auth.users set email_confirmed_at = coalesce(email_confirmed_at, created_at)
    where email_confirmed_at is null;
    create table auth.pending_signups (
      id uuid primary key default gen_random_uuid(),
      email varchar(255) not null,
      encrypted_password varchar(255) not null,
      raw_user_meta_data jsonb not null default '{}',
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index pending_signups_email_idx on auth.pending_signups (lower(email));
  end if;

  -- Single-use tokens of existing accounts (password recovery), shaped like Supabase Auth's
  -- auth.one_time_tokens: one live token per user and type, stored as a SHA-256 hash, deleted when used.
  create table if not exists auth.one_time_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    token_type text not null check (token_type in ('recovery_token')),
    token_hash text not null unique,
    relates_to text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    unique (user_id, token_type)
  );
end
$embedded_auth$;
