-- What decides which on-device samples and integrity events of a batch the room sends belong to the
-- interview, read in one indexed statement: the room posts a batch every few seconds per live interview,
-- and reading it through the row-level policies of interviews, candidates and candidate_sessions (each
-- testing membership or candidacy per row) cost the database most of the request. The function checks
-- the one thing those policies would allow here — the caller is this interview's candidate — and returns
-- nothing to anyone else. It also says whether the interview's link is still live, which the candidate
-- cannot read from invitations.
create function public.analysis_target(interview_id uuid)
returns table (
  id uuid, organization_id uuid, status text, started_at timestamptz, completed_at timestamptz,
  stopped_at timestamptz, camera_off boolean, now timestamptz, question_ids uuid[], link_live boolean
)
language plpgsql stable security definer set search_path = '' as $$
begin
  -- plpgsql, not sql: its statement's plan is kept for the connection instead of made again every call.
  return query
  select i.id, i.organization_id, i.status, i.started_at, i.completed_at,
         s.human_interview_requested_at,
         coalesce((s.accommodations ->> 'cameraOff')::boolean, false), pg_catalog.now(),
         array(select q.id from public.questions q where q.interview_id = i.id),
         exists (select 1 from public.invitations v where v.interview_id = i.id
                 and v.opened_at is not null and v.revoked_at is null)
  from public.interviews i
  join public.candidates c on c.id = i.candidate_id
  left join public.candidate_sessions s on s.interview_id = i.id
  where i.id = analysis_target.interview_id and c.user_id = (select auth.uid());
end;
$$;
comment on function public.analysis_target(uuid) is
  'The interview''s span, camera choice, questions and link state, for that interview''s candidate only (sample and event ingestion)';
revoke execute on function public.analysis_target(uuid) from public, anon;
grant execute on function public.analysis_target(uuid) to authenticated, service_role;
