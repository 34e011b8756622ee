import type { JSX } from "preact";
import type { Locale } from "../../api/contract/auth.ts";
import { EXPERIENCE_LEVELS, ROOM_SETTINGS, type RoomSetting } from "../../api/contract/interviews.ts";
import type { FieldErrors } from "../lib/form_errors.ts";
import type { InterviewField, InterviewFormValues } from "../lib/interview_form.ts";
import { type MessageKey, t } from "../i18n/t.ts";
import { Alert } from "./ui.tsx";

export type InterviewFormProps = {
  locale: Locale;
  action: string;
  submitLabel: string;
  values: InterviewFormValues;
  errors: FieldErrors<InterviewField>;
  formError?: MessageKey;
  candidates: { id: string; fullName: string; email: string }[];
};

/** Default values of a new interview (those of CreateInterviewSchema). */
export const NEW_INTERVIEW_VALUES: Omit<InterviewFormValues, "language" | "candidateId"> = {
  title: "",
  jobTitle: "",
  jobDescription: "",
  experienceLevel: "mid",
  mode: "autonomous",
  timePerQuestionSeconds: "120",
  questionCount: "5",
  invitationExpiryDays: "7",
  thinkingSeconds: String(ROOM_SETTINGS.thinkingSeconds.default),
  retakesAllowed: String(ROOM_SETTINGS.retakesAllowed.default),
  graceSeconds: String(ROOM_SETTINGS.graceSeconds.default),
  followUpsPerQuestion: String(ROOM_SETTINGS.followUpsPerQuestion.default),
};

/** The interview's fields (create and edit): plain HTML, checked again on the server. */
export function InterviewForm(props: InterviewFormProps) {
  const { locale, values, errors } = props;
  const field = (name: InterviewField) => ({
    id: `interview-${name}`,
    name,
    "aria-invalid": errors[name] ? ("true" as const) : undefined,
    "aria-describedby": errors[name] || HINTS[name] ? `interview-${name}-msg` : undefined,
  });
  const wrap = (name: InterviewField, label: MessageKey, control: JSX.Element) => {
    const message = errors[name] ?? HINTS[name];
    return (
      <div class={errors[name] ? "field field-invalid" : "field"}>
        <label for={`interview-${name}`}>{t(locale, label)}</label>
        {control}
        {message && (
          <p id={`interview-${name}-msg`} class={errors[name] ? "field-error" : "field-hint"}>
            {t(locale, message)}
          </p>
        )}
      </div>
    );
  };
  const select = (name: InterviewField, options: [string, string][]) => (
    <select {...field(name)}>
      {options.map(([value, label]) => (
        <option value={value} selected={values[name] === value} key={value}>{label}</option>
      ))}
    </select>
  );
  const number = (name: InterviewField, min: number, max: number) => (
    <input
      {...field(name)}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      required
      value={values[name]}
    />
  );
  const setting = (name: RoomSetting, label: MessageKey) =>
    wrap(name, label, number(name, ROOM_SETTINGS[name].min, ROOM_SETTINGS[name].max));
  return (
    <form method="post" action={props.action} class="form" noValidate>
      {props.formError && <Alert kind="error">{t(locale, props.formError)}</Alert>}
      <div class="form-row">
        {wrap(
          "title",
          "fieldInterviewTitle",
          <input {...field("title")} type="text" required value={values.title} />,
        )}
        {wrap(
          "jobTitle",
          "fieldJobTitle",
          <input {...field("jobTitle")} type="text" required value={values.jobTitle} />,
        )}
      </div>
      {wrap(
        "jobDescription",
        "fieldJobDescription",
        <textarea {...field("jobDescription")} rows={8} required value={values.jobDescription} />,
      )}
      <div class="form-row form-row-3">
        {wrap(
          "experienceLevel",
          "fieldExperienceLevel",
          select("experienceLevel", EXPERIENCE_LEVELS.map((l) => [l, t(locale, `experience_${l}`)])),
        )}
        {wrap(
          "mode",
          "fieldMode",
          select("mode", [["autonomous", t(locale, "mode_autonomous")], ["live", t(locale, "mode_live")]]),
        )}
        {wrap(
          "language",
          "fieldInterviewLanguage",
          select("language", [["fr", t(locale, "languageFr")], ["en", t(locale, "languageEn")]]),
        )}
      </div>
      <div class="form-row form-row-3">
        {wrap("timePerQuestionSeconds", "fieldTimePerQuestion", number("timePerQuestionSeconds", 15, 1800))}
        {wrap("questionCount", "fieldQuestionCount", number("questionCount", 1, 30))}
        {wrap("invitationExpiryDays", "fieldExpiryDays", number("invitationExpiryDays", 1, 90))}
      </div>
      <fieldset class="form-fieldset">
        <legend>{t(locale, "fieldRoomSettings")}</legend>
        <div class="form-row">
          {setting("thinkingSeconds", "fieldThinkingSeconds")}
          {setting("retakesAllowed", "fieldRetakesAllowed")}
        </div>
        <div class="form-row">
          {setting("graceSeconds", "fieldGraceSeconds")}
          {setting("followUpsPerQuestion", "fieldFollowUpsPerQuestion")}
        </div>
      </fieldset>
      {wrap(
        "candidateId",
        "fieldCandidate",
        select("candidateId", [
          ["", t(locale, "fieldCandidateNone")],
          ...props.candidates.map((c): [string, string] => [c.id, `${c.fullName} — ${c.email}`]),
        ]),
      )}
      <div>
        <button type="submit" class="button button-primary">{props.submitLabel}</button>
      </div>
    </form>
  );
}

const HINTS: Partial<Record<InterviewField, MessageKey>> = {
  jobDescription: "fieldJobDescriptionHint",
  timePerQuestionSeconds: "fieldTimePerQuestionHint",
  candidateId: "fieldCandidateHint",
  thinkingSeconds: "fieldThinkingSecondsHint",
  retakesAllowed: "fieldRetakesAllowedHint",
  graceSeconds: "fieldGraceSecondsHint",
  followUpsPerQuestion: "fieldFollowUpsPerQuestionHint",
};
