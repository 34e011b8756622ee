import type { DashboardHome } from "../../api/services/pages/dashboard.ts";
import type { InterviewStatus } from "../../api/contract/interviews.ts";

export const FEED_SIZE = 8;

/**
 * Interview statuses in the order the dashboard counts them: api/contract/interviews.ts's list, repeated
 * here so the island does not ship zod (a test checks they are the same).
 */
export const STATUSES = [
  "draft",
  "scheduled",
  "in_progress",
  "completed",
  "reviewed",
  "archived",
] as const satisfies readonly InterviewStatus[];

/** What the database publishes on `org:<id>` when an interview is created or changes status. */
export type StatusEvent = {
  interviewId: string;
  title: string;
  status: InterviewStatus;
  previousStatus: InterviewStatus | null;
  at: string;
};

/**
 * The dashboard home after `event` in organization `orgId`: the counts move from the old status to the
 * new one, the interview comes first in the activity, and it joins (completed) or leaves (decided,
 * archived) "waiting for your decision". An event seen twice (a reconnection) changes nothing more.
 */
export function withStatusEvent(home: DashboardHome, orgId: string, event: StatusEvent): DashboardHome {
  const known = home.activity.find((i) => i.id === event.interviewId);
  if (known && known.status === event.status && known.at === event.at) return home;
  const counts = { ...home.counts };
  if (event.previousStatus) {
    counts[event.previousStatus] = Math.max(0, (counts[event.previousStatus] ?? 0) - 1);
  }
  counts[event.status] = (counts[event.status] ?? 0) + 1;
  const candidateName = known?.candidateName ??
    home.waiting.find((i) => i.id === event.interviewId)?.candidateName ?? null;
  const entry = {
    id: event.interviewId,
    organizationId: orgId,
    title: event.title,
    status: event.status,
    candidateName,
    at: event.at,
  };
  const others = (list: typeof home.activity) => list.filter((i) => i.id !== event.interviewId);
  return {
    counts,
    activity: [entry, ...others(home.activity)].slice(0, FEED_SIZE),
    waiting: event.status === "completed" ? [...others(home.waiting), entry] : others(home.waiting),
  };
}
