import { useState } from "preact/hooks";
import { apiRequest } from "../lib/api_client.ts";

export type RerunButtonProps = {
  /** POST …/responses/:responseId/evaluations: queues a new evaluation (the earlier one stays as history). */
  path: string;
  text: { rerun: string; queued: string; failed: string };
};

/** Asks for a new evaluation of one answer; the report shows it, next to the earlier ones, once it ran. */
export default function RerunButton(props: RerunButtonProps) {
  const [state, setState] = useState<
    { kind: "idle" | "busy" | "queued" } | { kind: "failed"; message: string }
  >(
    { kind: "idle" },
  );
  const rerun = async () => {
    setState({ kind: "busy" });
    const res = await apiRequest<{ jobId: string }>("POST", props.path);
    setState(res.ok ? { kind: "queued" } : { kind: "failed", message: res.message });
  };
  return (
    <p class="rerun no-print">
      <button
        type="button"
        class="button button-secondary"
        disabled={state.kind === "busy" || state.kind === "queued"}
        onClick={rerun}
      >
        {props.text.rerun}
      </button>{" "}
      <span role="status">
        {state.kind === "queued"
          ? props.text.queued
          : state.kind === "failed"
          ? props.text.failed.replace("{message}", state.message)
          : ""}
      </span>
    </p>
  );
}
