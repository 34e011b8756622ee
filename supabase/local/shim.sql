-- Supabase shim for databases that are not Supabase (embedded PGlite, plain PostgreSQL 15+).
-- Recreates what migrations and RLS policies see on Supabase: the API roles, auth.uid()/role()/email()/jwt()
-- with the upstream bodies, auth.users, realtime.messages/topic()/send(), storage.buckets/objects/foldername()
-- and the extensions schema.
-- Never pushed to Supabase (it lives outside supabase/migrations) and exits at once where Supabase's own
-- admin roles exist. Every object is created only if absent, so running it twice is a no-op.
--
-- Privileges: it runs at every start, after the migrations have revoked some (column locks, functions
-- closed to anon), so it grants only on what it creates, when it creates it, and never on existing objects.
-- Supabase's default privileges in public (API roles get everything on new tables, sequences and functions;
-- RLS guards the rows) are set once, on the first start of a database; from then on the migrations alone
-- decide privileges.
do $shim$
declare
  first_start boolean := to_regnamespace('auth') is null;
begin
  if exists (select 1 from pg_roles where rolname in ('supabase_admin', 'supabase_auth_admin')) then
    raise notice 'Supabase detected: shim skipped';
    return;
  end if;

  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator nologin noinherit;
  end if;
  grant anon, authenticated, service_role to authenticator;
  -- The app connects as the database owner and switches with set_config('role', …, true), as PostgREST does.
  execute format('grant anon, authenticated, service_role to %I', current_user);

  if to_regnamespace('extensions') is null then
    create schema extensions;
    grant usage on schema extensions to anon, authenticated, service_role;
  end if;
  if to_regnamespace('realtime') is null then
    create schema realtime;
    grant usage on schema realtime to anon, authenticated, service_role;
  end if;
  if first_start then
    create schema auth;
    grant usage on schema auth, public to anon, authenticated, service_role;
    -- As on Supabase: the API roles get everything on what migrations create in public; RLS protects the
    -- rows, migrations revoke what must stay closed (columns, functions).
    alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
    alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
    alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
  end if;

  if to_regclass('auth.users') is null then
    create table auth.users (
      instance_id uuid,
      id uuid primary key,
      aud varchar(255) default 'authenticated',
      role varchar(255) default 'authenticated',
      email varchar(255),
      encrypted_password varchar(255),
      email_confirmed_at timestamptz,
      last_sign_in_at timestamptz,
      raw_app_meta_data jsonb not null default '{}',
      raw_user_meta_data jsonb not null default '{}',
      is_anonymous boolean not null default false,
      banned_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on auth.users (lower(email));
    comment on table auth.users is 'Shim of Supabase Auth users; no grants to API roles, as on Supabase';
  end if;

  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
    $f$;
    grant execute on function auth.uid() to anon, authenticated, service_role;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
    $f$;
    grant execute on function auth.role() to anon, authenticated, service_role;
  end if;
  if to_regprocedure('auth.email()') is null then
    create function auth.email() returns text language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
                      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
    $f$;
    grant execute on function auth.email() to anon, authenticated, service_role;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                      nullif(current_setting('request.jwt.claims', true), ''))::jsonb
    $f$;
    grant execute on function auth.jwt() to anon, authenticated, service_role;
  end if;

  if to_regclass('realtime.messages') is null then
    create table realtime.messages (
      id uuid not null default gen_random_uuid(),
      topic text not null,
      extension text not null,
      payload jsonb,
      event text,
      private boolean default false,
      updated_at timestamp not null default now(),
      inserted_at timestamp not null default now(),
      primary key (id, inserted_at)
    );
    create index messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic);
    alter table realtime.messages enable row level security;
    grant select, insert, update on realtime.messages to anon, authenticated, service_role;
    comment on table realtime.messages is 'Shim of Supabase Realtime broadcast messages';
  end if;

  if to_regprocedure('realtime.topic()') is null then
    create function realtime.topic() returns text language sql stable as $f$
      select nullif(current_setting('realtime.topic', true), '')::text
    $f$;
    grant execute on function realtime.topic() to anon, authenticated, service_role;
  end if;

  if to_regprocedure('realtime.send(jsonb,text,text,boolean)') is null then
    -- Upstream body: security invoker, errors become warnings (a missing insert policy drops the message).
    create function realtime.send(payload jsonb, event text, topic text, private boolean default true)
    returns void language plpgsql as $f$
    begin
      begin
        perform set_config('realtime.topic', topic, true);
        insert into realtime.messages (payload, event, topic, private, extension)
        values (payload || jsonb_build_object('id', gen_random_uuid()), event, topic, private, 'broadcast');
      exception when others then
        raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
      end;
    end;
    $f$;
    grant execute on function realtime.send(jsonb, text, text, boolean) to anon, authenticated, service_role;
  end if;

  -- Supabase Storage's tables as the migrations see them (buckets and the policies on objects); files
  -- themselves are kept by the local store (api/storage/blob_store.ts), never in these tables.
  if to_regnamespace('storage') is null then
    create schema storage;
    grant usage on schema storage to anon, authenticated, service_role;
  end if;
  if to_regclass('storage.buckets') is null then
    create table storage.buckets (
      id text primary key,
      name text not null unique,
      owner uuid,
      public boolean default false,
      file_size_limit bigint,
      allowed_mime_types text[],
      created_at timestamptz default now(),
      updated_at timestamptz default now()
    );
    alter table storage.buckets enable row level security;
    grant select on storage.buckets to anon, authenticated, service_role;
    comment on table storage.buckets is 'Shim of Supabase Storage buckets';
  end if;
  if to_regclass('storage.objects') is null then
    create table storage.objects (
      id uuid primary key default gen_random_uuid(),
      bucket_id text references storage.buckets (id),
      name text,
      owner uuid,
      metadata jsonb,
      created_at timestamptz default now(),
      updated_at timestamptz default now(),
      unique (bucket_id, name)
    );
    alter table storage.objects enable row level security;
    grant select, insert, update, delete on storage.objects to anon, authenticated, service_role;
    comment on table storage.objects is 'Shim of Supabase Storage objects (metadata only)';
  end if;
  if to_regprocedure('storage.foldername(text)') is null then
    -- Upstream body: the folders of an object name, without the file name.
    create function storage.foldername(name text) returns text[] language plpgsql immutable as $f$
    declare
      _parts text[];
    begin
      select string_to_array(name, '/') into _parts;
      return _parts[1:array_length(_parts, 1) - 1];
    end
    $f$;
    grant execute on function storage.foldername(text) to anon, authenticated, service_role;
  end if;

  -- Local only: the embedded realtime endpoint listens here; Supabase reads the WAL instead.
  if to_regprocedure('realtime.notify_local()') is null then
    create function realtime.notify_local() returns trigger language plpgsql as $f$
    begin
      perform pg_notify('realtime_local', json_build_object('id', new.id, 'topic', new.topic)::text);
      return null;
    end;
    $f$;
    revoke execute on function realtime.notify_local() from public;
    create trigger messages_notify_local after insert on realtime.messages
      for each row execute function realtime.notify_local();
  end if;
end
$shim$;
