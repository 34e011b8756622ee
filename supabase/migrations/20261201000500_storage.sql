-- Supabase Storage: the private buckets the app keeps its files in (api/storage/supabase_store.ts) and who
-- may reach them with the project's keys. The app itself reads and writes with the service role, after its
-- own RLS check in public.*; these policies are for any other client (supabase-js in a browser, the
-- dashboard's API): members read their organization's files, and nobody but the service role writes.
-- Object names start with the organization id: <org id>/cv/…, <org id>/cv-pending/…, <org id>/audio/….
-- On plain PostgreSQL and PGlite the shim (supabase/local/shim.sql) provides storage.buckets/objects.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  -- CVs (PDF) and the contact details read from a CV set aside for prefilling (JSON). 10 MiB: CV_MAX_BYTES.
  ('cvs', 'cvs', false, 10485760, array['application/pdf', 'application/json']),
  -- Answer recordings. 25 MiB: AUDIO_MAX_BYTES (OpenAI's transcription limit).
  ('audio', 'audio', false, 26214400, array['audio/webm', 'audio/mp4', 'audio/ogg', 'audio/wav'])
on conflict (id) do nothing;

create policy "members read their organization's CVs" on storage.objects
  for select to authenticated
  using (
    bucket_id = 'cvs'
    and (storage.foldername(name))[1] in (select org_id::text from private.my_org_ids() as org_id)
  );

create policy "members read their organization's recordings" on storage.objects
  for select to authenticated
  using (
    bucket_id = 'audio'
    and (storage.foldername(name))[1] in (select org_id::text from private.my_org_ids() as org_id)
  );
