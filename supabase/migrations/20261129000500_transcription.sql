-- Transcription of recorded answers (issue 7). A response keeps its audio whatever happens; the
-- transcription job records which transcriber wrote the transcript (an OpenAI-compatible, self-hosted
-- endpoint included), its segment timestamps (evidence links to them), whether it is rough (pocketsphinx),
-- whether it needs listening (empty, far too short for the audio, or in another language: never scored
-- as if it were right) and where the job stands (failed = retries used up, the audio still playable;
-- unavailable = no transcriber for this language, the answer stays audio only).
alter table public.responses
  drop constraint responses_transcription_method_check,
  add constraint responses_transcription_method_check
    check (transcription_method in ('openai', 'openai-compatible', 'pocketsphinx', 'typed', 'none')),
  add column transcription_status text not null default 'none'
    check (transcription_status in ('none', 'pending', 'done', 'failed', 'unavailable')),
  add column transcript_segments jsonb not null default '[]'
    check (jsonb_typeof(transcript_segments) = 'array'),
  add column transcript_model text check (length(transcript_model) <= 200),
  add column transcript_rough boolean not null default false,
  add column transcript_needs_listening boolean not null default false,
  add column transcript_problems text[] not null default '{}'
    check (transcript_problems <@ array['empty', 'tooShort', 'wrongLanguage']),
  add column transcription_error text check (length(transcription_error) <= 1000);

comment on column public.responses.transcript_segments is
  'Timestamped segments of the transcript: [{ start, end, text }], seconds from the start of the audio';
comment on column public.responses.transcript_needs_listening is
  'The transcript failed the quality check (transcript_problems says why): shown as such, never scored';
