-- On-device analysis and integrity events (issue 7). The candidate's browser measures, the server stores:
-- per-second face aggregates (biometric_samples) and integrity events (integrity_events), both batched and
-- resent from the room's local queue until the server confirms, so a resend must store nothing new.
--
-- Both are written by the server only (as the service role, after it checked through RLS reads that the
-- caller is the interview's candidate), like answers. The server keeps what was captured while the
-- interview ran, including batches that reach it after completion (a queue flushed on reconnection),
-- and drops what was captured before the start or after the end; a direct insert policy would either
-- refuse those late batches (if tied to "in progress") or accept rows from any time (if not).

-- integrity events -----------------------------------------------------------------------------------
create table public.integrity_events (
  -- Made by the candidate's browser: the same event sent twice is stored once.
  id uuid primary key,
  interview_id uuid not null,
  organization_id uuid not null,
  question_id uuid,
  kind text not null
    check (kind in ('page_hidden', 'window_blur', 'paste', 'multiple_faces', 'face_absent')),
  occurred_at timestamptz not null,
  -- How long the page was hidden, the window left, the face absent or several faces seen.
  duration_ms integer check (duration_ms between 0 and 86400000),
  -- Small facts about the event, e.g. {"length": 120} for a paste (the pasted text itself is never kept).
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object' and pg_column_size(detail) <= 256),
  created_at timestamptz not null default now(),
  foreign key (interview_id, organization_id) references public.interviews (id, organization_id) on delete cascade,
  foreign key (question_id, interview_id) references public.questions (id, interview_id)
    on delete set null (question_id)
);
comment on table public.integrity_events is 'Page hidden, window blur, paste, several faces, face absent during an interview: shown to recruiters as context and NEVER scored';
create index integrity_events_interview_id_idx on public.integrity_events (interview_id, occurred_at);
create index integrity_events_organization_id_idx on public.integrity_events (organization_id);
create index integrity_events_question_id_idx on public.integrity_events (question_id);

alter table public.integrity_events enable row level security;
-- Members read. No insert/update/delete policy: the server writes (see above); events are a record.
create policy "integrity_events: members read" on public.integrity_events
  for select to authenticated using (organization_id in (select private.my_org_ids()));

-- biometric samples ----------------------------------------------------------------------------------
-- One sample per interview and instant: a batch sent again (the room did not see the answer) stores
-- nothing new. Duplicates could only have come from direct inserts; they are the same measurement.
delete from public.biometric_samples b
using public.biometric_samples d
where d.interview_id = b.interview_id and d.captured_at = b.captured_at and d.id < b.id;
drop index public.biometric_samples_interview_id_idx;
alter table public.biometric_samples
  add constraint biometric_samples_interview_id_captured_at_key unique (interview_id, captured_at);

-- Written by the server only from now on (see the top of this file).
drop policy "biometric_samples: the candidate sends while in progress" on public.biometric_samples;
