import { useState } from "preact/hooks";
import {
  CreateQuestionSchema,
  DIFFICULTIES,
  type Job,
  type Question,
  UpdateQuestionSchema,
} from "../../api/contract/interviews.ts";
import type { MessageKey } from "../i18n/t.ts";
import { apiRequest, type ApiResult, fill } from "../lib/api_client.ts";
import { followJob } from "../lib/jobs.ts";
import { describeGenerator } from "../lib/generator_label.ts";
import { QuestionCard } from "../components/QuestionCard.tsx";

const CATEGORIES = [
  "experience",
  "technical",
  "gap",
  "situational",
  "motivation",
  "behavioral",
  "custom",
] as const;

/** The texts this island shows, picked by the server in the page's language. */
export const QUESTION_EDITOR_KEYS = [
  "questionsTitle",
  "questionsLead",
  "questionsEmpty",
  "questionsGenerate",
  "questionsRegenerateAll",
  "questionsConfirmRegenerateAll",
  "questionsGeneratorOffline",
  "questionsGeneratorAi",
  "jobQueued",
  "jobRunning",
  "jobRetrying",
  "jobSucceeded",
  "jobFailed",
  "jobRetry",
  "questionNumber",
  "questionModified",
  "questionOriginal",
  "questionReasoning",
  "questionEdit",
  "questionSave",
  "questionCancel",
  "questionMoveUp",
  "questionMoveDown",
  "questionRegenerate",
  "questionRegenerating",
  "questionRemove",
  "questionConfirmRemove",
  "questionTextLabel",
  "questionTextRequired",
  "questionAddTitle",
  "questionAddText",
  "questionAddSubmit",
  "fieldDifficulty",
  "fieldCategory",
  "fieldOptional",
  "errorGeneric",
  "errorForbidden",
  "errorInterviewClosed",
  "errorSessionExpired",
  "errorNetwork",
  ...DIFFICULTIES.map((d) => `difficulty_${d}` as const),
  ...CATEGORIES.map((c) => `category_${c}` as const),
] as const satisfies readonly MessageKey[];
type Key = typeof QUESTION_EDITOR_KEYS[number];

export type QuestionEditorProps = {
  /** The page's language (plural rules of the texts). */
  locale: string;
  orgId: string;
  interviewId: string;
  questions: Question[];
  /** interview.questionGenerator, e.g. "offline:heuristic-v1". */
  generator: string | null;
  /** The caller may write and the interview has not started. */
  canEdit: boolean;
  questionCount: number;
  text: Record<Key, string>;
};

/** A generation the page is following: all questions, or one (its id). */
type Tracked = { scope: "all" | string; job: Job | null; error?: string };

/**
 * The questions of an interview: generate them (a queued job, followed live), then edit, reorder, add,
 * remove or regenerate one. Every change goes through the JSON API; the list shown is what it returned.
 */
export default function QuestionEditor(props: QuestionEditorProps) {
  const { text } = props;
  const base = `/api/organizations/${props.orgId}/interviews/${props.interviewId}/questions`;
  const [items, setItems] = useState(props.questions);
  const [generator, setGenerator] = useState(props.generator);
  const [tracked, setTracked] = useState<Tracked | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ text: "", difficulty: "medium", category: "" });
  const isRunning = Boolean(tracked && !tracked.error && !isDone(tracked.job));
  const isBusy = pending || isRunning;

  function failure(res: ApiResult<unknown> & { ok: false }): string {
    if (res.status === 0) return text.errorNetwork;
    if (res.status === 401) return text.errorSessionExpired;
    if (res.status === 403) return text.errorForbidden;
    if (res.status === 409) return text.errorInterviewClosed;
    return text.errorGeneric;
  }

  /** Runs one API change; returns `{ data }`, or null after showing why it failed. */
  async function change<T>(method: string, path: string, body?: unknown): Promise<{ data: T } | null> {
    setPending(true);
    setError(null);
    const res = await apiRequest<T>(method, path, body);
    setPending(false);
    if (res.ok) return { data: res.data };
    setError(failure(res));
    return null;
  }

  async function reload() {
    const res = await apiRequest<{ items: Question[] }>("GET", base);
    if (res.ok) setItems(res.data.items);
    else setError(failure(res));
  }

  async function generate(scope: "all" | string) {
    if (scope === "all" && items.length > 0 && !confirm(text.questionsConfirmRegenerateAll)) return;
    const path = scope === "all" ? `${base}/generate` : `${base}/${scope}/regenerate`;
    const started = await change<{ jobId: string }>("POST", path);
    if (!started) return;
    setTracked({ scope, job: null });
    const outcome = await followJob(props.orgId, started.data.jobId, (job) => setTracked({ scope, job }));
    if ("error" in outcome) {
      setTracked({
        scope,
        job: null,
        error: outcome.status === 401 ? text.errorSessionExpired : outcome.error,
      });
      return;
    }
    const result = outcome.job.result as { generator?: string; model?: string } | null;
    if (outcome.job.status === "succeeded" && result?.generator) {
      setGenerator(`${result.generator}:${result.model}`);
    }
    await reload();
  }

  async function save(q: Question, value: string): Promise<boolean> {
    const parsed = UpdateQuestionSchema.safeParse({ displayedText: value });
    if (!parsed.success) {
      setError(text.questionTextRequired);
      return false;
    }
    const updated = await change<Question>("PATCH", `${base}/${q.id}`, parsed.data);
    if (updated) setItems((list) => list.map((x) => (x.id === q.id ? updated.data : x)));
    return Boolean(updated);
  }

  async function move(index: number, delta: -1 | 1) {
    const ids = items.map((q) => q.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    const reordered = await change<{ items: Question[] }>("PUT", `${base}/order`, { questionIds: ids });
    if (reordered) setItems(reordered.data.items);
  }

  async function remove(q: Question, n: number) {
    if (!confirm(fill(text.questionConfirmRemove, { n }))) return;
    if (await change<null>("DELETE", `${base}/${q.id}`)) {
      setItems((list) => list.filter((x) => x.id !== q.id));
    }
  }

  async function add(event: Event) {
    event.preventDefault();
    const parsed = CreateQuestionSchema.safeParse({
      text: draft.text,
      difficulty: draft.difficulty,
      category: draft.category.trim() || undefined,
    });
    if (!parsed.success) {
      setError(text.questionTextRequired);
      return;
    }
    const created = await change<Question>("POST", base, parsed.data);
    if (created) {
      setItems((list) => [...list, created.data]);
      setDraft({ text: "", difficulty: "medium", category: "" });
    }
  }

  const info = describeGenerator(generator);
  const generatorNote = info.kind === "offline"
    ? fill(text.questionsGeneratorOffline, { model: info.model })
    : info.kind === "ai"
    ? fill(text.questionsGeneratorAi, { provider: info.provider, model: info.model })
    : null;

  return (
    <section class="panel panel-padded questions" aria-labelledby="questions-title">
      <div class="panel-head">
        <div>
          <h2 id="questions-title">{text.questionsTitle}</h2>
          <p class="muted small">
            {fill(text.questionsLead, { count: items.length || props.questionCount }, props.locale)}
          </p>
        </div>
        {props.canEdit && (
          <button
            type="button"
            class="button button-primary"
            disabled={isBusy}
            onClick={() => generate("all")}
          >
            {items.length > 0 ? text.questionsRegenerateAll : text.questionsGenerate}
          </button>
        )}
      </div>
      {generatorNote && <p class="generator-note" data-generator={generator}>{generatorNote}</p>}
      <div
        class="job-status"
        aria-live="polite"
        data-job-status={tracked?.error ? "error" : tracked?.job?.status}
      >
        {tracked && <JobProgress tracked={tracked} text={text} onRetry={() => generate(tracked.scope)} />}
      </div>
      {error && <div class="alert alert-error" role="alert">{error}</div>}
      {items.length === 0
        ? <p class="muted questions-empty">{text.questionsEmpty}</p>
        : (
          <ol class="question-list">
            {items.map((q, index) => (
              <QuestionCard
                key={q.id}
                question={q}
                index={index}
                count={items.length}
                canEdit={props.canEdit}
                isBusy={isBusy}
                isRegenerating={isRunning && tracked?.scope === q.id}
                text={text}
                difficultyLabel={text[`difficulty_${q.difficulty}`]}
                categoryLabel={q.category ? text[`category_${q.category}` as Key] ?? q.category : null}
                onSave={(value) => save(q, value)}
                onMove={(delta) => move(index, delta)}
                onRegenerate={() => generate(q.id)}
                onRemove={() => remove(q, index + 1)}
              />
            ))}
          </ol>
        )}
      {props.canEdit && (
        <form class="question-add" onSubmit={add}>
          <h3>{text.questionAddTitle}</h3>
          <div class="field">
            <label for="question-add-text">{text.questionAddText}</label>
            <textarea
              id="question-add-text"
              rows={2}
              maxLength={4000}
              value={draft.text}
              onInput={(e) => setDraft({ ...draft, text: (e.currentTarget as HTMLTextAreaElement).value })}
            />
          </div>
          <div class="form-row form-row-3">
            <div class="field">
              <label for="question-add-difficulty">{text.fieldDifficulty}</label>
              <select
                id="question-add-difficulty"
                value={draft.difficulty}
                onChange={(e) =>
                  setDraft({ ...draft, difficulty: (e.currentTarget as HTMLSelectElement).value })}
              >
                {DIFFICULTIES.map((d) => <option value={d} key={d}>{text[`difficulty_${d}`]}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="question-add-category">{text.fieldCategory}</label>
              <input
                id="question-add-category"
                type="text"
                maxLength={40}
                placeholder={text.fieldOptional}
                value={draft.category}
                onInput={(e) => setDraft({ ...draft, category: (e.currentTarget as HTMLInputElement).value })}
              />
            </div>
            <div class="field field-end">
              <button type="submit" class="button button-secondary" disabled={isBusy}>
                {text.questionAddSubmit}
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}

function isDone(job: Job | null): boolean {
  return Boolean(job && (job.status === "succeeded" || job.status === "dead" || job.status === "failed"));
}

/** queued → running (done/total) → succeeded, or failed with the reason and a retry button. */
function JobProgress(
  { tracked, text, onRetry }: { tracked: Tracked; text: Record<Key, string>; onRetry(): void },
) {
  const { job } = tracked;
  const failed = tracked.error ??
    (job && (job.status === "dead" || job.status === "failed") ? job.lastError ?? text.errorGeneric : null);
  if (failed !== null) {
    return (
      <div class="alert alert-error job-failed">
        <span>{fill(text.jobFailed, { error: failed })}</span>
        <button type="button" class="button button-secondary button-small" onClick={onRetry}>
          {text.jobRetry}
        </button>
      </div>
    );
  }
  if (job?.status === "succeeded") {
    return <p class="job-line job-done">{fill(text.jobSucceeded, { count: job.progress?.total ?? 0 })}</p>;
  }
  const progress = job?.progress;
  const label = !job || (job.status === "queued" && !job.lastError)
    ? text.jobQueued
    : job.status === "queued"
    ? fill(text.jobRetrying, { error: job.lastError ?? "" })
    : fill(text.jobRunning, { done: progress?.done ?? 0, total: progress?.total ?? "…" });
  return (
    <div class="job-line">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
      <progress
        max={progress?.total || undefined}
        value={job?.status === "running" && progress?.total ? progress.done : undefined}
      />
    </div>
  );
}
