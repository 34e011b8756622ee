import type { Deps } from "../../app_env.ts";
import type { CandidateInvitation, Interview, Question } from "../../contract/interviews.ts";
import { type Claims, withClaims } from "../../db/tx.ts";
import { selectInterview } from "../../db/interviews.ts";
import { selectQuestions } from "../../db/questions.ts";
import { selectInvitations } from "../../db/invitations.ts";
import {
  type CandidateCard,
  type CandidateOption,
  selectCandidateCard,
  selectCandidateOptions,
} from "../../db/page_candidates.ts";
import { AppError } from "../../lib/errors.ts";
import { type AnswerRow, selectAnswers } from "../../db/page_answers.ts";
import { selectScorecard } from "../../db/evaluations.ts";
import type { ScorecardView } from "../../contract/evaluations.ts";
import { isEditable } from "../../contract/interviews.ts";

/** How long the page's audio links work: long enough to listen, short enough not to be worth sharing. */
export const AUDIO_URL_TTL_SECONDS = 15 * 60;

/** An answer as the page shows it: the recording's place is replaced by a short-lived signed URL. */
export type AnswerView = Omit<AnswerRow, "answer"> & {
  answer: (Omit<NonNullable<AnswerRow["answer"]>, "audioPath"> & { audioUrl: string | null }) | null;
};

/** How many candidates the interview form offers to pick from. */
export const CANDIDATE_OPTIONS_LIMIT = 500;

export type InterviewPageData = {
  interview: Interview;
  candidate: CandidateCard | null;
  questions: Question[];
  invitations: CandidateInvitation[];
  /** The edit form's candidate list; empty when the caller may not edit. */
  candidateOptions: CandidateOption[];
  /** Every question (follow-ups included, in answering order) with its answer. */
  answers: AnswerView[];
  scorecard: ScorecardView;
};

/** Everything the interview page shows, in one transaction; 404 for an interview the caller cannot see. */
export async function loadInterviewPage(
  deps: Deps,
  claims: Claims,
  ref: { orgId: string; interviewId: string; withOptions: boolean },
): Promise<InterviewPageData> {
  const data = await withClaims(deps.db, claims, async (tx) => {
    const interview = await selectInterview(tx, ref.orgId, ref.interviewId);
    if (!interview) throw new AppError("notFound", "Interview not found");
    const candidate = interview.candidateId
      ? await selectCandidateCard(tx, ref.orgId, interview.candidateId) ?? null
      : null;
    return {
      interview,
      candidate,
      questions: await selectQuestions(tx, interview.id),
      invitations: await selectInvitations(tx, interview.id),
      candidateOptions: ref.withOptions
        ? await selectCandidateOptions(tx, ref.orgId, CANDIDATE_OPTIONS_LIMIT)
        : [],
      answers: await selectAnswers(tx, interview.id),
      scorecard: await selectScorecard(tx, ref.orgId, interview.id),
    };
  });
  // Signed after the transaction: only recordings RLS let the caller read get a link.
  const answers = await Promise.all(data.answers.map(async (row): Promise<AnswerView> => {
    if (!row.answer) return { ...row, answer: null };
    const { audioPath, ...answer } = row.answer;
    const audioUrl = audioPath ? await deps.storage.signedUrl(audioPath, AUDIO_URL_TTL_SECONDS) : null;
    return { ...row, answer: { ...answer, audioUrl } };
  }));
  const { scorecard, status, frozen } = data.scorecard!;
  return { ...data, answers, scorecard: { scorecard, frozen, editable: isEditable(status) } };
}

/** The new-interview form's candidate list (RLS limits it to the caller's organizations). */
export async function loadNewInterviewPage(
  deps: Deps,
  claims: Claims,
  orgId: string,
): Promise<{ candidateOptions: CandidateOption[] }> {
  return {
    candidateOptions: await withClaims(
      deps.db,
      claims,
      (tx) => selectCandidateOptions(tx, orgId, CANDIDATE_OPTIONS_LIMIT),
    ),
  };
}
