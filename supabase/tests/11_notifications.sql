-- Notifications created by triggers (who is told, as their preferences say), broadcast after storing;
-- preferences readable and writable by their owner only; job progress and status changes published.
begin;
select plan(34);
select tests.seed();

create function pg_temp.count_of(uid uuid, k text) returns integer language sql as $$
  select count(*)::int from public.notifications where user_id = uid and kind = k
$$;
create function pg_temp.sent(t text, ev text) returns integer language sql as $$
  select count(*)::int from realtime.messages where topic = t and event = ev
$$;

-- Defaults: the interview's creator (…03, recruiter) only ----------------------------------------------
update public.interviews set status = 'in_progress' where id = '10000000-0000-4000-a000-000000000002';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'interview.started'), 1,
  'interview started: its creator is told');
select is((select count(*)::int from public.notifications where kind = 'interview.started'), 1,
  'interview started: nobody else by default (owner, admin, viewer, other organizations)');
select is((select link from public.notifications where kind = 'interview.started'),
  '/organizations/0a000000-0000-4000-a000-00000000000a/interviews/10000000-0000-4000-a000-000000000002',
  'the notification links to the interview page');
select is((select email_status from public.notifications where kind = 'interview.started'), null,
  'in-app only by default: no e-mail pending');
select is(pg_temp.sent('user:00000000-0000-4000-a000-000000000003', 'notification'), 1,
  'the stored notification is broadcast on the recipient''s user topic');
select is((select count(*)::int from realtime.messages where topic = 'org:0a000000-0000-4000-a000-00000000000a'
  and event = 'interview.status' and payload ->> 'interviewId' = '10000000-0000-4000-a000-000000000002'
  and payload ->> 'status' = 'in_progress' and payload ->> 'previousStatus' = 'scheduled'), 1,
  'the status change is broadcast on the organization topic (live dashboard)');
select is((select count(*)::int from realtime.messages where topic <> 'org:0a000000-0000-4000-a000-00000000000a'
  and payload ->> 'interviewId' = '10000000-0000-4000-a000-000000000002' and event = 'interview.status'), 0,
  'the status change goes to no other topic');

-- Preferences: an admin asks for every interview's completion by e-mail; the creator turns it off -------
insert into public.notification_preferences (user_id, kind, channel, all_interviews) values
  ('00000000-0000-4000-a000-000000000002', 'interview.completed', 'email', true),
  ('00000000-0000-4000-a000-000000000003', 'interview.completed', 'off', false),
  -- A viewer cannot widen their audience: all_interviews counts for owners and admins only.
  ('00000000-0000-4000-a000-000000000004', 'interview.completed', 'in_app', true);
update public.interviews set status = 'completed' where id = '10000000-0000-4000-a000-000000000001';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000002', 'interview.completed'), 1,
  'an admin who opted in for every interview is told');
select is((select email_status from public.notifications
  where user_id = '00000000-0000-4000-a000-000000000002' and kind = 'interview.completed'), 'pending',
  'in-app + e-mail: the notification waits for the digest');
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'interview.completed'), 0,
  'a creator who turned the event off is not told');
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000004', 'interview.completed'), 0,
  'a viewer is not told about other people''s interviews');
select is((select count(*)::int from public.jobs where kind = 'notifications.digest'
  and payload ->> 'userId' = '00000000-0000-4000-a000-000000000002' and run_after > now()), 1,
  'one digest job is queued for later');
update public.invitations set opened_at = now() where id = '90000000-0000-4000-a000-000000000002';
insert into public.notification_preferences (user_id, kind, channel, all_interviews) values
  ('00000000-0000-4000-a000-000000000002', 'invitation.opened', 'email', true);
update public.invitations set opened_at = now() where id = '90000000-0000-4000-a000-000000000001';
select is((select count(*)::int from public.jobs where kind = 'notifications.digest'
  and payload ->> 'userId' = '00000000-0000-4000-a000-000000000002'), 1,
  'a second e-mail event joins the queued digest instead of queueing another');
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'invitation.opened'), 2,
  'invitation opened: the creator is told (once per link)');

-- Follow-ups and human-interview requests --------------------------------------------------------------
insert into public.questions (interview_id, organization_id, position, original_text, displayed_text,
  parent_question_id, follow_up_reason)
values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 5, 'Précisez ?',
  'Précisez ?', '20000000-0000-4000-a000-000000000003', 'depth');
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'follow_up.asked'), 1,
  'a follow-up asked by the engine is notified');
insert into public.candidate_sessions (interview_id, organization_id, candidate_id, human_interview_requested_at,
  human_interview_message)
values ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a',
  'c0000000-0000-4000-a000-000000000002', now(), 'Je préfère parler à une personne.');
select is((select body from public.notifications where kind = 'interview.human_requested'
  and user_id = '00000000-0000-4000-a000-000000000003'), 'Je préfère parler à une personne.',
  'a request for a human interview is notified with the candidate''s words');

-- Jobs: progress on the interview topic, outcomes notified once final -----------------------------------
insert into public.jobs (id, kind, payload, organization_id, status) values
  ('a1000000-0000-4000-a000-000000000001', 'questions.generate',
   '{"interviewId": "10000000-0000-4000-a000-000000000002", "organizationId": "0a000000-0000-4000-a000-00000000000a"}',
   '0a000000-0000-4000-a000-00000000000a', 'running'),
  ('a1000000-0000-4000-a000-000000000002', 'responses.transcribe',
   '{"responseId": "30000000-0000-4000-a000-000000000001", "organizationId": "0a000000-0000-4000-a000-00000000000a"}',
   '0a000000-0000-4000-a000-00000000000a', 'running'),
  ('a1000000-0000-4000-a000-000000000003', 'responses.transcribe',
   '{"responseId": "not-a-uuid"}', '0a000000-0000-4000-a000-00000000000a', 'running');
update public.jobs set result = '{"progress": {"done": 2, "total": 5}}' where id = 'a1000000-0000-4000-a000-000000000001';
select is((select (payload ->> 'done')::int from realtime.messages
  where topic = 'interview:10000000-0000-4000-a000-000000000002' and event = 'job.progress'), 2,
  'recorded progress is published on the interview topic');
update public.jobs set status = 'queued', last_error = 'timeout' where id = 'a1000000-0000-4000-a000-000000000002';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'transcription.failed'), 0,
  'a job waiting for a retry has not failed yet');
update public.jobs set status = 'dead' where id = 'a1000000-0000-4000-a000-000000000002';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'transcription.failed'), 1,
  'a transcription that used up its retries is notified (interview found through the answer)');
update public.jobs set status = 'succeeded', result = result || '{"count": 5}' where id = 'a1000000-0000-4000-a000-000000000001';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'questions.generated'), 1,
  'generated questions are notified');
select lives_ok($$update public.jobs set status = 'succeeded' where id = 'a1000000-0000-4000-a000-000000000003'$$,
  'a job with a malformed id in its payload still completes (and tells nobody)');
insert into public.jobs (id, kind, payload, organization_id, status) values
  ('a1000000-0000-4000-a000-000000000004', 'responses.transcribe',
   '{"responseId": "30000000-0000-4000-a000-000000000001"}', '0a000000-0000-4000-a000-00000000000a', 'running');
update public.jobs set status = 'succeeded', result = '{"skipped": "no recording (typed answer)"}'
  where id = 'a1000000-0000-4000-a000-000000000004';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'transcription.done'), 0,
  'a job that skipped its work tells nobody');

-- Evaluations: told once per interview (its summary), and for an answer only when it failed.
insert into public.jobs (id, kind, payload, organization_id, status) values
  ('a1000000-0000-4000-a000-000000000005', 'evaluate_response',
   '{"responseId": "30000000-0000-4000-a000-000000000001"}', '0a000000-0000-4000-a000-00000000000a', 'running'),
  ('a1000000-0000-4000-a000-000000000006', 'evaluate_interview',
   '{"interviewId": "10000000-0000-4000-a000-000000000001"}', '0a000000-0000-4000-a000-00000000000a', 'running');
update public.jobs set status = 'succeeded' where id in ('a1000000-0000-4000-a000-000000000005', 'a1000000-0000-4000-a000-000000000006');
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'evaluation.done'), 1,
  'an evaluated interview is told once (not once per answer)');
update public.jobs set status = 'running' where id = 'a1000000-0000-4000-a000-000000000005';
update public.jobs set status = 'dead' where id = 'a1000000-0000-4000-a000-000000000005';
select is(pg_temp.count_of('00000000-0000-4000-a000-000000000003', 'evaluation.failed'), 1,
  'an answer whose evaluation failed for good is told');

-- The creator left the organization: its owners are told instead.
delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000003';
update public.invitations set revoked_at = now() where id = '90000000-0000-4000-a000-000000000002';
update public.interviews set status = 'completed' where id = '10000000-0000-4000-a000-000000000002';
select is((select count(*)::int from public.notifications where user_id = '00000000-0000-4000-a000-000000000001'
  and kind = 'interview.completed' and payload ->> 'interviewId' = '10000000-0000-4000-a000-000000000002'), 1,
  'when the creator is no longer a member, the owner is told');
insert into public.memberships (organization_id, user_id, role)
values ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'recruiter');

-- Preferences RLS --------------------------------------------------------------------------------------
select tests.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select is((select count(*)::int from public.notification_preferences), 1, 'a user reads only their own preferences');
select lives_ok($$insert into public.notification_preferences (kind, channel) values ('questions.generated', 'email')$$,
  'a user sets their own preference');
select throws_ok($$insert into public.notification_preferences (user_id, kind, channel)
  values ('00000000-0000-4000-a000-000000000002', 'questions.failed', 'off')$$, '42501', null,
  'a user cannot set someone else''s preference');
select is(tests.affected($$update public.notification_preferences set channel = 'off'
  where user_id = '00000000-0000-4000-a000-000000000002'$$), 0, 'a user cannot change someone else''s preference');
select is(tests.affected($$delete from public.notification_preferences
  where user_id = '00000000-0000-4000-a000-000000000002'$$), 0, 'a user cannot remove someone else''s preference');
select throws_ok($$select private.publish_progress('10000000-0000-4000-a000-000000000002', 'x', 1, 2)$$, '42501', null,
  'users cannot publish progress (workers do)');
select throws_ok($$select private.notify_interview_event('10000000-0000-4000-a000-000000000002', 'interview.started')$$,
  '42501', null, 'users cannot create notifications through the helper');
reset role;
set local role anon;
select throws_ok($$select count(*) from public.notification_preferences$$, '42501', null, 'anon reads no preference');
reset role;
set local role service_role;
select lives_ok($$select private.publish_progress('10000000-0000-4000-a000-000000000002', 'evaluation', 1, 3)$$,
  'the worker publishes progress');
reset role;

select * from finish();
rollback;
