-- Interviews: the rest of the product schema (candidates, interviews, questions, candidate invitations,
-- responses, evaluations, biometric samples, notifications, decisions, consents, the jobs queue) and the
-- realtime topic policies. Same rules as the foundation: RLS on every table, per-command policies to
-- authenticated, auth.uid() wrapped in a sub-select, helpers in schema private (security definer, empty
-- search_path), every policy column indexed.
--
-- Rows that carry a denormalized organization_id (for cheap RLS) are tied to their parent with composite
-- foreign keys ((parent_id, organization_id) → parent (id, organization_id)): a recruiter of one
-- organization cannot attach a row to another organization's interview by guessing its id.

-- candidates ------------------------------------------------------------------------------------------
create table public.candidates (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  full_name text not null check (length(trim(full_name)) between 1 and 200),
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  phone text check (length(phone) <= 40),
  cv_storage_path text,
  cv_text text,
  cv_filename text check (length(cv_filename) <= 255),
  -- The auth user linked to this candidate once they open their magic link (the "candidate role").
  user_id uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (organization_id, email),
  unique (id, organization_id)
);
comment on table public.candidates is 'People an organization interviews (CV as text); linked to an auth user once they open their magic link';
create index candidates_user_id_idx on public.candidates (user_id);
create index candidates_created_by_idx on public.candidates (created_by);
create trigger candidates_updated_at before update on public.candidates
  for each row execute function private.set_updated_at();

-- interviews ------------------------------------------------------------------------------------------
create table public.interviews (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  candidate_id uuid,
  title text not null check (length(trim(title)) between 1 and 200),
  job_title text not null check (length(trim(job_title)) between 1 and 200),
  job_description text not null default '',
  experience_level text not null default 'mid' check (experience_level in ('junior', 'mid', 'senior', 'lead')),
  mode text not null default 'autonomous' check (mode in ('autonomous', 'live')),
  language text not null default 'fr' check (language in ('fr', 'en')),
  time_per_question_seconds integer not null default 120 check (time_per_question_seconds between 15 and 1800),
  question_count integer not null default 5 check (question_count between 1 and 30),
  status text not null default 'draft'
    check (status in ('draft', 'scheduled', 'in_progress', 'completed', 'reviewed', 'archived')),
  question_generator text,
  invitation_expiry_days integer not null default 7 check (invitation_expiry_days between 1 and 90),
  scheduled_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, organization_id),
  -- Erasing a candidate keeps the interview (and its organization) and only clears the link (PG15+ syntax).
  foreign key (candidate_id, organization_id) references public.candidates (id, organization_id)
    on delete set null (candidate_id)
);
comment on table public.interviews is 'An interview for one job and (once attached) one candidate; status follows a state machine';
create index interviews_organization_id_idx on public.interviews (organization_id, created_at desc);
create index interviews_candidate_id_idx on public.interviews (candidate_id);
create index interviews_created_by_idx on public.interviews (created_by);
create trigger interviews_updated_at before update on public.interviews
  for each row execute function private.set_updated_at();

-- draft → scheduled → in_progress → completed → reviewed; scheduled → draft; anything → archived.
create function private.check_interview_status() returns trigger language plpgsql set search_path = '' as $$
begin
  if not (
    new.status = 'archived'
    or (old.status, new.status) in (
      ('draft', 'scheduled'), ('scheduled', 'draft'), ('scheduled', 'in_progress'),
      ('in_progress', 'completed'), ('completed', 'reviewed')
    )
  ) then
    raise exception 'Interview status cannot change from % to %', old.status, new.status
      using errcode = 'check_violation',
            hint = 'Allowed: draft→scheduled→in_progress→completed→reviewed, scheduled→draft, any→archived';
  end if;
  if new.status = 'in_progress' and new.started_at is null then
    new.started_at := now();
  end if;
  if new.status = 'completed' and new.completed_at is null then
    new.completed_at := now();
  end if;
  return new;
end;
$$;
create trigger interviews_status_machine before update on public.interviews
  for each row when (old.status is distinct from new.status)
  execute function private.check_interview_status();

-- questions -------------------------------------------------------------------------------------------
create table public.questions (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  organization_id uuid not null,
  position integer not null check (position >= 0),
  original_text text not null check (length(trim(original_text)) between 1 and 4000),
  displayed_text text not null check (length(trim(displayed_text)) between 1 and 4000),
  was_modified boolean generated always as (displayed_text is distinct from original_text) stored,
  difficulty text not null default 'medium' check (difficulty in ('easy', 'medium', 'hard')),
  category text,
  reasoning text,
  parent_question_id uuid,
  follow_up_reason text check (follow_up_reason in ('unclear', 'timeout', 'depth')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Deferred so a reorder (swapping positions) can run as several updates in one transaction.
  constraint questions_interview_id_position_key unique (interview_id, position) deferrable initially deferred,
  unique (id, interview_id),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade,
  -- A follow-up belongs to the same interview as the question it follows.
  foreign key (parent_question_id, interview_id) references public.questions (id, interview_id) on delete cascade,
  check (follow_up_reason is null or parent_question_id is not null)
);
comment on table public.questions is 'Questions of an interview: AI original kept, recruiter-edited text displayed; follow-ups point to their parent';
create index questions_interview_id_idx on public.questions (interview_id, position);
create index questions_organization_id_idx on public.questions (organization_id);
create index questions_parent_question_id_idx on public.questions (parent_question_id);
create trigger questions_updated_at before update on public.questions
  for each row execute function private.set_updated_at();

-- invitations (candidate magic links) -----------------------------------------------------------------
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  candidate_id uuid not null,
  organization_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  sent_at timestamptz,
  opened_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  revoked_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade,
  foreign key (candidate_id, organization_id) references public.candidates (id, organization_id) on delete cascade
);
comment on table public.invitations is 'Candidate magic links (token stored as SHA-256); one active link per interview and candidate';
-- Active = neither revoked nor completed (an expired link still counts: resending revokes it first).
create unique index invitations_one_active_idx on public.invitations (interview_id, candidate_id)
  where revoked_at is null and completed_at is null;
create index invitations_interview_id_idx on public.invitations (interview_id);
create index invitations_candidate_id_idx on public.invitations (candidate_id);
create index invitations_organization_id_idx on public.invitations (organization_id);
create index invitations_created_by_idx on public.invitations (created_by);

-- responses -------------------------------------------------------------------------------------------
create table public.responses (
  id uuid primary key default gen_random_uuid(),
  question_id uuid not null unique,
  interview_id uuid not null,
  organization_id uuid not null,
  transcript text,
  text_answer text,
  audio_storage_path text,
  audio_duration_ms integer check (audio_duration_ms >= 0),
  answer_mode text not null default 'voice' check (answer_mode in ('voice', 'text')),
  transcription_method text not null default 'none'
    check (transcription_method in ('openai', 'pocketsphinx', 'typed', 'none')),
  response_time_ms integer check (response_time_ms >= 0),
  timed_out boolean not null default false,
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  unique (id, organization_id),
  foreign key (question_id, interview_id) references public.questions (id, interview_id) on delete cascade,
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade
);
comment on table public.responses is 'A candidate''s answer to one question: audio path and transcript, or typed text';
create index responses_interview_id_idx on public.responses (interview_id);
create index responses_organization_id_idx on public.responses (organization_id);

-- evaluations -----------------------------------------------------------------------------------------
create table public.evaluations (
  id uuid primary key default gen_random_uuid(),
  response_id uuid not null unique,
  organization_id uuid not null,
  accuracy numeric(4, 2) not null check (accuracy between 0 and 10),           -- exactitude
  clarity numeric(4, 2) not null check (clarity between 0 and 10),             -- clarté
  depth numeric(4, 2) not null check (depth between 0 and 10),                 -- profondeur
  overall_score numeric(4, 2) not null check (overall_score between 0 and 10), -- score_global
  strengths text[] not null default '{}',                                      -- points_forts
  improvements text[] not null default '{}',                                   -- axes_amelioration
  evidence jsonb not null default '[]',   -- quotes from the transcript backing the scores
  model text,
  prompt_version text,
  evaluator text not null check (evaluator in ('anthropic', 'openai', 'offline')),
  created_at timestamptz not null default now(),
  foreign key (response_id, organization_id) references public.responses (id, organization_id) on delete cascade
);
comment on table public.evaluations is 'AI evaluation of one response (scores 0–10 with evidence); written by the evaluation job only';
create index evaluations_organization_id_idx on public.evaluations (organization_id);

-- biometric samples -----------------------------------------------------------------------------------
create table public.biometric_samples (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  organization_id uuid not null,
  question_id uuid,
  captured_at timestamptz not null,
  face_present boolean not null,
  face_count smallint not null default 0 check (face_count between 0 and 100),
  eye_contact real check (eye_contact between 0 and 1),
  posture real check (posture between 0 and 1),
  gestures real check (gestures between 0 and 1),
  attention real check (attention between 0 and 1),
  head_yaw real check (head_yaw between -180 and 180),
  head_pitch real check (head_pitch between -180 and 180),
  -- Expression channels: only where the organization enabled them (never in the EU), see the trigger.
  emotions jsonb,
  dominant_emotion text check (length(dominant_emotion) <= 40),
  created_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade,
  foreign key (question_id, interview_id) references public.questions (id, interview_id)
    on delete set null (question_id)
);
comment on table public.biometric_samples is 'Per-second on-device face aggregates; shown to recruiters, clearly marked, and NEVER feed any score';
create index biometric_samples_interview_id_idx on public.biometric_samples (interview_id, captured_at);
create index biometric_samples_organization_id_idx on public.biometric_samples (organization_id);
create index biometric_samples_question_id_idx on public.biometric_samples (question_id);

-- EU AI Act Art. 5(1)(f): expression data is refused unless the organization enabled it (and the
-- organizations check constraint already refuses enabling it in the EU). A trigger, so it holds for the
-- service role too.
create function private.check_expression_data() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (new.emotions is not null or new.dominant_emotion is not null)
     and not coalesce((select o.expression_analysis_enabled from public.organizations o
                       where o.id = new.organization_id), false) then
    raise exception 'Expression analysis is disabled for this organization' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger biometric_samples_expression_guard before insert or update on public.biometric_samples
  for each row execute function private.check_expression_data();

-- notifications ---------------------------------------------------------------------------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  organization_id uuid references public.organizations (id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null default '',
  link text,
  payload jsonb not null default '{}',
  read_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.notifications is 'In-app notifications for one recipient; created by the server, pushed on topic user:<id>';
create index notifications_user_id_idx on public.notifications (user_id, created_at desc);
create index notifications_organization_id_idx on public.notifications (organization_id);

-- decisions (append-only) -----------------------------------------------------------------------------
create table public.decisions (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  organization_id uuid not null,
  decided_by uuid references auth.users (id) on delete set null default auth.uid(),
  outcome text not null check (outcome in ('advance', 'reject', 'hold')),
  rationale text not null default '',
  created_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade
);
comment on table public.decisions is 'Human hiring decisions on an interview (append-only; the latest one counts)';
create index decisions_interview_id_idx on public.decisions (interview_id, created_at desc);
create index decisions_organization_id_idx on public.decisions (organization_id);
create index decisions_decided_by_idx on public.decisions (decided_by);

-- Append-only; deleting the interview (or its organization) still cascades.
create trigger decisions_append_only before update or delete on public.decisions
  for each row execute function private.reject_change('public.interviews', 'interview_id');

-- consents --------------------------------------------------------------------------------------------
create table public.consents (
  id uuid primary key default gen_random_uuid(),
  interview_id uuid not null,
  candidate_id uuid not null,
  organization_id uuid not null,
  user_id uuid references auth.users (id) on delete set null default auth.uid(),
  notice_version text not null,
  accepted_at timestamptz not null default now(),
  ip_hash text,
  user_agent text check (length(user_agent) <= 1000),
  withdrawn_at timestamptz,
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade,
  foreign key (candidate_id, organization_id) references public.candidates (id, organization_id) on delete cascade
);
comment on table public.consents is 'A candidate''s acceptance of the notice (AI use, recording, retention, human decision); withdrawal recorded';
create index consents_interview_id_idx on public.consents (interview_id);
create index consents_candidate_id_idx on public.consents (candidate_id);
create index consents_organization_id_idx on public.consents (organization_id);
create index consents_user_id_idx on public.consents (user_id);

-- jobs (work queue) -----------------------------------------------------------------------------------
create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'dead')),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts >= 1),
  run_after timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  last_error text,
  result jsonb,
  organization_id uuid references public.organizations (id) on delete cascade,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.jobs is 'Work queue for LLM, transcription and e-mail work (polled with for update skip locked)';
create index jobs_status_run_after_idx on public.jobs (status, run_after);
create index jobs_organization_id_idx on public.jobs (organization_id, created_at desc);
create index jobs_created_by_idx on public.jobs (created_by);
create trigger jobs_updated_at before update on public.jobs
  for each row execute function private.set_updated_at();

-- helpers used by policies ----------------------------------------------------------------------------
-- True when the current user is the auth user linked to the interview's candidate.
create function private.is_interview_candidate(interview uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.interviews i
    join public.candidates c on c.id = i.candidate_id
    where i.id = interview and c.user_id = (select auth.uid())
  )
$$;

-- True when the current user is the interview's candidate and the interview is running.
create function private.can_answer_interview(interview uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.interviews i
    join public.candidates c on c.id = i.candidate_id
    where i.id = interview and i.status = 'in_progress' and c.user_id = (select auth.uid())
  )
$$;

create function private.org_of_interview(interview uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select i.organization_id from public.interviews i where i.id = interview
$$;

grant execute on function private.is_interview_candidate(uuid), private.can_answer_interview(uuid),
  private.org_of_interview(uuid) to authenticated, service_role;

-- Candidate transitions. The candidate may not update interviews directly (recruiters own them), so the
-- two steps that are theirs go through these functions, which check who is calling and the state.
create function public.candidate_start_interview(interview_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.is_interview_candidate(interview_id) then
    raise exception 'Interview not found' using errcode = 'P0002';
  end if;
  if not exists (
    select 1 from public.consents c
    join public.interviews i on i.id = c.interview_id and i.candidate_id = c.candidate_id
    where c.interview_id = candidate_start_interview.interview_id and c.withdrawn_at is null
  ) then
    raise exception 'Consent is required before starting' using errcode = '42501';
  end if;
  update public.interviews i set status = 'in_progress'
  where i.id = candidate_start_interview.interview_id and i.status = 'scheduled';
  if not found then
    raise exception 'Interview cannot be started now' using errcode = 'check_violation';
  end if;
  update public.invitations v set started_at = coalesce(v.started_at, now())
  where v.interview_id = candidate_start_interview.interview_id and v.revoked_at is null and v.completed_at is null;
end;
$$;

create function public.candidate_complete_interview(interview_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if not private.is_interview_candidate(interview_id) then
    raise exception 'Interview not found' using errcode = 'P0002';
  end if;
  update public.interviews i set status = 'completed'
  where i.id = candidate_complete_interview.interview_id and i.status = 'in_progress';
  if not found then
    raise exception 'Interview cannot be completed now' using errcode = 'check_violation';
  end if;
  update public.invitations v set completed_at = now()
  where v.interview_id = candidate_complete_interview.interview_id and v.revoked_at is null and v.completed_at is null;
end;
$$;
revoke execute on function public.candidate_start_interview(uuid), public.candidate_complete_interview(uuid)
  from public, anon;
grant execute on function public.candidate_start_interview(uuid), public.candidate_complete_interview(uuid)
  to authenticated;

-- row level security ----------------------------------------------------------------------------------
alter table public.candidates enable row level security;
alter table public.interviews enable row level security;
alter table public.questions enable row level security;
alter table public.invitations enable row level security;
alter table public.responses enable row level security;
alter table public.evaluations enable row level security;
alter table public.biometric_samples enable row level security;
alter table public.notifications enable row level security;
alter table public.decisions enable row level security;
alter table public.consents enable row level security;
alter table public.jobs enable row level security;

-- candidates
create policy "candidates: members read, the candidate reads their own" on public.candidates
  for select to authenticated
  using (organization_id in (select private.my_org_ids()) or user_id = (select auth.uid()));
create policy "candidates: recruiters create" on public.candidates
  for insert to authenticated
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "candidates: recruiters update" on public.candidates
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])))
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "candidates: recruiters delete" on public.candidates
  for delete to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));

-- interviews (candidates change status only through candidate_start/complete_interview)
create policy "interviews: members and the candidate read" on public.interviews
  for select to authenticated
  using (organization_id in (select private.my_org_ids()) or private.is_interview_candidate(id));
create policy "interviews: recruiters create" on public.interviews
  for insert to authenticated
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "interviews: recruiters update" on public.interviews
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])))
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "interviews: recruiters delete" on public.interviews
  for delete to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));

-- questions
create policy "questions: members and the candidate read" on public.questions
  for select to authenticated
  using (organization_id in (select private.my_org_ids()) or private.is_interview_candidate(interview_id));
create policy "questions: recruiters create" on public.questions
  for insert to authenticated
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "questions: recruiters update" on public.questions
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])))
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "questions: recruiters delete" on public.questions
  for delete to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));

-- invitations (consumed by the server's magic-link flow, not by the candidate directly)
create policy "invitations: members read" on public.invitations
  for select to authenticated using (organization_id in (select private.my_org_ids()));
create policy "invitations: recruiters create" on public.invitations
  for insert to authenticated
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "invitations: recruiters update" on public.invitations
  for update to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])))
  with check (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));
create policy "invitations: recruiters delete" on public.invitations
  for delete to authenticated
  using (organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter'])));

-- responses: the candidate writes while the interview runs; transcription and scoring jobs use the
-- service role. No delete policy: an answer given is part of the record.
create policy "responses: members and the candidate read" on public.responses
  for select to authenticated
  using (organization_id in (select private.my_org_ids()) or private.is_interview_candidate(interview_id));
create policy "responses: the candidate answers while in progress" on public.responses
  for insert to authenticated with check (private.can_answer_interview(interview_id));
create policy "responses: the candidate edits while in progress" on public.responses
  for update to authenticated
  using (private.can_answer_interview(interview_id))
  with check (private.can_answer_interview(interview_id));

-- evaluations: members read. No insert/update/delete policy on purpose: scores come only from the
-- evaluation job (service role), so no user — recruiter or candidate — can forge or edit a score.
create policy "evaluations: members read" on public.evaluations
  for select to authenticated using (organization_id in (select private.my_org_ids()));

-- biometric_samples: the candidate's browser sends aggregates while the interview runs; members read.
-- No update/delete policy: samples are measurements (retention jobs use the service role).
create policy "biometric_samples: members read" on public.biometric_samples
  for select to authenticated using (organization_id in (select private.my_org_ids()));
create policy "biometric_samples: the candidate sends while in progress" on public.biometric_samples
  for insert to authenticated with check (private.can_answer_interview(interview_id));

-- notifications: created by the server (service role or security definer triggers), so no insert policy.
create policy "notifications: the recipient reads" on public.notifications
  for select to authenticated using (user_id = (select auth.uid()));
create policy "notifications: the recipient marks read" on public.notifications
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "notifications: the recipient dismisses" on public.notifications
  for delete to authenticated using (user_id = (select auth.uid()));
revoke update on public.notifications from anon, authenticated;
grant update (read_at) on public.notifications to authenticated;

-- decisions: append-only (trigger), so no update/delete policy.
create policy "decisions: members read" on public.decisions
  for select to authenticated using (organization_id in (select private.my_org_ids()));
create policy "decisions: recruiters decide as themselves" on public.decisions
  for insert to authenticated
  with check (
    organization_id in (select private.my_org_ids(array['owner', 'admin', 'recruiter']))
    and decided_by = (select auth.uid())
  );

-- consents: the candidate gives (and may withdraw) consent for their own interview; members read.
-- No delete policy: the record is the proof.
create policy "consents: members and the candidate read" on public.consents
  for select to authenticated
  using (organization_id in (select private.my_org_ids()) or user_id = (select auth.uid()));
create policy "consents: the candidate consents for their interview" on public.consents
  for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and private.is_interview_candidate(interview_id)
    and exists (select 1 from public.candidates c where c.id = candidate_id and c.user_id = (select auth.uid()))
  );
create policy "consents: the candidate withdraws" on public.consents
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
revoke update on public.consents from anon, authenticated;
grant update (withdrawn_at) on public.consents to authenticated;

-- jobs: members follow their organization's jobs. No write policy on purpose: jobs are enqueued by the
-- server and claimed by the worker with the service role (for update skip locked), never by a browser.
create policy "jobs: members read" on public.jobs
  for select to authenticated using (organization_id in (select private.my_org_ids()));

-- realtime topics -------------------------------------------------------------------------------------
-- Topics: interview:<uuid> (members of its organization and its candidate), org:<uuid> (members),
-- user:<uuid> (that user). Anything else, including a malformed uuid, is refused (false, never an error).
create function private.can_read_interview_topic(interview uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_org_member(private.org_of_interview(interview)) or private.is_interview_candidate(interview)
$$;

create function private.can_read_org_topic(org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_org_member(org)
$$;

create function private.can_read_user_topic(target uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select target = (select auth.uid())
$$;

create function private.can_read_topic(topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  id uuid;
begin
  if topic is null
     or topic !~ '^(interview|org|user):[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    return false;
  end if;
  id := split_part(topic, ':', 2)::uuid;
  return coalesce(case split_part(topic, ':', 1)
    when 'interview' then private.can_read_interview_topic(id)
    when 'org' then private.can_read_org_topic(id)
    when 'user' then private.can_read_user_topic(id)
  end, false);
end;
$$;
grant execute on function private.can_read_interview_topic(uuid), private.can_read_org_topic(uuid),
  private.can_read_user_topic(uuid), private.can_read_topic(text) to authenticated, service_role;

do $realtime$
begin
  if to_regclass('realtime.messages') is null then
    raise notice 'realtime.messages absent: topic policies skipped';
    return;
  end if;
  -- Receiving (Supabase Realtime checks a select as the subscriber).
  create policy "realtime: topic audience receives" on realtime.messages
    for select to authenticated
    using (extension in ('broadcast', 'presence') and private.can_read_topic((select realtime.topic())));
  -- Sending: realtime.send() runs as the caller inside the request's transaction, so the same audience
  -- may publish on the topic (an interview's candidate publishes progress, members publish to the org).
  create policy "realtime: topic audience sends" on realtime.messages
    for insert to authenticated
    with check (extension in ('broadcast', 'presence') and private.can_read_topic((select realtime.topic())));
end
$realtime$;
