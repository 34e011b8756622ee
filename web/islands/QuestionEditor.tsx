import { useEffect, useState } from "preact/hooks";
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
import { QuestionCard, type QuestionOptions, type QuestionPatch } from "../components/QuestionCard.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";

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
  "questionsConfirmRegenerateAllTitle",
  "questionsConfirmRegenerateAll",
  "questionsConfirmRegenerateAllSubmit",
  "questionsGeneratorOffline",
  "questionsGeneratorAi",
  "questionsGeneratorAiPrompt",
  "jobQueued",
  "jobRunning",
  "jobRunningCount",
  "jobRegenerated",
  "jobRetrying",
  "jobSucceeded",
  "jobFailed",
  "jobRetry",
  "questionNumber",
  "questionModified",
  "questionOriginal",
  "questionReasoning",
  "questionExpectedPoints",
  "questionExpectedPointsHint",
  "questionPointLabel",
  "questionPointAdd",
  "questionPointRemove",
  "questionEdit",
  "questionSave",
  "questionCancel",
  "questionMoveUp",
  "questionMoveDown",
  "questionRegenerate",
  "questionRegenerating",
  "questionRemove",
  "questionConfirmRemove",
  "questionConfirmRemoveText",
  "questionMovedAnnounce",
  "questionRemovedAnnounce",
  "confirmCancel",
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
/** A question to give focus to once the list has been redrawn, and which of its buttons if enabled. */
type FocusRequest = { id: string; action?: string } | { id: "add" };
/** A destructive action waiting for the recruiter's answer. */
type Confirming = { title: string; text: string; confirmLabel: string; run(): void };

/**
 * The questions of an interview: generate them (a queued job, followed live), then edit, reorder, add,
 * remove or regenerate one. Every change goes through the JSON API; the list shown is what it returned.
 * Focus stays with the question a change was about (the moved one; after a removal, the next one), the
 * change is announced in a live region, and removals and "regenerate all" ask first.
 */
export default function QuestionEditor(props: QuestionEditorProps) {
  const { text, locale } = props;
  const base = `/api/organizations/${props.orgId}/interviews/${props.interviewId}/questions`;
  const [items, setItems] = useState(props.questions);
  const [generator, setGenerator] = useState(props.generator);
  const [tracked, setTracked] = useState<Tracked | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [draft, setDraft] = useState({ text: "", difficulty: "medium", category: "custom" });
  const [draftInvalid, setDraftInvalid] = useState(false);
  const isRunning = Boolean(tracked && !tracked.error && !isDone(tracked.job));
  const isBusy = pending || isRunning;
  const options: QuestionOptions = {
    difficulties: DIFFICULTIES.map((d) => [d, text[`difficulty_${d}`]]),
    categories: CATEGORIES.map((c) => [c, text[`category_${c}`]]),
  };

  // Buttons are disabled while a change runs, which drops their focus: give it back once redrawn.
  useEffect(() => {
    if (!focusRequest || isBusy) return;
    setFocusRequest(null);
    if (focusRequest.id === "add") {
      document.getElementById("question-add-text")?.focus();
      return;
    }
    const card = document.getElementById(`question-${focusRequest.id}`);
    const button = "action" in focusRequest && focusRequest.action
      ? card?.querySelector<HTMLButtonElement>(`button[data-action="${focusRequest.action}"]:not(:disabled)`)
      : null;
    (button ?? card)?.focus();
  }, [focusRequest, isBusy, items]);

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

  function askToRegenerateAll() {
    if (items.length === 0) {
      generate("all");
      return;
    }
    setConfirming({
      title: text.questionsConfirmRegenerateAllTitle,
      text: text.questionsConfirmRegenerateAll,
      confirmLabel: text.questionsConfirmRegenerateAllSubmit,
      run: () => generate("all"),
    });
  }

  async function generate(scope: "all" | string) {
    const path = scope === "all" ? `${base}/generate` : `${base}/${scope}/regenerate`;
    const started = await change<{ jobId: string }>("POST", path);
    if (!started) return;
    setTracked({ scope, job: null });
    const outcome = await followJob(props.orgId, started.data.jobId, (job) => setTracked({ scope, job }), {
      interviewId: props.interviewId,
    });
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
    if (scope !== "all") setFocusRequest({ id: scope, action: "regenerate" });
  }

  async function save(q: Question, patch: QuestionPatch): Promise<boolean> {
    const parsed = UpdateQuestionSchema.safeParse(patch);
    if (!parsed.success) {
      setError(text.questionTextRequired);
      return false;
    }
    const updated = await change<Question>("PATCH", `${base}/${q.id}`, parsed.data);
    if (updated) {
      setItems((list) => list.map((x) => (x.id === q.id ? updated.data : x)));
      setFocusRequest({ id: q.id, action: "edit" });
    }
    return Boolean(updated);
  }

  async function move(index: number, delta: -1 | 1) {
    const ids = items.map((q) => q.id);
    const id = ids[index];
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    const reordered = await change<{ items: Question[] }>("PUT", `${base}/order`, { questionIds: ids });
    if (!reordered) return;
    setItems(reordered.data.items);
    const position = reordered.data.items.findIndex((q) => q.id === id) + 1;
    setAnnouncement(fill(text.questionMovedAnnounce, { n: position, count: ids.length }, locale));
    setFocusRequest({ id, action: delta === -1 ? "up" : "down" });
  }

  function askToRemove(q: Question, index: number) {
    setConfirming({
      title: fill(text.questionConfirmRemove, { n: index + 1 }, locale),
      text: text.questionConfirmRemoveText,
      confirmLabel: text.questionRemove,
      run: () => remove(q, index),
    });
  }

  async function remove(q: Question, index: number) {
    if (!(await change<null>("DELETE", `${base}/${q.id}`))) {
      setFocusRequest({ id: q.id, action: "remove" });
      return;
    }
    const rest = items.filter((x) => x.id !== q.id);
    setItems(rest);
    setAnnouncement(fill(text.questionRemovedAnnounce, { count: rest.length }, locale));
    // The question that took its place, else the one before, else the form to add one.
    const next = rest[index] ?? rest[index - 1];
    setFocusRequest(next ? { id: next.id } : { id: "add" });
  }

  async function add(event: Event) {
    event.preventDefault();
    const parsed = CreateQuestionSchema.safeParse({
      text: draft.text,
      difficulty: draft.difficulty,
      category: draft.category,
    });
    if (!parsed.success || !draft.text.trim()) {
      setDraftInvalid(true);
      document.getElementById("question-add-text")?.focus();
      return;
    }
    const created = await change<Question>("POST", base, parsed.data);
    if (created) {
      setItems((list) => [...list, created.data]);
      setDraft({ text: "", difficulty: "medium", category: "custom" });
      setFocusRequest({ id: "add" });
    }
  }

  const info = describeGenerator(generator);
  const generatorNote = info.kind === "offline"
    ? fill(text.questionsGeneratorOffline, { model: info.model })
    : info.kind === "ai"
    ? fill(info.promptVersion ? text.questionsGeneratorAiPrompt : text.questionsGeneratorAi, {
      provider: info.provider,
      model: info.model,
      prompt: info.promptVersion ?? "",
    })
    : null;

  return (
    <section class="panel panel-padded questions" aria-labelledby="questions-title">
      <div class="panel-head">
        <div>
          <h2 id="questions-title">{text.questionsTitle}</h2>
          <p class="muted small" data-question-count={items.length || props.questionCount}>
            {fill(text.questionsLead, { count: items.length || props.questionCount }, locale)}
          </p>
        </div>
        {props.canEdit && (
          <button
            type="button"
            class="button button-primary"
            disabled={isBusy}
            onClick={askToRegenerateAll}
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
        {tracked && (
          <JobProgress
            tracked={tracked}
            text={text}
            locale={locale}
            onRetry={() => generate(tracked.scope)}
          />
        )}
      </div>
      <p class="visually-hidden" aria-live="polite" data-announcement>{announcement}</p>
      {error && <div class="alert alert-error" role="alert">{error}</div>}
      {items.length === 0
        ? <p class="muted questions-empty">{text.questionsEmpty}</p>
        : (
          <ol class="question-list">
            {items.map((q, index) => (
              <QuestionCard
                key={q.id}
                locale={locale}
                question={q}
                index={index}
                count={items.length}
                canEdit={props.canEdit}
                isBusy={isBusy}
                isRegenerating={isRunning && tracked?.scope === q.id}
                text={text}
                options={options}
                onSave={(patch) => save(q, patch)}
                onMove={(delta) => move(index, delta)}
                onRegenerate={() => generate(q.id)}
                onRemove={() => askToRemove(q, index)}
              />
            ))}
          </ol>
        )}
      {props.canEdit && (
        <form class="question-add" onSubmit={add} noValidate>
          <h3>{text.questionAddTitle}</h3>
          <div class={draftInvalid ? "field field-invalid" : "field"}>
            <label for="question-add-text">{text.questionAddText}</label>
            <textarea
              id="question-add-text"
              rows={2}
              maxLength={4000}
              value={draft.text}
              aria-invalid={draftInvalid ? "true" : undefined}
              aria-describedby={draftInvalid ? "question-add-text-msg" : undefined}
              onInput={(e) => {
                setDraft({ ...draft, text: (e.currentTarget as HTMLTextAreaElement).value });
                setDraftInvalid(false);
              }}
            />
            {draftInvalid && (
              <p id="question-add-text-msg" class="field-error">{text.questionTextRequired}</p>
            )}
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
                {options.difficulties.map(([d, label]) => <option value={d} key={d}>{label}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="question-add-category">{text.fieldCategory}</label>
              <select
                id="question-add-category"
                value={draft.category}
                onChange={(e) =>
                  setDraft({ ...draft, category: (e.currentTarget as HTMLSelectElement).value })}
              >
                {options.categories.map(([c, label]) => <option value={c} key={c}>{label}</option>)}
              </select>
            </div>
            <div class="field field-end">
              <button type="submit" class="button button-secondary" disabled={isBusy}>
                {text.questionAddSubmit}
              </button>
            </div>
          </div>
        </form>
      )}
      {confirming && (
        <ConfirmDialog
          id="question-confirm"
          title={confirming.title}
          text={confirming.text}
          confirmLabel={confirming.confirmLabel}
          cancelLabel={text.confirmCancel}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            confirming.run();
          }}
        />
      )}
    </section>
  );
}

function isDone(job: Job | null): boolean {
  return Boolean(job && (job.status === "succeeded" || job.status === "dead" || job.status === "failed"));
}

/** queued → running (a count once it moves) → succeeded, or failed with the reason and a retry button. */
export function JobProgress(
  { tracked, text, locale, onRetry }: {
    tracked: Tracked;
    text: Record<Key, string>;
    locale: string;
    onRetry(): void;
  },
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
    const done = tracked.scope === "all"
      ? fill(text.jobSucceeded, { count: job.progress?.total ?? 0 }, locale)
      : text.jobRegenerated;
    return <p class="job-line job-done">{done}</p>;
  }
  const progress = job?.progress;
  // A counter only once it has moved: the generator reports 0 then everything, and "0/6" that never
  // changes reads as stuck.
  const moving = progress && progress.done > 0 && progress.done < progress.total;
  const label = !job || (job.status === "queued" && !job.lastError)
    ? text.jobQueued
    : job.status === "queued"
    ? fill(text.jobRetrying, { error: job.lastError ?? "" })
    : moving
    ? fill(text.jobRunningCount, { done: progress.done, total: progress.total }, locale)
    : text.jobRunning;
  return (
    <div class="job-line">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
      <progress max={moving ? progress.total : undefined} value={moving ? progress.done : undefined} />
    </div>
  );
}
