-- Realtime authorization: realtime.messages policies for topics interview:<uuid>, org:<uuid>, user:<uuid>.
-- As Supabase Realtime does, a subscription is checked by selecting (and a send by inserting) with the
-- realtime.topic setting set to the topic.
begin;
select plan(26);

-- Fixture (as postgres, RLS bypassed). Org A: owner …01, admin …02, recruiter …03, viewer …04.
-- Org B: owner …05 (the "outsider" for org A). Candidates: …06 (interview i1, in progress),
-- …07 (interview i2, scheduled). …08 belongs to nothing.
create function pg_temp.login(uid uuid) returns void language sql as $$
  select set_config('request.jwt.claims',
    json_build_object('sub', uid, 'role', 'authenticated', 'email', 'u' || right(uid::text, 2) || '@test.local')::text, true)
$$;
create function pg_temp.affected(q text) returns integer language plpgsql as $$
declare n integer;
begin
  execute q;
  get diagnostics n = row_count;
  return n;
end;
$$;

insert into auth.users (id, email) values
  ('00000000-0000-4000-a000-000000000001', 'u01@test.local'),
  ('00000000-0000-4000-a000-000000000002', 'u02@test.local'),
  ('00000000-0000-4000-a000-000000000003', 'u03@test.local'),
  ('00000000-0000-4000-a000-000000000004', 'u04@test.local'),
  ('00000000-0000-4000-a000-000000000005', 'u05@test.local'),
  ('00000000-0000-4000-a000-000000000006', 'u06@test.local'),
  ('00000000-0000-4000-a000-000000000007', 'u07@test.local'),
  ('00000000-0000-4000-a000-000000000008', 'u08@test.local');
insert into public.organizations (id, name, created_by) values
  ('0a000000-0000-4000-a000-00000000000a', 'Org A', '00000000-0000-4000-a000-000000000001'),
  ('0b000000-0000-4000-a000-00000000000b', 'Org B', '00000000-0000-4000-a000-000000000005');
insert into public.memberships (organization_id, user_id, role) values
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000002', 'admin'),
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'recruiter'),
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000004', 'viewer');
insert into public.candidates (id, organization_id, full_name, email, user_id, created_by) values
  ('c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'Camille Martin', 'camille@cand.test', '00000000-0000-4000-a000-000000000006', '00000000-0000-4000-a000-000000000003'),
  ('c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'Dominique Petit', 'dominique@cand.test', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-a000-000000000003'),
  ('c0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'Eve Durand', 'eve@cand.test', null, '00000000-0000-4000-a000-000000000005');
insert into public.interviews (id, organization_id, candidate_id, title, job_title, status, created_by) values
  ('10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'c0000000-0000-4000-a000-000000000001', 'Backend', 'Développeur backend', 'in_progress', '00000000-0000-4000-a000-000000000003'),
  ('10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'c0000000-0000-4000-a000-000000000002', 'Backend', 'Développeur backend', 'scheduled', '00000000-0000-4000-a000-000000000003'),
  ('10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-00000000000b', 'Ops', 'SRE', 'in_progress', '00000000-0000-4000-a000-000000000005');
insert into public.questions (id, interview_id, organization_id, position, original_text, displayed_text, reasoning) values
  ('20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 1, 'Parlez de Postgres', 'Parlez de Postgres', 'CV mentions it'),
  ('20000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 2, 'Et Deno ?', 'Et Deno ?', null),
  ('20000000-0000-4000-a000-000000000003', '10000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 1, 'Et Hono ?', 'Et Hono ?', null),
  ('20000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 1, 'Kubernetes ?', 'Kubernetes ?', null);
insert into public.responses (id, question_id, interview_id, organization_id, transcript, answer_mode, transcription_method, submitted_at) values
  ('30000000-0000-4000-a000-000000000001', '20000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'J''utilise Postgres depuis 5 ans', 'voice', 'openai', now()),
  ('30000000-0000-4000-a000-00000000000b', '20000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'Oui', 'text', 'typed', now());
insert into public.evaluations (id, response_id, organization_id, accuracy, clarity, depth, overall_score, evaluator) values
  ('40000000-0000-4000-a000-000000000001', '30000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 7, 8, 6, 7, 'offline'),
  ('40000000-0000-4000-a000-00000000000b', '30000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 3, 4, 2, 3, 'offline');
insert into public.biometric_samples (id, interview_id, organization_id, captured_at, face_present, face_count, eye_contact) values
  ('50000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', now(), true, 1, 0.8),
  ('50000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', now(), true, 1, 0.5);
insert into public.notifications (id, user_id, organization_id, kind, title) values
  ('60000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'interview.completed', 'Entretien terminé'),
  ('60000000-0000-4000-a000-000000000006', '00000000-0000-4000-a000-000000000006', null, 'interview.feedback', 'Votre retour');
insert into public.decisions (id, interview_id, organization_id, decided_by, outcome, rationale) values
  ('70000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003', 'hold', 'À revoir'),
  ('70000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005', 'advance', '');
insert into public.consents (id, interview_id, candidate_id, organization_id, user_id, notice_version) values
  ('80000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000006', 'fr-2026-11'),
  ('80000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', null, 'fr-2026-11');
insert into public.invitations (id, interview_id, candidate_id, organization_id, token_hash, expires_at, created_by) values
  ('90000000-0000-4000-a000-000000000001', '10000000-0000-4000-a000-000000000001', 'c0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'hash-i1', now() + interval '7 days', '00000000-0000-4000-a000-000000000003'),
  ('90000000-0000-4000-a000-000000000002', '10000000-0000-4000-a000-000000000002', 'c0000000-0000-4000-a000-000000000002', '0a000000-0000-4000-a000-00000000000a', 'hash-i2', now() + interval '7 days', '00000000-0000-4000-a000-000000000003'),
  ('90000000-0000-4000-a000-00000000000b', '10000000-0000-4000-a000-00000000000b', 'c0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'hash-iB', now() + interval '7 days', '00000000-0000-4000-a000-000000000005');
insert into public.jobs (id, kind, organization_id, created_by) values
  ('a0000000-0000-4000-a000-000000000001', 'generate_questions', '0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000003'),
  ('a0000000-0000-4000-a000-00000000000b', 'generate_questions', '0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005'),
  ('a0000000-0000-4000-a000-000000000000', 'send_email', null, null);
insert into public.audit_log (organization_id, actor_id, action) values
  ('0a000000-0000-4000-a000-00000000000a', '00000000-0000-4000-a000-000000000001', 'organization.created'),
  ('0b000000-0000-4000-a000-00000000000b', '00000000-0000-4000-a000-000000000005', 'organization.created');
insert into public.organization_invitations (id, organization_id, email, role, token_hash, invited_by, expires_at) values
  ('b0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'u08@test.local', 'recruiter', 'org-hash-a', '00000000-0000-4000-a000-000000000001', now() + interval '7 days'),
  ('b0000000-0000-4000-a000-00000000000b', '0b000000-0000-4000-a000-00000000000b', 'someone@test.local', 'viewer', 'org-hash-b', '00000000-0000-4000-a000-000000000005', now() + interval '7 days');
insert into public.email_outbox (id, organization_id, to_email, subject, text_body, kind) values
  ('e0000000-0000-4000-a000-000000000001', '0a000000-0000-4000-a000-00000000000a', 'u08@test.local', 'Invitation', 'Bonjour', 'org_invitation');
-- end of fixture
insert into realtime.messages (topic, extension, payload, event, private)
values ('probe', 'broadcast', '{}', 'probe', true);

create function pg_temp.can_subscribe(topic text) returns boolean language plpgsql as $$
begin
  perform set_config('realtime.topic', topic, true);
  return exists (select 1 from realtime.messages);
end;
$$;
create function pg_temp.can_send(topic text) returns boolean language plpgsql as $$
begin
  perform set_config('realtime.topic', topic, true);
  insert into realtime.messages (topic, extension, payload, event, private)
  values (topic, 'broadcast', '{}', 'test', true);
  return true;
exception when insufficient_privilege then
  return false;
end;
$$;

-- org:<uuid> -------------------------------------------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000004');
set local role authenticated;
select ok(pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a member (viewer) subscribes');
select ok(pg_temp.can_send('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a member sends');
select ok(not pg_temp.can_subscribe('org:0b000000-0000-4000-a000-00000000000b'), 'org topic: not another organization');
select ok(not pg_temp.can_send('org:0b000000-0000-4000-a000-00000000000b'), 'org topic: cannot send to another organization');
reset role;

select pg_temp.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select ok(not pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'org topic: a candidate does not get the organization''s feed');
reset role;

-- interview:<uuid> -------------------------------------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000003');
set local role authenticated;
select ok(pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: a member subscribes');
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-00000000000b'), 'interview topic: not another organization''s interview');
reset role;

select pg_temp.login('00000000-0000-4000-a000-000000000006');
set local role authenticated;
select ok(pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: the interview''s candidate subscribes');
select ok(pg_temp.can_send('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: the interview''s candidate sends');
select lives_ok($$select realtime.send('{"progress": 1}', 'progress', 'interview:10000000-0000-4000-a000-000000000001', true)$$,
  'interview topic: realtime.send works for the candidate');
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000002'), 'interview topic: not another candidate''s interview');
select ok(not pg_temp.can_send('interview:10000000-0000-4000-a000-000000000002'), 'interview topic: cannot send to another candidate''s interview');
reset role;
select is((select count(*)::int from realtime.messages where event = 'progress'), 1, 'realtime.send: the message was stored');

select pg_temp.login('00000000-0000-4000-a000-000000000005');
set local role authenticated;
select ok(not pg_temp.can_subscribe('interview:10000000-0000-4000-a000-000000000001'), 'interview topic: an outsider cannot subscribe');
reset role;

-- user:<uuid> ------------------------------------------------------------------------------------------
select pg_temp.login('00000000-0000-4000-a000-000000000001');
set local role authenticated;
select ok(pg_temp.can_subscribe('user:00000000-0000-4000-a000-000000000001'), 'user topic: the user subscribes to their own');
select ok(not pg_temp.can_subscribe('user:00000000-0000-4000-a000-000000000002'), 'user topic: not a colleague''s');
select ok(not pg_temp.can_send('user:00000000-0000-4000-a000-000000000002'), 'user topic: cannot send to a colleague''s');

-- malformed topics are refused, never an error
select ok(not pg_temp.can_subscribe('org:not-a-uuid'), 'malformed: invalid uuid refused');
select ok(not pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a:extra'), 'malformed: trailing segment refused');
select ok(not pg_temp.can_subscribe('team:0a000000-0000-4000-a000-00000000000a'), 'malformed: unknown topic kind refused');
select ok(not pg_temp.can_subscribe(''), 'malformed: empty topic refused');
select ok(not pg_temp.can_subscribe('org:{0a000000-0000-4000-a000-00000000000a}'), 'malformed: non-canonical uuid refused');
select is(private.can_read_topic(null), false, 'can_read_topic(null) is false');
select is(private.can_read_topic('interview:zzzzzzzz-0000-4000-a000-000000000001'), false, 'can_read_topic with a bad uuid is false');
select throws_ok($$set local realtime.topic = 'org:0a000000-0000-4000-a000-00000000000a'; insert into realtime.messages (topic, extension, payload) values ('org:0a000000-0000-4000-a000-00000000000a', 'postgres_changes', '{}')$$,
  '42501', null, 'extension: only broadcast and presence');
reset role;

set local role anon;
select ok(not pg_temp.can_subscribe('org:0a000000-0000-4000-a000-00000000000a'), 'anon: cannot subscribe');
reset role;

select * from finish();
rollback;
