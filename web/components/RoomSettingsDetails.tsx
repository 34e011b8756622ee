import type { Locale } from "../../api/contract/auth.ts";
import type { Interview } from "../../api/contract/interviews.ts";
import { t } from "../i18n/t.ts";

/** The candidate room's settings, as terms of the interview page's details list. */
export function RoomSettingsDetails(props: { locale: Locale; interview: Interview }) {
  const { locale, interview } = props;
  const seconds = (n: number) => t(locale, "interviewSeconds", { seconds: n });
  return (
    <>
      <dt>{t(locale, "interviewThinking")}</dt>
      <dd>
        {interview.thinkingSeconds === 0
          ? t(locale, "interviewThinkingNone")
          : seconds(interview.thinkingSeconds)}
      </dd>
      <dt>{t(locale, "fieldRetakesAllowed")}</dt>
      <dd>{interview.retakesAllowed}</dd>
      <dt>{t(locale, "interviewGrace")}</dt>
      <dd>{seconds(interview.graceSeconds)}</dd>
      <dt>{t(locale, "fieldFollowUpsPerQuestion")}</dt>
      <dd>
        {interview.followUpsPerQuestion === 0
          ? t(locale, "interviewFollowUpsNone")
          : interview.followUpsPerQuestion}
      </dd>
    </>
  );
}
