-- Demo data for development with the Supabase CLI (`supabase db reset`); never run in production.
-- Demo recruiter: demo@recruteia.test / demo-password-2026 (bcrypt, as Supabase Auth stores it).
-- The embedded provider hashes with argon2id: in embedded mode, sign up on /signup instead.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', 'd0000000-0000-4000-a000-000000000001', 'authenticated',
        'authenticated', 'demo@recruteia.test', extensions.crypt('demo-password-2026', extensions.gen_salt('bf')),
        now(), '{"provider":"email","providers":["email"]}', '{"full_name":"Camille Martin","locale":"fr"}',
        now(), now())
on conflict do nothing;

insert into public.organizations (id, name, locale, created_by)
values ('d0000000-0000-4000-a000-0000000000a1', 'Démo Recrutement', 'fr', 'd0000000-0000-4000-a000-000000000001')
on conflict do nothing;

insert into public.candidates (id, organization_id, full_name, email, created_by)
values ('d0000000-0000-4000-a000-0000000000c1', 'd0000000-0000-4000-a000-0000000000a1', 'Léa Dubois',
        'lea.dubois@example.test', 'd0000000-0000-4000-a000-000000000001')
on conflict do nothing;

insert into public.interviews (id, organization_id, candidate_id, title, job_title, job_description,
                               experience_level, created_by)
values ('d0000000-0000-4000-a000-0000000000e1', 'd0000000-0000-4000-a000-0000000000a1',
        'd0000000-0000-4000-a000-0000000000c1', 'Développeuse backend — Léa Dubois', 'Développeur·se backend',
        'API en TypeScript, PostgreSQL, tests automatisés, revue de code.', 'mid',
        'd0000000-0000-4000-a000-000000000001')
on conflict do nothing;
