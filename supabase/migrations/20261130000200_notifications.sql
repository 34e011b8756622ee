-- Notifications: created by triggers in the same transaction as the event (so no code path can forget
-- one), stored first, then broadcast on user:<id>; per-user, per-event preferences (off, in-app, in-app +
-- e-mail) with e-mails batched by a digest job; interview status changes broadcast on org:<id> (the live
-- dashboard) and job progress on interview:<id> (event job.progress).
--
-- Who is told: the interview's creator (unless they turned that event off; the owners instead when the
-- creator is no longer a member), plus owners and admins who asked for that event on every interview of
-- their organization. Viewers and other recruiters are not.

-- preferences -----------------------------------------------------------------------------------------
create table public.notification_preferences (
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  kind text not null check (kind in (
    'invitation.opened', 'interview.started', 'interview.completed', 'interview.human_requested',
    'questions.generated', 'questions.failed', 'transcription.done', 'transcription.failed',
    'evaluation.done', 'evaluation.failed', 'follow_up.asked'
  )),
  channel text not null default 'in_app' check (channel in ('off', 'in_app', 'email')),
  -- Owners and admins only: also about interviews other members created.
  all_interviews boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);
comment on table public.notification_preferences is 'Per user and event: off, in-app, or in-app + e-mail (batched); no row = in-app for own interviews';
create trigger notification_preferences_updated_at before update on public.notification_preferences
  for each row execute function private.set_updated_at();
alter table public.notification_preferences enable row level security;
create policy "notification_preferences: the user reads their own" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()));
create policy "notification_preferences: the user adds their own" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "notification_preferences: the user changes their own" on public.notification_preferences
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "notification_preferences: the user removes their own" on public.notification_preferences
  for delete to authenticated using (user_id = (select auth.uid()));
-- Only what the policies govern (TRUNCATE would bypass them).
revoke all on public.notification_preferences from anon, authenticated;
grant select, insert, update, delete on public.notification_preferences to authenticated;

-- E-mail state of a notification: null = in-app only; pending until the digest mails it (or skips it
-- because it was read in the app meanwhile).
alter table public.notifications
  add column email_status text check (email_status in ('pending', 'sent', 'skipped'));
create index notifications_email_pending_idx on public.notifications (user_id, created_at)
  where email_status = 'pending';
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;

-- creating notifications ------------------------------------------------------------------------------
-- How long a digest collects a user's e-mail notifications before one e-mail lists them.
create function private.notification_digest_window() returns interval
language sql immutable set search_path = '' as $$
  select interval '10 minutes'
$$;

-- The digest job kind (api/jobs/notification_digest.ts).
create function private.queue_notification_digest(recipient uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  -- One queued digest per user at a time; the lock makes concurrent events agree on it.
  perform pg_advisory_xact_lock(hashtextextended('notifications.digest:' || recipient::text, 0));
  if not exists (
    select 1 from public.jobs j
    where j.kind = 'notifications.digest' and j.status = 'queued' and j.payload ->> 'userId' = recipient::text
  ) then
    insert into public.jobs (kind, payload, run_after, max_attempts)
    values ('notifications.digest', jsonb_build_object('userId', recipient),
            now() + private.notification_digest_window(), 3);
  end if;
end;
$$;

-- Tells whoever should know about `event_kind` on `interview` (see the header for who), each as their
-- preferences say. Runs inside the event's transaction.
create function private.notify_interview_event(
  interview uuid, event_kind text, extra jsonb default '{}', body text default ''
) returns void language plpgsql security definer set search_path = '' as $$
declare
  i record;
  recipient record;
begin
  select iv.id, iv.organization_id, iv.created_by, iv.title into i from public.interviews iv where iv.id = interview;
  if not found then
    return;
  end if;
  for recipient in
    select m.user_id, coalesce(p.channel, 'in_app') as channel
    from public.memberships m
    left join public.notification_preferences p on p.user_id = m.user_id and p.kind = event_kind
    where m.organization_id = i.organization_id
      and (
        m.user_id = i.created_by
        or (m.role in ('owner', 'admin') and coalesce(p.all_interviews, false))
        or (m.role = 'owner' and not exists (
          select 1 from public.memberships c where c.organization_id = i.organization_id and c.user_id = i.created_by
        ))
      )
      and coalesce(p.channel, 'in_app') <> 'off'
  loop
    insert into public.notifications (user_id, organization_id, kind, title, body, link, payload, email_status)
    values (
      recipient.user_id, i.organization_id, event_kind, i.title, coalesce(body, ''),
      '/organizations/' || i.organization_id || '/interviews/' || i.id,
      extra || jsonb_build_object('interviewId', i.id),
      case when recipient.channel = 'email' then 'pending' end
    );
    if recipient.channel = 'email' then
      perform private.queue_notification_digest(recipient.user_id);
    end if;
  end loop;
end;
$$;

-- Broadcast after storing: a notification missed while away is in the table on the next visit.
create function private.broadcast_notification() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object(
      'notificationId', new.id, 'organizationId', new.organization_id, 'kind', new.kind, 'title', new.title,
      'body', new.body, 'link', new.link,
      'payload', new.payload, 'createdAt', new.created_at
    ),
    'notification', 'user:' || new.user_id, true
  );
  return null;
end;
$$;
create trigger notifications_broadcast after insert on public.notifications
  for each row execute function private.broadcast_notification();

-- events ----------------------------------------------------------------------------------------------
create function private.on_interview_status() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- The dashboard of every member follows status changes live.
  perform realtime.send(
    jsonb_build_object(
      'interviewId', new.id, 'title', new.title, 'status', new.status,
      'previousStatus', case when tg_op = 'UPDATE' then old.status end, 'at', now()
    ),
    'interview.status', 'org:' || new.organization_id, true
  );
  if tg_op = 'UPDATE' and new.status = 'in_progress' then
    perform private.notify_interview_event(new.id, 'interview.started');
  elsif tg_op = 'UPDATE' and new.status = 'completed' then
    perform private.notify_interview_event(new.id, 'interview.completed');
  end if;
  return null;
end;
$$;
create trigger interviews_notify_status after update of status on public.interviews
  for each row when (old.status is distinct from new.status)
  execute function private.on_interview_status();
create trigger interviews_notify_created after insert on public.interviews
  for each row execute function private.on_interview_status();

create function private.on_invitation_opened() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify_interview_event(new.interview_id, 'invitation.opened');
  return null;
end;
$$;
create trigger invitations_notify_opened after update of opened_at on public.invitations
  for each row when (old.opened_at is null and new.opened_at is not null)
  execute function private.on_invitation_opened();

create function private.on_human_interview_requested() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- The candidate's own words go with it (erasing the candidate deletes these notifications).
  perform private.notify_interview_event(new.interview_id, 'interview.human_requested', '{}',
    new.human_interview_message);
  return null;
end;
$$;
create trigger candidate_sessions_notify_human_insert after insert on public.candidate_sessions
  for each row when (new.human_interview_requested_at is not null)
  execute function private.on_human_interview_requested();
create trigger candidate_sessions_notify_human_update after update of human_interview_requested_at
  on public.candidate_sessions
  for each row when (old.human_interview_requested_at is null and new.human_interview_requested_at is not null)
  execute function private.on_human_interview_requested();

-- Follow-ups the engine asks (not questions a recruiter adds by hand).
create function private.on_follow_up_asked() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify_interview_event(new.interview_id, 'follow_up.asked',
    jsonb_build_object('questionId', new.id, 'reason', new.follow_up_reason));
  return null;
end;
$$;
create trigger questions_notify_follow_up after insert on public.questions
  for each row when (new.follow_up_reason in ('unclear', 'timeout', 'depth'))
  execute function private.on_follow_up_asked();

-- The interview a job works on: payload.interviewId, else the interview of payload.responseId. Null for
-- anything else (e-mails, digests) or a malformed id (never an error: the worker's update must succeed).
create function private.job_interview_id(payload jsonb) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  uuid_re constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
begin
  if payload ->> 'interviewId' ~ uuid_re then
    return (payload ->> 'interviewId')::uuid;
  end if;
  if payload ->> 'responseId' ~ uuid_re then
    return (select r.interview_id from public.responses r where r.id = (payload ->> 'responseId')::uuid);
  end if;
  return null;
end;
$$;

-- What a finished job means to a recruiter, by job kind. Evaluations are told once per interview, when
-- its summary is written (evaluate_interview), not once per answer; a failed answer is told.
create function private.job_event(job_kind text, succeeded boolean) returns text
language sql immutable set search_path = '' as $$
  select case
    when job_kind = 'questions.generate' then case when succeeded then 'questions.generated' else 'questions.failed' end
    when job_kind = 'responses.transcribe' then case when succeeded then 'transcription.done' else 'transcription.failed' end
    when job_kind = 'evaluate_interview' then case when succeeded then 'evaluation.done' else 'evaluation.failed' end
    when job_kind = 'evaluate_response' and not succeeded then 'evaluation.failed'
  end
$$;

-- Job progress and outcomes: progress on interview:<id> (event job.progress) whenever the worker records
-- it, and a notification when the job finishes for good (retries are not failures yet). A job that
-- skipped its work (a typed answer has nothing to transcribe) tells nobody.
create function private.on_job_update() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  interview uuid := private.job_interview_id(new.payload);
  event_kind text;
begin
  if interview is null then
    return null;
  end if;
  if (new.result -> 'progress') is distinct from (old.result -> 'progress') or new.status <> old.status then
    perform realtime.send(
      jsonb_build_object(
        'jobId', new.id, 'kind', new.kind, 'status', new.status,
        'done', (new.result -> 'progress' ->> 'done')::int, 'total', (new.result -> 'progress' ->> 'total')::int
      ),
      'job.progress', 'interview:' || interview, true
    );
  end if;
  if new.status <> old.status and new.status in ('succeeded', 'failed', 'dead')
     and not coalesce(new.result ? 'skipped', false) then
    event_kind := private.job_event(new.kind, new.status = 'succeeded');
    if event_kind is not null then
      perform private.notify_interview_event(interview, event_kind, jsonb_build_object('jobId', new.id)
        || case when new.payload ? 'responseId' then jsonb_build_object('responseId', new.payload -> 'responseId')
                else '{}'::jsonb end);
    end if;
  end if;
  return null;
end;
$$;
create trigger jobs_notify after update on public.jobs
  for each row execute function private.on_job_update();

-- Progress of work that is not one job row (an evaluation pass over many answers, say), for workers:
-- api/db/progress.ts publishProgress().
create function private.publish_progress(interview uuid, kind text, done integer, total integer)
returns void language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object('kind', kind, 'done', done, 'total', total),
    'job.progress', 'interview:' || interview, true
  );
end;
$$;

revoke execute on function private.notification_digest_window(), private.queue_notification_digest(uuid),
  private.notify_interview_event(uuid, text, jsonb, text), private.broadcast_notification(),
  private.on_interview_status(), private.on_invitation_opened(), private.on_human_interview_requested(),
  private.on_follow_up_asked(), private.job_interview_id(jsonb), private.job_event(text, boolean),
  private.on_job_update(), private.publish_progress(uuid, text, integer, integer)
  from public, anon, authenticated;
grant execute on function private.publish_progress(uuid, text, integer, integer) to service_role;
