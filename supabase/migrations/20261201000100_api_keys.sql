-- API keys (issue 13): an integrator's key acts as a *service member* of exactly one organization. Each key
-- gets its own identity in auth.users (no password, an address that cannot receive mail, so it can never
-- sign in) and a membership in its organization: `viewer` for a read key, `recruiter` for a write key.
-- Requests made with the key run as that identity (request.jwt.claims, role authenticated), so the same
-- RLS policies as for people decide what it sees and changes; nothing in SQL knows about keys except this
-- file. Revoking a key removes its membership (a leaked key that somehow reached RLS sees nothing).

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- The key's service identity; deleting the organization or the identity removes the key.
  user_id uuid not null unique references auth.users (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  scopes text[] not null check (cardinality(scopes) between 1 and 2 and scopes <@ array['read', 'write']),
  -- The first characters of the key, shown so people recognise it; never enough to use it.
  prefix text not null check (length(prefix) between 8 and 32),
  -- SHA-256 (hex) of the whole key. A fast hash is right here: the key holds 256 random bits, so there is
  -- nothing to brute-force, and a slow password hash would cost every API request tens of milliseconds.
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);
comment on table public.api_keys is
  'API keys of an organization (hashed); each acts as a service member of that one organization';
create index api_keys_organization_id_idx on public.api_keys (organization_id, created_at desc);
create index api_keys_created_by_idx on public.api_keys (created_by);

alter table public.api_keys enable row level security;
create policy "api_keys: owners and admins read" on public.api_keys
  for select to authenticated using (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
-- Only revoking is a change people make (column grant below); keys are created by private.create_api_key.
create policy "api_keys: owners and admins revoke" on public.api_keys
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin'])))
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin'])));
revoke all on public.api_keys from anon, authenticated;
grant select (id, organization_id, user_id, name, scopes, prefix, expires_at, revoked_at, last_used_at,
  created_by, created_at) on public.api_keys to authenticated;
grant update (revoked_at) on public.api_keys to authenticated;

-- Whether a user is an API key's service identity: member lists leave them out, roles never change.
create function private.is_api_key_identity(uid uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.api_keys k where k.user_id = uid)
$$;

/*
 * Creates a key's identity, membership and row, as an owner or admin of `org` (checked here: the function
 * runs as its owner to write auth.users and the membership). The caller generates the key and passes only
 * its prefix and hash. Returns the key's id.
 */
create function private.create_api_key(
  org uuid, key_name text, key_scopes text[], key_expires_at timestamptz, key_prefix text, hash text
) returns uuid language plpgsql security definer set search_path = '' as $$
declare
  identity uuid := gen_random_uuid();
  key_id uuid := gen_random_uuid();
begin
  if not exists (
    select 1 from public.memberships m
    where m.organization_id = org and m.user_id = (select auth.uid()) and m.role in ('owner', 'admin')
  ) then
    raise exception 'Only owners and admins create API keys' using errcode = 'insufficient_privilege';
  end if;
  insert into auth.users (id, email, raw_app_meta_data, raw_user_meta_data)
  values (
    identity,
    'api-key-' || key_id || '@api-keys.invalid',
    jsonb_build_object('provider', 'api_key', 'api_key_id', key_id),
    jsonb_build_object('full_name', left('API: ' || key_name, 200))
  );
  insert into public.memberships (organization_id, user_id, role)
  values (org, identity, case when 'write' = any (key_scopes) then 'recruiter' else 'viewer' end);
  insert into public.api_keys (id, organization_id, user_id, name, scopes, prefix, key_hash, expires_at, created_by)
  values (key_id, org, identity, key_name, key_scopes, key_prefix, hash, key_expires_at, (select auth.uid()));
  return key_id;
end;
$$;

-- Revoking is final: the membership goes, so RLS refuses the identity even if a request got through.
create function private.api_key_revoked() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'An API key stays revoked' using errcode = 'check_violation';
  end if;
  if new.revoked_at is not null and old.revoked_at is null then
    delete from public.memberships where user_id = new.user_id;
  end if;
  return new;
end;
$$;
create trigger api_keys_revoked before update of revoked_at on public.api_keys
  for each row execute function private.api_key_revoked();

-- A key's role follows its scopes: the members page cannot turn a read key into a writer.
create function private.api_key_role_fixed() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if new.role is distinct from old.role and private.is_api_key_identity(new.user_id) then
    raise exception 'An API key''s role follows its scopes' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger memberships_api_key_role_fixed before update of role on public.memberships
  for each row execute function private.api_key_role_fixed();

-- Idempotency keys of the REST API (Idempotency-Key header): per organization, the request's fingerprint
-- and, once it succeeded, the response to replay. Written as the key's identity (writers only).
create table public.idempotency_keys (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  key text not null check (length(key) between 1 and 255),
  -- SHA-256 of method, route and body: the same key with another request is refused.
  fingerprint text not null,
  -- Null while the first request runs.
  status integer check (status between 200 and 299),
  response jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (organization_id, key)
);
comment on table public.idempotency_keys is
  'Idempotency-Key records of the REST API per organization: request fingerprint and the response to replay';
create index idempotency_keys_expires_at_idx on public.idempotency_keys (organization_id, expires_at);

alter table public.idempotency_keys enable row level security;
create policy "idempotency_keys: writers read" on public.idempotency_keys
  for select to authenticated using (organization_id in (select private.my_writable_org_ids()));
create policy "idempotency_keys: writers add" on public.idempotency_keys
  for insert to authenticated with check (organization_id in (select private.my_writable_org_ids()));
create policy "idempotency_keys: writers complete" on public.idempotency_keys
  for update to authenticated
  using (organization_id in (select private.my_writable_org_ids()))
  with check (organization_id in (select private.my_writable_org_ids()));
create policy "idempotency_keys: writers remove" on public.idempotency_keys
  for delete to authenticated using (organization_id in (select private.my_writable_org_ids()));
revoke all on public.idempotency_keys from anon, authenticated;
grant select, insert, update, delete on public.idempotency_keys to authenticated;

revoke execute on function private.is_api_key_identity(uuid), private.create_api_key(uuid, text, text[], timestamptz, text, text),
  private.api_key_revoked(), private.api_key_role_fixed() from public, anon;
grant execute on function private.is_api_key_identity(uuid),
  private.create_api_key(uuid, text, text[], timestamptz, text, text) to authenticated;
grant execute on function private.is_api_key_identity(uuid), private.create_api_key(uuid, text, text[], timestamptz, text, text),
  private.api_key_revoked(), private.api_key_role_fixed() to service_role;
