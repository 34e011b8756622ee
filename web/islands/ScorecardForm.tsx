import { useState } from "preact/hooks";
import {
  BUILT_IN_CRITERIA,
  isBuiltInCriterion,
  MAX_CRITERIA,
  type ScorecardCriterion,
  ScorecardSchema,
  type ScorecardView,
} from "../../api/contract/evaluations.ts";
import type { MessageKey } from "../i18n/t.ts";
import { apiRequest, fill } from "../lib/api_client.ts";

/** The texts this island shows, picked by the server in the page's language. */
export const SCORECARD_FORM_KEYS = [
  "scorecardTitle",
  "scorecardLead",
  "scorecardFrozen",
  "scorecardLocked",
  "scorecardCriterion",
  "scorecardWeight",
  "scorecardWeightOf",
  "scorecardCustomLabel",
  "scorecardCustomHint",
  "scorecardAdd",
  "scorecardRemove",
  "scorecardSave",
  "scorecardSaved",
  "scorecardInvalid",
  "errorGeneric",
  "errorForbidden",
  "errorInterviewClosed",
  "errorSessionExpired",
  "errorNetwork",
  ...BUILT_IN_CRITERIA.map((k) => `criterion_${k}` as const),
] as const satisfies readonly MessageKey[];
type Key = typeof SCORECARD_FORM_KEYS[number];

export type ScorecardFormProps = {
  locale: string;
  orgId: string;
  interviewId: string;
  view: ScorecardView;
  /** The caller may write (owner, admin, recruiter). */
  canWrite: boolean;
  text: Record<Key, string>;
};

/**
 * A criterion as edited: the weight as typed (a text field, so "1,5" works as in French; a number field
 * would refuse it), a key for new custom ones.
 */
type Row = { key: string; label: string; weight: string };

function toRows(criteria: ScorecardCriterion[], locale: string): Row[] {
  return criteria.map((c) => ({ key: c.key, label: c.label ?? "", weight: c.weight.toLocaleString(locale) }));
}

/** A key for a new custom criterion that the scorecard does not use yet. */
function newKey(rows: Row[]): string {
  for (let n = 1;; n++) if (!rows.some((r) => r.key === `custom_${n}`)) return `custom_${n}`;
}

/**
 * The interview's scorecard: the built-in criteria (exactitude, clarté, profondeur) and custom ones, each
 * with a weight; editable while the interview is a draft or scheduled, read-only after (with what was
 * frozen at the start).
 */
export default function ScorecardForm(props: ScorecardFormProps) {
  const { text, locale } = props;
  const [view, setView] = useState(props.view);
  const [rows, setRows] = useState(() => toRows(props.view.scorecard.criteria, locale));
  const [status, setStatus] = useState<{ kind: "saved" | "error"; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const canEdit = props.canWrite && view.editable;
  const name = (r: Row) => isBuiltInCriterion(r.key) ? text[`criterion_${r.key}`] : r.label || r.key;

  async function save(event: Event) {
    event.preventDefault();
    const parsed = ScorecardSchema.safeParse({
      criteria: rows.map((r) => ({
        key: r.key,
        weight: Number(r.weight.replace(",", ".")),
        ...(isBuiltInCriterion(r.key) ? {} : { label: r.label }),
      })),
    });
    if (!parsed.success || parsed.data.criteria.some((c) => c.weight < 0.5)) {
      setStatus({ kind: "error", message: text.scorecardInvalid });
      return;
    }
    setPending(true);
    const res = await apiRequest<ScorecardView>(
      "PUT",
      `/api/organizations/${props.orgId}/interviews/${props.interviewId}/scorecard`,
      parsed.data,
    );
    setPending(false);
    if (res.ok) {
      setView(res.data);
      setRows(toRows(res.data.scorecard.criteria, locale));
      setStatus({ kind: "saved", message: text.scorecardSaved });
      return;
    }
    const message = res.status === 0
      ? text.errorNetwork
      : res.status === 401
      ? text.errorSessionExpired
      : res.status === 403
      ? text.errorForbidden
      : res.status === 409
      ? text.errorInterviewClosed
      : res.status === 422
      ? text.scorecardInvalid
      : text.errorGeneric;
    setStatus({ kind: "error", message });
  }

  const frozen = view.frozen;
  return (
    <section class="panel panel-padded scorecard" aria-labelledby="scorecard-title">
      <h2 id="scorecard-title">{text.scorecardTitle}</h2>
      <p class="muted small">{text.scorecardLead}</p>
      {frozen && (
        <p class="small" data-scorecard-frozen>
          {fill(text.scorecardFrozen, {
            date: new Date(frozen.frozenAt).toLocaleDateString(locale),
            evaluator: frozen.evaluator,
            model: frozen.model,
            version: frozen.promptVersion,
          })}
        </p>
      )}
      {!view.editable && !frozen && <p class="small">{text.scorecardLocked}</p>}
      <form onSubmit={save} noValidate>
        <table class="scorecard-table">
          <thead>
            <tr>
              <th scope="col">{text.scorecardCriterion}</th>
              <th scope="col">{text.scorecardWeight}</th>
              {canEdit && <td />}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key} data-criterion={r.key}>
                <th scope="row">
                  {canEdit && !isBuiltInCriterion(r.key)
                    ? (
                      <input
                        type="text"
                        maxLength={60}
                        value={r.label}
                        aria-label={fill(text.scorecardCustomLabel, { n: i + 1 })}
                        onInput={(e) =>
                          setRows(
                            rows.map((x, j) =>
                              j === i ? { ...x, label: (e.currentTarget as HTMLInputElement).value } : x
                            ),
                          )}
                      />
                    )
                    : name(r)}
                </th>
                <td>
                  {canEdit
                    ? (
                      <input
                        type="text"
                        inputMode="decimal"
                        size={4}
                        maxLength={4}
                        value={r.weight}
                        aria-label={fill(text.scorecardWeightOf, { name: name(r) })}
                        onInput={(e) =>
                          setRows(
                            rows.map((x, j) =>
                              j === i ? { ...x, weight: (e.currentTarget as HTMLInputElement).value } : x
                            ),
                          )}
                      />
                    )
                    : r.weight}
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      class="button button-ghost button-small"
                      disabled={rows.length === 1}
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      {fill(text.scorecardRemove, { name: name(r) })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canEdit && (
          <>
            <p class="muted small">{text.scorecardCustomHint}</p>
            <div class="form-actions">
              {rows.length < MAX_CRITERIA && (
                <button
                  type="button"
                  class="button button-secondary"
                  onClick={() => setRows([...rows, { key: newKey(rows), label: "", weight: "1" }])}
                >
                  {text.scorecardAdd}
                </button>
              )}
              <button type="submit" class="button button-primary" disabled={pending}>
                {text.scorecardSave}
              </button>
            </div>
          </>
        )}
        <p
          class={status?.kind === "error" ? "alert alert-error" : "muted small"}
          role={status?.kind === "error" ? "alert" : "status"}
          data-scorecard-status={status?.kind}
        >
          {status?.message}
        </p>
      </form>
    </section>
  );
}
