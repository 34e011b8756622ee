import assert from "node:assert/strict";
import { fromBroadcast, kindKey, withIncoming } from "./notifications.ts";
import { NOTIFICATION_KINDS } from "../../api/contract/notification_kinds.ts";
import { fr } from "../i18n/fr.ts";
import { en } from "../i18n/en.ts";

Deno.test("every event has its own label in French and English; an unknown one a generic label", () => {
  const labels = new Set<string>();
  for (const kind of NOTIFICATION_KINDS) {
    const key = kindKey(kind);
    assert.notEqual(key, "notificationKind_other", kind);
    labels.add(fr[key]);
    assert.ok(en[key], kind);
  }
  assert.equal(labels.size, NOTIFICATION_KINDS.length);
  assert.equal(kindKey("something.new"), "notificationKind_other");
});

Deno.test("a notification broadcast twice (a reconnection) is listed and counted once", () => {
  const payload = {
    notificationId: "60000000-0000-4000-a000-000000000001",
    organizationId: "0a000000-0000-4000-a000-00000000000a",
    kind: "interview.completed",
    title: "Backend",
    body: "",
    link:
      "/organizations/0a000000-0000-4000-a000-00000000000a/interviews/10000000-0000-4000-a000-000000000001",
    payload: { interviewId: "10000000-0000-4000-a000-000000000001" },
    createdAt: "2026-11-30T10:00:00.123456+00:00",
    id: "message id added by realtime.send",
  };
  const item = fromBroadcast(payload);
  assert.equal(item.id, payload.notificationId);
  assert.equal(item.link, payload.link);
  const once = withIncoming({ unread: 3, items: [] }, item);
  assert.equal(once.unread, 4);
  assert.equal(withIncoming(once, fromBroadcast(payload)), once);
});
