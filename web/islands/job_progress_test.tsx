import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import type { Job } from "../../api/contract/interviews.ts";
import { pickMessages } from "../i18n/t.ts";
import { JobProgress, QUESTION_EDITOR_KEYS } from "./QuestionEditor.tsx";

const text = pickMessages("fr", QUESTION_EDITOR_KEYS);

function job(status: Job["status"], progress: Job["progress"]): Job {
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  return {
    id,
    kind: "generate_questions",
    status,
    attempts: 1,
    progress,
    result: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

function shown(scope: string, j: Job): string {
  return render(<JobProgress tracked={{ scope, job: j }} text={text} locale="fr" onRetry={() => {}} />)
    .replace(/<[^>]+>/g, "");
}

Deno.test("the generation status never shows a counter that has not moved, and names what finished", () => {
  assert.equal(shown("all", job("running", { done: 0, total: 6 })), "Génération en cours…");
  assert.equal(shown("all", job("running", { done: 2, total: 6 })), "Génération en cours : 2 sur 6");
  assert.equal(shown("all", job("succeeded", { done: 6, total: 6 })), "6 questions prêtes.");
  const one = crypto.randomUUID();
  assert.equal(shown(one, job("succeeded", { done: 1, total: 1 })), "Question régénérée.");
});
