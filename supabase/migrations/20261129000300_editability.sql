-- A candidate's answer outlives every question change. Until now deleting or regenerating questions
-- deleted their responses by cascade; now a question with an answer cannot be deleted. NO ACTION rather
-- than RESTRICT: it is checked at the end of the statement, so deleting a whole interview (which cascades
-- to its questions and its responses alike) still works.
alter table public.responses
  drop constraint responses_question_id_interview_id_fkey,
  add constraint responses_question_id_interview_id_fkey foreign key (question_id, interview_id)
    references public.questions (id, interview_id) on delete no action;
