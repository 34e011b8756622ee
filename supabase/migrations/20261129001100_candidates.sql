-- The colleague invitation page names the organization and who invited (issue 9): the offer gains the
-- inviter's name (their e-mail address when the profile has no name; null once their account is gone).
-- Same rules as before: only a pending, unexpired invitation, for whoever holds its token.
drop function public.check_organization_invitation(text);
create function public.check_organization_invitation(token_hash text)
returns table (email text, organization_name text, role text, invited_by_name text)
language sql stable security definer set search_path = '' as $$
  select i.email, o.name, i.role, coalesce(nullif(trim(p.full_name), ''), p.email)
  from public.organization_invitations i
  join public.organizations o on o.id = i.organization_id
  left join public.profiles p on p.id = i.invited_by
  where i.token_hash = check_organization_invitation.token_hash
    and i.revoked_at is null and i.accepted_at is null and i.expires_at > now()
$$;
revoke execute on function public.check_organization_invitation(text) from public;
grant execute on function public.check_organization_invitation(text) to anon, authenticated;
