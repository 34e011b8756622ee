import { MAX_EXPECTED_POINTS } from "../../api/contract/evaluations.ts";
import { fill } from "../lib/api_client.ts";

export type ExpectedPointsText = Record<
  | "questionExpectedPoints"
  | "questionExpectedPointsHint"
  | "questionPointLabel"
  | "questionPointAdd"
  | "questionPointRemove",
  string
>;

/** The points a good answer covers, as the question card shows them (the candidate never sees them). */
export function ExpectedPointsList({ points, text }: { points: string[]; text: ExpectedPointsText }) {
  if (points.length === 0) return null;
  return (
    <details class="question-details expected-points">
      <summary>{text.questionExpectedPoints} ({points.length})</summary>
      <ul>{points.map((p, i) => <li key={i}>{p}</li>)}</ul>
    </details>
  );
}

/**
 * A small list editor for the points: one text field per point, each removable, and a button to add one
 * (up to the contract's maximum). Empty fields are dropped when the question is saved.
 */
export function ExpectedPointsEditor(
  props: { id: string; points: string[]; text: ExpectedPointsText; onChange(points: string[]): void },
) {
  const { id, points, text } = props;
  const set = (i: number, value: string) => props.onChange(points.map((p, j) => (j === i ? value : p)));
  return (
    <fieldset class="field expected-points-editor">
      <legend>{text.questionExpectedPoints}</legend>
      <p class="muted small" id={`${id}-hint`}>{text.questionExpectedPointsHint}</p>
      <ol>
        {points.map((point, i) => (
          <li key={i} class="expected-point">
            <label class="visually-hidden" for={`${id}-${i}`}>
              {fill(text.questionPointLabel, { n: i + 1 })}
            </label>
            <input
              id={`${id}-${i}`}
              type="text"
              maxLength={300}
              value={point}
              aria-describedby={`${id}-hint`}
              onInput={(e) => set(i, (e.currentTarget as HTMLInputElement).value)}
            />
            <button
              type="button"
              class="button button-ghost button-small"
              onClick={() => props.onChange(points.filter((_, j) => j !== i))}
            >
              {fill(text.questionPointRemove, { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {points.length < MAX_EXPECTED_POINTS && (
        <button
          type="button"
          class="button button-secondary button-small"
          data-action="add-point"
          onClick={() => props.onChange([...points, ""])}
        >
          {text.questionPointAdd}
        </button>
      )}
    </fieldset>
  );
}
