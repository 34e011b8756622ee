-- Profiles follow e-mail changes made in the identity provider. Supabase Auth lets a user change their
-- address (confirmed from both mailboxes) and an operator edit it in the dashboard; the members list,
-- invitations and our e-mails read public.profiles.email, so it must follow auth.users.email. A trigger on
-- auth.users is Supabase's documented way to mirror users (as on_auth_user_created does).
create function private.handle_user_email_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.profiles set email = coalesce(new.email, '') where id = new.id;
  return null;
end;
$$;
revoke execute on function private.handle_user_email_change() from public, anon, authenticated;

create trigger on_auth_user_email_changed after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function private.handle_user_email_change();
