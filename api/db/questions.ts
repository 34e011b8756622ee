import type { Tx } from "./connect.ts";
import type { Question } from "../contract/interviews.ts";

const COLUMNS = `id, position, original_text as "originalText", displayed_text as "displayedText",
  was_modified as "wasModified", difficulty, category, reasoning, parent_question_id as "parentQuestionId",
  expected_points as "expectedPoints"`;

export async function selectQuestions(tx: Tx, interviewId: string): Promise<Question[]> {
  return await tx.unsafe<Question[]>(
    `select ${COLUMNS} from public.questions where interview_id = $1 order by position, id`,
    [interviewId],
  );
}

export async function countQuestions(tx: Tx, interviewId: string): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from public.questions where interview_id = ${interviewId}`;
  return row.n;
}

/** Ids of the interview's questions a candidate has answered (those never change again). */
export async function selectAnsweredQuestionIds(tx: Tx, interviewId: string): Promise<string[]> {
  const rows = await tx<{ questionId: string }[]>`
    select question_id as "questionId" from public.responses where interview_id = ${interviewId}`;
  return rows.map((r) => r.questionId);
}

export type NewQuestion = {
  text: string;
  difficulty: string;
  category: string | null;
  reasoning: string | null;
  /** Points a good answer covers (proposed by the generator, or written by the recruiter). */
  expectedPoints?: string[];
};

/** Appends questions after the last position. */
export async function insertQuestions(
  tx: Tx,
  interview: { id: string; organizationId: string },
  questions: NewQuestion[],
): Promise<Question[]> {
  if (questions.length === 0) return [];
  const [{ next }] = await tx<{ next: number }[]>`
    select coalesce(max(position) + 1, 0) as next from public.questions where interview_id = ${interview.id}`;
  const rows = questions.map((q, i) => ({
    interview_id: interview.id,
    organization_id: interview.organizationId,
    position: next + i,
    original_text: q.text,
    displayed_text: q.text,
    difficulty: q.difficulty,
    category: q.category,
    reasoning: q.reasoning,
    expected_points: q.expectedPoints ?? [],
  }));
  return await tx.unsafe<Question[]>(
    `insert into public.questions (interview_id, organization_id, position, original_text, displayed_text, difficulty,
       category, reasoning, expected_points)
     select * from json_to_recordset($1::json) as r(interview_id uuid, organization_id uuid, position int,
       original_text text, displayed_text text, difficulty text, category text, reasoning text,
       expected_points text[])
     returning ${COLUMNS}`,
    [rows] as never[], // postgres.js serialises a json parameter itself
  );
}

export async function deleteQuestions(tx: Tx, interviewId: string): Promise<void> {
  await tx`delete from public.questions where interview_id = ${interviewId}`;
}

export type QuestionPatch = {
  displayedText?: string;
  difficulty?: string;
  category?: string;
  expectedPoints?: string[];
};

export async function updateQuestion(
  tx: Tx,
  interviewId: string,
  id: string,
  patch: QuestionPatch,
): Promise<Question | undefined> {
  const [row] = await tx.unsafe<Question[]>(
    `update public.questions set displayed_text = coalesce($3, displayed_text),
       difficulty = coalesce($4, difficulty), category = coalesce($5, category),
       expected_points = coalesce($6::text[], expected_points)
     where interview_id = $1 and id = $2 returning ${COLUMNS}`,
    [
      interviewId,
      id,
      patch.displayedText ?? null,
      patch.difficulty ?? null,
      patch.category ?? null,
      patch.expectedPoints ?? null,
    ] as never[],
  );
  return row;
}

/** Replaces a question's AI text (regeneration): the original and displayed text both change. */
export async function replaceQuestionText(tx: Tx, id: string, q: NewQuestion): Promise<Question | undefined> {
  const [row] = await tx.unsafe<Question[]>(
    `update public.questions set original_text = $2, displayed_text = $2, difficulty = $3, category = $4,
       reasoning = $5, expected_points = $6 where id = $1 returning ${COLUMNS}`,
    [id, q.text, q.difficulty, q.category, q.reasoning, q.expectedPoints ?? []] as never[],
  );
  return row;
}

/** Deletes one question and closes the gap in positions. */
export async function deleteQuestion(tx: Tx, interviewId: string, id: string): Promise<boolean> {
  const [row] = await tx<{ position: number }[]>`
    delete from public.questions where interview_id = ${interviewId} and id = ${id} returning position`;
  if (!row) return false;
  await tx`update public.questions set position = position - 1
           where interview_id = ${interviewId} and position > ${row.position}`;
  return true;
}

/** Sets positions to the order given; the caller checked it names every question exactly once. */
export async function reorderQuestions(tx: Tx, interviewId: string, ids: string[]): Promise<void> {
  // The (interview_id, position) unique constraint is deferred, so one statement may swap positions.
  await tx`update public.questions q set position = o.ord - 1
           from unnest(${ids}::uuid[]) with ordinality as o(id, ord)
           where q.interview_id = ${interviewId} and q.id = o.id`;
}
