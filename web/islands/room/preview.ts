import { useRef } from "preact/hooks";
import type { CandidateState } from "../../../api/contract/candidate.ts";
import type { RoomProps } from "./flow.ts";

/** The preview's local state machine: ready → practice → each question → finishing → completed. */
export function usePreview(props: RoomProps, show: (s: CandidateState) => void) {
  const step = useRef(-1); // -1: practice; 0…n-1: questions; n: finishing
  const questions = props.previewQuestions ?? [];
  const base = props.state;
  function stateAt(i: number): CandidateState {
    if (i < 0) return { ...base, phase: "practice", current: null };
    if (i >= questions.length) {
      return { ...base, phase: i === questions.length ? "finishing" : "completed", current: null };
    }
    const q = questions[i];
    const shownAt = new Date();
    // As the engine counts it: thinking time, then the time to answer.
    const deadline = new Date(shownAt.getTime() + (q.thinkingSeconds + q.timeLimitSeconds) * 1000);
    return {
      ...base,
      phase: "question",
      current: {
        ...q,
        followUpReason: null,
        shownAt: shownAt.toISOString(),
        deadline: deadline.toISOString(),
      },
    };
  }
  return {
    start() {
      step.current = -1;
      show(stateAt(-1));
    },
    next() {
      step.current++;
      show(stateAt(step.current));
    },
  };
}
