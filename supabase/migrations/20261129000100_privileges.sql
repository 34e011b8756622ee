-- Privileges: only the policy helpers are callable, only the server publishes on realtime, one helper for
-- "organizations where I may write", and evaluations that keep their history.

-- Re-assert what the earlier migrations intended. The local shim used to re-grant everything in public at
-- every start, which undid these on databases started before this migration; it no longer does.
revoke update on public.organizations from anon, authenticated;
grant update (name, locale, jurisdiction, retention_days, expression_analysis_enabled) on public.organizations
  to authenticated;
revoke update on public.profiles from anon, authenticated;
grant update (full_name, locale) on public.profiles to authenticated;
revoke update on public.notifications from anon, authenticated;
grant update (read_at) on public.notifications to authenticated;
revoke update on public.consents from anon, authenticated;
grant update (withdrawn_at) on public.consents to authenticated;
-- These act as the signed-in caller (auth.uid(), auth.email()): meaningless, and refused, without one.
revoke execute on function public.accept_organization_invitation(text), public.candidate_start_interview(uuid),
  public.candidate_complete_interview(uuid) from public, anon;

-- Organizations where the caller may write (owner, admin or recruiter): the write policies below use it as
-- `organization_id in (select private.my_writable_org_ids())`, the hashed sub-select of my_org_ids().
create function private.my_writable_org_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.organization_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'recruiter')
$$;

-- Schema private: functions are callable by PUBLIC unless revoked, so every one is closed, then only the
-- helpers that policies (or the app, as the caller) evaluate are opened to authenticated. Triggers and
-- the helpers called only inside security definer functions need no grant: org_of_interview() answers
-- for any interview, so no API role may call it directly. anon evaluates no policy at all.
revoke execute on all functions in schema private from public, anon, authenticated;
revoke usage on schema private from anon;
grant execute on function private.my_org_ids(text[]), private.my_writable_org_ids(), private.is_platform_admin(),
  private.shares_org(uuid), private.is_interview_candidate(uuid), private.can_answer_interview(uuid),
  private.can_read_topic(text) to authenticated;
grant execute on all functions in schema private to service_role;

alter policy "candidates: recruiters create" on public.candidates
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "candidates: recruiters update" on public.candidates
  using (organization_id in (select private.my_writable_org_ids()))
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "candidates: recruiters delete" on public.candidates
  using (organization_id in (select private.my_writable_org_ids()));

alter policy "interviews: recruiters create" on public.interviews
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "interviews: recruiters update" on public.interviews
  using (organization_id in (select private.my_writable_org_ids()))
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "interviews: recruiters delete" on public.interviews
  using (organization_id in (select private.my_writable_org_ids()));

alter policy "questions: recruiters create" on public.questions
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "questions: recruiters update" on public.questions
  using (organization_id in (select private.my_writable_org_ids()))
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "questions: recruiters delete" on public.questions
  using (organization_id in (select private.my_writable_org_ids()));

alter policy "invitations: recruiters create" on public.invitations
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "invitations: recruiters update" on public.invitations
  using (organization_id in (select private.my_writable_org_ids()))
  with check (organization_id in (select private.my_writable_org_ids()));
alter policy "invitations: recruiters delete" on public.invitations
  using (organization_id in (select private.my_writable_org_ids()));

alter policy "decisions: recruiters decide as themselves" on public.decisions
  with check (organization_id in (select private.my_writable_org_ids()) and decided_by = (select auth.uid()));

-- Realtime: clients only receive. The server publishes with realtime.send() from SQL it runs as
-- service_role or from a security definer function or trigger (both bypass RLS, in the transaction of the
-- change); a browser holding a session could otherwise spoof progress or biometric events on its topics.
-- With no insert policy, realtime.send() called as anon or authenticated stores nothing (it only warns).
do $realtime$
begin
  if to_regclass('realtime.messages') is not null then
    drop policy if exists "realtime: topic audience sends" on realtime.messages;
  end if;
end
$realtime$;

-- Evaluations keep their history: re-running with another prompt version or model adds a row instead of
-- replacing the previous one (the newest by created_at is the current one). Null counts as a value, so a
-- response has one evaluation per (prompt_version, model) pair, unknown ones included.
alter table public.evaluations drop constraint evaluations_response_id_key;
alter table public.evaluations add constraint evaluations_response_id_prompt_version_model_key
  unique nulls not distinct (response_id, prompt_version, model);
