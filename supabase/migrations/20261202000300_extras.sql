-- An API key's sign-in identity (auth.users, made by private.create_api_key) exists only for that key: when
-- the key row goes, so does the identity. Keys are never deleted one by one (revoking keeps the row for
-- the history), so in practice this runs when their organization is deleted, by whatever path (the data
-- API lets an owner do it): the cascade removes the keys, this removes their identities. The provider
-- check keeps it to identities create_api_key made, never a person's account.
create function private.api_key_deleted() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  delete from auth.users u
  where u.id = old.user_id and u.raw_app_meta_data ->> 'provider' = 'api_key';
  return null;
end;
$$;
create trigger api_keys_deleted after delete on public.api_keys
  for each row execute function private.api_key_deleted();

revoke execute on function private.api_key_deleted() from public, anon, authenticated;
grant execute on function private.api_key_deleted() to service_role;
