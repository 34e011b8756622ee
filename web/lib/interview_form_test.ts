import assert from "node:assert/strict";
import { interviewFormValues, parseInterviewForm } from "./interview_form.ts";

const VALID = {
  title: "Backend senior",
  jobTitle: "Développeur backend",
  jobDescription: "TypeScript, PostgreSQL",
  experienceLevel: "senior",
  mode: "autonomous",
  language: "fr",
  timePerQuestionSeconds: "180",
  questionCount: "6",
  invitationExpiryDays: "7",
  candidateId: "",
};

Deno.test("parseInterviewForm() converts numbers and an empty candidate to null", () => {
  const result = parseInterviewForm(interviewFormValues(VALID));
  assert.ok(result.ok);
  assert.equal(result.data.timePerQuestionSeconds, 180);
  assert.equal(result.data.questionCount, 6);
  assert.equal(result.data.candidateId, null);
});

Deno.test("parseInterviewForm() names each invalid field with a message key", () => {
  const result = parseInterviewForm(
    interviewFormValues({ ...VALID, title: " ", questionCount: "50", timePerQuestionSeconds: "abc" }),
  );
  assert.ok(!result.ok);
  assert.deepEqual(result.errors, {
    title: "interviewTitleRequired",
    questionCount: "questionCountRange",
    timePerQuestionSeconds: "timePerQuestionRange",
  });
});
