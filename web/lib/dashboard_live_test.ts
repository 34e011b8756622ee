import assert from "node:assert/strict";
import { STATUSES, type StatusEvent, withStatusEvent } from "./dashboard_live.ts";
import { INTERVIEW_STATUSES } from "../../api/contract/interviews.ts";
import type { DashboardHome } from "../../api/services/pages/dashboard.ts";

const ORG = "0a000000-0000-4000-a000-00000000000a";
const home: DashboardHome = {
  counts: { scheduled: 1, in_progress: 1 },
  waiting: [],
  activity: [{
    id: "i1",
    organizationId: ORG,
    title: "Backend",
    status: "in_progress",
    candidateName: "Léa Dubois",
    at: "2026-11-30T10:00:00.000Z",
  }],
};

Deno.test("a completed interview moves between the counts, tops the activity and waits for a decision", () => {
  const event: StatusEvent = {
    interviewId: "i1",
    title: "Backend",
    status: "completed",
    previousStatus: "in_progress",
    at: "2026-11-30T10:30:00.000Z",
  };
  const next = withStatusEvent(home, ORG, event);
  assert.deepEqual(next.counts, { scheduled: 1, in_progress: 0, completed: 1 });
  assert.equal(next.activity.length, 1);
  assert.equal(next.activity[0].status, "completed");
  assert.deepEqual(next.waiting.map((i) => [i.id, i.candidateName]), [["i1", "Léa Dubois"]]);
  assert.equal(withStatusEvent(next, ORG, event), next, "the same event again changes nothing");
  const reviewed = withStatusEvent(next, ORG, { ...event, status: "reviewed", previousStatus: "completed" });
  assert.deepEqual(reviewed.waiting, []);
  assert.deepEqual(reviewed.counts, { scheduled: 1, in_progress: 0, completed: 0, reviewed: 1 });
});

Deno.test("a new interview is counted and listed first", () => {
  const next = withStatusEvent(home, ORG, {
    interviewId: "i2",
    title: "Ops",
    status: "draft",
    previousStatus: null,
    at: "2026-11-30T11:00:00.000Z",
  });
  assert.equal(next.counts.draft, 1);
  assert.deepEqual(next.activity.map((i) => i.id), ["i2", "i1"]);
});

Deno.test("the dashboard counts every interview status, in the contract's order", () => {
  assert.deepEqual([...STATUSES], [...INTERVIEW_STATUSES]);
});
