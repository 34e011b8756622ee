-- Answers are written by the server only. The interview engine decides what a candidate's answer records
-- (which question is on screen, lateness, timing, where the audio is, how it was transcribed) and the
-- transcription job writes transcripts: a candidate holding their own session must not be able to insert an
-- answer marked on time, or overwrite a transcript or its quality flag, by talking to the database directly
-- (as the Data API would let them on Supabase). The engine checks the candidate's right to answer through
-- RLS reads, then inserts as the service role. Members and the candidate still read.
drop policy "responses: the candidate answers while in progress" on public.responses;
drop policy "responses: the candidate edits while in progress" on public.responses;
