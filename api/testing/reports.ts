import type { Database } from "../db/connect.ts";
import { asService } from "../db/tx.ts";
import type { DecisionOutcome } from "../contract/reports.ts";

/** What one seeded answer looks like: its transcript and the evaluation the evaluator would have written. */
export type SeededAnswer = {
  question: string;
  transcript: string;
  /** Per criterion, 0–10 or null ("not enough evidence"); quotes must be substrings of the transcript. */
  scores: { accuracy: number | null; clarity: number | null; depth: number | null };
  quote?: { text: string; startMs: number | null };
  notScored?: string[];
  audioPath?: string;
};

export type SeedOptions = {
  orgId: string;
  createdBy: string;
  candidateName: string;
  jobTitle?: string;
  language?: "fr" | "en";
  answers: SeededAnswer[];
  /** The interview's AI summary; omitted = none yet. */
  summary?: { overallScore: number | null; recommendation: DecisionOutcome; text: string };
  /** One sample per second over this many seconds (on-device aggregates). */
  sampleSeconds?: number;
  durationMinutes?: number;
  status?: "completed" | "in_progress";
};

function mean(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.round(known.reduce((a, b) => a + b, 0) / known.length * 100) / 100 : null;
}

/**
 * A finished interview with answers, evaluations, samples, an integrity event and a consent, written as the
 * service role the way the candidate's room and the evaluation jobs would: the report's tests and bench
 * do not depend on those jobs running.
 */
export async function seedEvaluatedInterview(
  db: Database,
  opts: SeedOptions,
): Promise<{ interviewId: string; candidateEmail: string }> {
  // service-role: test data that only the candidate's room and the evaluation jobs write.
  return await asService(db, async (tx) => {
    const minutes = opts.durationMinutes ?? 25;
    const candidateEmail = `seed-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const [candidate] = await tx`insert into public.candidates (organization_id, full_name, email)
      values (${opts.orgId}, ${opts.candidateName}, ${candidateEmail}) returning id`;
    const [interview] =
      await tx`insert into public.interviews (organization_id, candidate_id, title, job_title,
        job_description, language, status, started_at, completed_at, created_by)
      values (${opts.orgId}, ${candidate.id}, ${`Entretien ${opts.candidateName}`},
        ${opts.jobTitle ?? "Développeur backend"}, 'Conçoit des API', ${opts.language ?? "fr"},
        ${opts.status ?? "completed"}, now() - ${`${minutes} minutes`}::interval,
        case when ${opts.status === "in_progress"} then null else now() end, ${opts.createdBy})
      returning id, started_at`;
    await tx`insert into public.invitations (interview_id, candidate_id, organization_id, token_hash, expires_at,
        sent_at, opened_at, started_at)
      values (${interview.id}, ${candidate.id}, ${opts.orgId}, ${crypto.randomUUID()}, now() + interval '7 days',
        now() - interval '1 day', now() - interval '2 hours', ${interview.started_at})`;
    await tx`insert into public.consents (interview_id, candidate_id, organization_id, notice_version, accepted_at)
      values (${interview.id}, ${candidate.id}, ${opts.orgId}, '2026-11', ${interview.started_at})`;
    for (const [i, a] of opts.answers.entries()) {
      const [q] =
        await tx`insert into public.questions (interview_id, organization_id, position, original_text,
          displayed_text)
        values (${interview.id}, ${opts.orgId}, ${i}, ${a.question}, ${a.question}) returning id`;
      const [r] =
        await tx`insert into public.responses (question_id, interview_id, organization_id, transcript,
          answer_mode, transcription_method, transcription_status, audio_storage_path, audio_duration_ms,
          response_time_ms, submitted_at)
        values (${q.id}, ${interview.id}, ${opts.orgId}, ${a.transcript}, 'voice', 'openai', 'done',
          ${a.audioPath ?? null}, 60000, 58000, now())
        returning id`;
      const start = a.quote ? a.transcript.indexOf(a.quote.text) : -1;
      const evidence = a.quote && start >= 0
        ? [{ quote: a.quote.text, start, end: start + a.quote.text.length, startMs: a.quote.startMs }]
        : [];
      const criteria = (["accuracy", "clarity", "depth"] as const).map((key, k) => ({
        key,
        score: a.notScored ? null : a.scores[key],
        rationale: a.scores[key] === null ? "Pas assez d'éléments" : `Critère ${key}`,
        evidence: k === 0 ? evidence : [],
      }));
      const overall = a.notScored ? null : mean(Object.values(a.scores));
      await tx`insert into public.evaluations (response_id, organization_id, accuracy, clarity, depth, overall_score,
          strengths, improvements, evidence, model, prompt_version, evaluator, status, flags, criteria, feedback)
        values (${r.id}, ${opts.orgId}, ${a.notScored ? null : a.scores.accuracy},
          ${a.notScored ? null : a.scores.clarity}, ${a.notScored ? null : a.scores.depth}, ${overall},
          ${["Exemple concret"]}, ${["Chiffrer les résultats"]}, ${tx.json(evidence)}, 'heuristic-v1',
          'evaluation.v1', 'offline', ${a.notScored ? "not_scored" : "scored"}, ${a.notScored ?? []},
          ${tx.json(criteria)}, ${`Retour sur la réponse ${i + 1}`})`;
    }
    if (opts.summary) {
      const avg = (key: "accuracy" | "clarity" | "depth") => mean(opts.answers.map((a) => a.scores[key]));
      await tx`insert into public.interview_evaluations (interview_id, organization_id, overall_score, criteria,
          summary, recommendation, evaluator, model, prompt_version)
        values (${interview.id}, ${opts.orgId}, ${opts.summary.overallScore},
          ${
        tx.json([
          { key: "accuracy", score: avg("accuracy") },
          { key: "clarity", score: avg("clarity") },
          { key: "depth", score: avg("depth") },
        ])
      }, ${opts.summary.text}, ${opts.summary.recommendation}, 'offline', 'heuristic-v1', 'evaluation.v1')`;
    }
    const seconds = opts.sampleSeconds ?? 120;
    if (seconds > 0) {
      await tx`insert into public.biometric_samples (interview_id, organization_id, captured_at, face_present,
          face_count, eye_contact, posture, gestures, attention)
        select ${interview.id}, ${opts.orgId}, ${interview.started_at}::timestamptz + s * interval '1 second',
          s % 17 <> 0, case when s % 17 = 0 then 0 else 1 end, 0.5 + 0.4 * sin(s / 30.0), 0.8, 0.2,
          0.6 + 0.3 * cos(s / 45.0)
        from generate_series(0, ${seconds - 1}) s`;
    }
    await tx`insert into public.integrity_events (id, interview_id, organization_id, kind, occurred_at, duration_ms)
      values (${crypto.randomUUID()}, ${interview.id}, ${opts.orgId}, 'page_hidden',
        ${interview.started_at}::timestamptz + interval '90 seconds', 4000)`;
    return { interviewId: interview.id as string, candidateEmail };
  });
}
