import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Question } from "../../api/contract/interviews.ts";
import { fill } from "../lib/api_client.ts";

/** The texts a question card shows (a subset of the QuestionEditor island's texts). */
export type QuestionCardText = Record<
  | "questionNumber"
  | "questionModified"
  | "questionOriginal"
  | "questionReasoning"
  | "questionEdit"
  | "questionSave"
  | "questionCancel"
  | "questionMoveUp"
  | "questionMoveDown"
  | "questionRegenerate"
  | "questionRegenerating"
  | "questionRemove"
  | "questionTextLabel",
  string
>;

export type QuestionCardProps = {
  question: Question;
  index: number;
  count: number;
  canEdit: boolean;
  /** Another change is under way: every button waits. */
  isBusy: boolean;
  isRegenerating: boolean;
  text: QuestionCardText;
  difficultyLabel: string;
  categoryLabel: string | null;
  onSave(text: string): Promise<boolean>;
  onMove(delta: -1 | 1): void;
  onRegenerate(): void;
  onRemove(): void;
};

/** An arrow-only button: its label is both the accessible name and the tooltip. */
function MoveButton(
  props: { label: string; disabled: boolean; onClick(): void; children: ComponentChildren },
) {
  return (
    <button
      type="button"
      class="button button-ghost button-icon"
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** One question: its text (editable in place), difficulty, category, why it was asked, and its actions. */
export function QuestionCard(props: QuestionCardProps) {
  const { question: q, index, text } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const n = index + 1;
  const disabled = props.isBusy || props.isRegenerating;

  async function save(event: Event) {
    event.preventDefault();
    if (draft !== null && await props.onSave(draft)) setDraft(null);
  }

  return (
    <li class={props.isRegenerating ? "question question-busy" : "question"} data-question-id={q.id}>
      <div class="question-head">
        <span class="question-number" aria-hidden="true">{n}</span>
        <div class="question-meta">
          <span class={`badge badge-difficulty-${q.difficulty}`}>{props.difficultyLabel}</span>
          {props.categoryLabel && <span class="badge">{props.categoryLabel}</span>}
          {q.wasModified && <span class="badge badge-modified">{text.questionModified}</span>}
        </div>
        {props.canEdit && draft === null && (
          <div class="question-actions">
            <MoveButton
              label={fill(text.questionMoveUp, { n })}
              disabled={disabled || index === 0}
              onClick={() => props.onMove(-1)}
            >
              ↑
            </MoveButton>
            <MoveButton
              label={fill(text.questionMoveDown, { n })}
              disabled={disabled || index === props.count - 1}
              onClick={() => props.onMove(1)}
            >
              ↓
            </MoveButton>
            <button
              type="button"
              class="button button-ghost"
              disabled={disabled}
              onClick={() => setDraft(q.displayedText)}
            >
              {text.questionEdit}
            </button>
            <button
              type="button"
              class="button button-ghost"
              disabled={disabled}
              onClick={props.onRegenerate}
            >
              {props.isRegenerating ? text.questionRegenerating : text.questionRegenerate}
            </button>
            <button
              type="button"
              class="button button-ghost button-ghost-danger"
              disabled={disabled}
              onClick={props.onRemove}
            >
              {text.questionRemove}
            </button>
          </div>
        )}
      </div>
      <h3 class="visually-hidden">{fill(text.questionNumber, { n })}</h3>
      {draft === null
        ? <p class="question-text">{q.displayedText}</p>
        : (
          <form class="question-edit" onSubmit={save}>
            <label class="visually-hidden" for={`question-text-${q.id}`}>
              {fill(text.questionTextLabel, { n })}
            </label>
            <textarea
              id={`question-text-${q.id}`}
              rows={3}
              maxLength={4000}
              value={draft}
              onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <div class="question-edit-actions">
              <button type="submit" class="button button-primary button-small" disabled={props.isBusy}>
                {text.questionSave}
              </button>
              <button
                type="button"
                class="button button-secondary button-small"
                onClick={() => setDraft(null)}
              >
                {text.questionCancel}
              </button>
            </div>
          </form>
        )}
      {q.wasModified && (
        <details class="question-details">
          <summary>{text.questionOriginal}</summary>
          <p>{q.originalText}</p>
        </details>
      )}
      {q.reasoning && (
        <details class="question-details">
          <summary>{text.questionReasoning}</summary>
          <p>{q.reasoning}</p>
        </details>
      )}
    </li>
  );
}
