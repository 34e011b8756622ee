import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Question } from "../../api/contract/interviews.ts";
import { fill } from "../lib/api_client.ts";
import { ExpectedPointsEditor, ExpectedPointsList, type ExpectedPointsText } from "./ExpectedPoints.tsx";

/** The texts a question card shows (a subset of the QuestionEditor island's texts). */
export type QuestionCardText =
  & Record<
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
    | "questionTextLabel"
    | "questionTextRequired"
    | "fieldDifficulty"
    | "fieldCategory",
    string
  >
  & ExpectedPointsText;

/** What the edit form saves (PATCH …/questions/:id). */
export type QuestionPatch = {
  displayedText: string;
  difficulty: Question["difficulty"];
  category: string;
  expectedPoints: string[];
};

/** A question's difficulty and category, as the selects offer them (value, label). */
export type QuestionOptions = {
  difficulties: [string, string][];
  categories: [string, string][];
};

export type QuestionCardProps = {
  locale: string;
  question: Question;
  index: number;
  count: number;
  canEdit: boolean;
  /** Another change is under way: every button waits. */
  isBusy: boolean;
  isRegenerating: boolean;
  text: QuestionCardText;
  options: QuestionOptions;
  onSave(patch: QuestionPatch): Promise<boolean>;
  onMove(delta: -1 | 1): void;
  onRegenerate(): void;
  onRemove(): void;
};

/** An arrow-only button: its label is both the accessible name and the tooltip. */
function MoveButton(
  props: { label: string; action: string; disabled: boolean; onClick(): void; children: ComponentChildren },
) {
  return (
    <button
      type="button"
      class="button button-ghost button-icon"
      aria-label={props.label}
      title={props.label}
      data-action={props.action}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** A select of `options`, with the current value kept even when it is not one of them. */
function Select(
  props: { id: string; label: string; value: string; options: [string, string][]; onChange(v: string): void },
) {
  const options = props.options.some(([v]) => v === props.value)
    ? props.options
    : [...props.options, [props.value, props.value] as [string, string]];
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {options.map(([value, label]) => <option value={value} key={value}>{label}</option>)}
      </select>
    </div>
  );
}

/** The edit form of one question: text, difficulty, category; an empty text is refused next to the field. */
function QuestionEdit(
  props: { q: Question; n: number; text: QuestionCardText; options: QuestionOptions; isBusy: boolean } & {
    onSave(patch: QuestionPatch): Promise<boolean>;
    onClose(): void;
  },
) {
  const { q, n, text } = props;
  const [draft, setDraft] = useState({
    displayedText: q.displayedText,
    difficulty: q.difficulty as string,
    category: q.category ?? "custom",
    expectedPoints: q.expectedPoints,
  });
  const [invalid, setInvalid] = useState(false);
  const id = `question-text-${q.id}`;

  async function save(event: Event) {
    event.preventDefault();
    if (!draft.displayedText.trim()) {
      setInvalid(true);
      (document.getElementById(id) as HTMLTextAreaElement | null)?.focus();
      return;
    }
    const patch = {
      ...draft,
      difficulty: draft.difficulty as Question["difficulty"],
      expectedPoints: draft.expectedPoints.map((p) => p.trim()).filter(Boolean),
    };
    if (await props.onSave(patch)) props.onClose();
  }

  return (
    <form class="question-edit" onSubmit={save} noValidate>
      <div class={invalid ? "field field-invalid" : "field"}>
        <label class="visually-hidden" for={id}>{fill(text.questionTextLabel, { n })}</label>
        <textarea
          id={id}
          rows={3}
          maxLength={4000}
          value={draft.displayedText}
          aria-invalid={invalid ? "true" : undefined}
          aria-describedby={invalid ? `${id}-msg` : undefined}
          onInput={(e) => {
            setDraft({ ...draft, displayedText: (e.currentTarget as HTMLTextAreaElement).value });
            setInvalid(false);
          }}
        />
        {invalid && <p id={`${id}-msg`} class="field-error">{text.questionTextRequired}</p>}
      </div>
      <div class="form-row">
        <Select
          id={`question-difficulty-${q.id}`}
          label={text.fieldDifficulty}
          value={draft.difficulty}
          options={props.options.difficulties}
          onChange={(difficulty) => setDraft({ ...draft, difficulty })}
        />
        <Select
          id={`question-category-${q.id}`}
          label={text.fieldCategory}
          value={draft.category}
          options={props.options.categories}
          onChange={(category) => setDraft({ ...draft, category })}
        />
      </div>
      <ExpectedPointsEditor
        id={`question-points-${q.id}`}
        points={draft.expectedPoints}
        text={text}
        onChange={(expectedPoints) => setDraft({ ...draft, expectedPoints })}
      />
      <div class="question-edit-actions">
        <button type="submit" class="button button-primary button-small" disabled={props.isBusy}>
          {text.questionSave}
        </button>
        <button type="button" class="button button-secondary button-small" onClick={props.onClose}>
          {text.questionCancel}
        </button>
      </div>
    </form>
  );
}

/** One question: its text (editable in place), difficulty, category, why it was asked, and its actions. */
export function QuestionCard(props: QuestionCardProps) {
  const { question: q, index, text } = props;
  const [isEditing, setEditing] = useState(false);
  const n = index + 1;
  const disabled = props.isBusy || props.isRegenerating;
  const label = (options: [string, string][], value: string | null) =>
    value === null ? null : options.find(([v]) => v === value)?.[1] ?? value;
  const category = label(props.options.categories, q.category);

  return (
    <li
      class={props.isRegenerating ? "question question-busy" : "question"}
      data-question-id={q.id}
      id={`question-${q.id}`}
      tabIndex={-1}
      aria-labelledby={`question-${q.id}-title`}
    >
      <div class="question-head">
        <span class="question-number" aria-hidden="true">{n}</span>
        <div class="question-meta">
          <span class={`badge badge-difficulty-${q.difficulty}`}>
            {label(props.options.difficulties, q.difficulty)}
          </span>
          {category && <span class="badge">{category}</span>}
          {q.wasModified && <span class="badge badge-modified">{text.questionModified}</span>}
        </div>
        {props.canEdit && !isEditing && (
          <div class="question-actions">
            <MoveButton
              label={fill(text.questionMoveUp, { n }, props.locale)}
              action="up"
              disabled={disabled || index === 0}
              onClick={() => props.onMove(-1)}
            >
              ↑
            </MoveButton>
            <MoveButton
              label={fill(text.questionMoveDown, { n }, props.locale)}
              action="down"
              disabled={disabled || index === props.count - 1}
              onClick={() => props.onMove(1)}
            >
              ↓
            </MoveButton>
            <button
              type="button"
              class="button button-ghost"
              data-action="edit"
              disabled={disabled}
              onClick={() => setEditing(true)}
            >
              {text.questionEdit}
            </button>
            <button
              type="button"
              class="button button-ghost"
              data-action="regenerate"
              disabled={disabled}
              onClick={props.onRegenerate}
            >
              {props.isRegenerating ? text.questionRegenerating : text.questionRegenerate}
            </button>
            <button
              type="button"
              class="button button-ghost button-ghost-danger"
              data-action="remove"
              disabled={disabled}
              onClick={props.onRemove}
            >
              {text.questionRemove}
            </button>
          </div>
        )}
      </div>
      <h3 class="visually-hidden" id={`question-${q.id}-title`}>{fill(text.questionNumber, { n })}</h3>
      {isEditing
        ? (
          <QuestionEdit
            q={q}
            n={n}
            text={text}
            options={props.options}
            isBusy={props.isBusy}
            onSave={props.onSave}
            onClose={() => setEditing(false)}
          />
        )
        : <p class="question-text">{q.displayedText}</p>}
      {!isEditing && <ExpectedPointsList points={q.expectedPoints} text={text} />}
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
