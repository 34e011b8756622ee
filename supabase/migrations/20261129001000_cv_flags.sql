-- CV injection flagging (issue 8). At upload, passages of the CV written for the AI rather than for the
-- recruiter (prompt injection: "ignore previous instructions", "SYSTEM:", demands for a score, text
-- addressed to an AI, hidden text) are taken out of cv_text, which is all any generator or evaluator
-- reads, and kept here so the candidate's page can show them to the recruiter. The PDF file is untouched.
alter table public.candidates
  add column cv_flags jsonb not null default '[]'
    check (jsonb_typeof(cv_flags) = 'array' and jsonb_array_length(cv_flags) <= 20);

comment on column public.candidates.cv_flags is
  'Passages removed from cv_text at upload as attempts to steer the AI: [{ reason, passage, hidden }]';
