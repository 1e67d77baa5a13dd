import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { notifications } from "../../db/schema/notifications";
import { requirementSets } from "../../db/schema/requirements";
import { loader as rootLoader } from "~/root";
import { notificationText } from "~/components/notification-text";
import { getNotificationPreferences, notify, type NotificationEvent } from "~/models/notifications.server";
import { action as preferencesAction, loader as preferencesLoader } from "~/routes/account.notifications";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications._index";
import { loader as setPageLoader } from "~/routes/sets.$setId._index";
import { database, db } from "~/utils/db.server";
import { makeTranslator } from "~/utils/i18n";
import { requestStore } from "~/utils/request-store.server";

import { createCollaboration, createMember, createRegion, signInAs } from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";

import { newSet } from "./set-helpers";

/** The /notifications and /account/notifications routes and the header's unread count, through their real handlers. */

type ListBody = {
  page: number;
  hasOlder: boolean;
  unread: number;
  notifications: Array<{ id: string; count: number; unread: boolean; params: Record<string, string | number> }>;
};

async function regionWithSet() {
  const region = await createRegion();
  const author = await createMember(region.id, "editor");
  const reader = await createMember(region.id, "viewer");
  const setId = await newSet(region.id, author.id, "Vårdinformationssystem");
  return { region, author, reader, setId };
}

function commentEvent(setId: string, recipients: string[], actorUserId: string): NotificationEvent {
  return {
    recipientUserIds: recipients,
    actorUserId,
    kind: "comment",
    setId,
    groupKey: `comment:${setId}`,
    params: { set: "Vårdinformationssystem", actor: "Anna Andersson" },
    link: `/sets/${setId}/comments`,
  };
}

function send(event: NotificationEvent) {
  return db.transaction((tx) => notify(tx, event));
}

async function list(userId: string, query = "") {
  const { cookie } = await signInAs(userId);
  const result = await callRoute(notificationsLoader, buildRequest(`/notifications${query}`, { cookie }));
  expect(result.status).toBe(200);
  return result.body as ListBody;
}

async function post(userId: string, form: Record<string, string>) {
  const { cookie } = await signInAs(userId);
  return callRoute(notificationsAction, buildRequest("/notifications", { method: "POST", cookie, form }));
}

async function headerCount(userId: string) {
  const { cookie } = await signInAs(userId);
  const result = await callRoute(rootLoader, buildRequest("/", { cookie }));
  return (result.body as { unreadNotifications: number }).unreadNotifications;
}

async function readAtOf(id: string) {
  const [row] = await db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, id));
  return row?.readAt ?? null;
}

describe("/notifications", () => {
  test("lists only the user's own notifications, unread marked, and the header counts them", async () => {
    const { region, author, reader, setId } = await regionWithSet();
    const colleague = await createMember(region.id, "viewer");
    const otherSetId = await newSet(region.id, author.id, "Andra");
    await send(commentEvent(setId, [reader.id, colleague.id], author.id));
    await send(commentEvent(setId, [reader.id], author.id));
    await send(commentEvent(otherSetId, [colleague.id], author.id));

    const body = await list(reader.id);
    expect(body.notifications.map((item) => [item.count, item.unread])).toEqual([[2, true]]);
    expect(body.unread).toBe(1);
    expect(await headerCount(reader.id)).toBe(1);
    expect(await headerCount(colleague.id)).toBe(2);
  });

  test("Öppna marks read and goes to the link; the header count drops", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send(commentEvent(setId, [reader.id], author.id));
    const [item] = (await list(reader.id)).notifications;
    if (!item) throw new Error("no notification");
    const result = await post(reader.id, { intent: "open", id: item.id });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/sets/${setId}/comments`);
    expect(await readAtOf(item.id)).not.toBeNull();
    expect(await headerCount(reader.id)).toBe(0);
    expect((await list(reader.id)).notifications[0]?.unread).toBe(false);
  });

  test("another user's notification id changes nothing, whether opened or marked read", async () => {
    const { region, author, reader, setId } = await regionWithSet();
    const colleague = await createMember(region.id, "viewer");
    await send(commentEvent(setId, [reader.id], author.id));
    const [item] = (await list(reader.id)).notifications;
    if (!item) throw new Error("no notification");

    const opened = await post(colleague.id, { intent: "open", id: item.id });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/notifications");
    const marked = await post(colleague.id, { intent: "read", id: item.id });
    expect(marked.status).toBe(302);
    await post(colleague.id, { intent: "read-all" });
    expect(await readAtOf(item.id)).toBeNull();
    expect(await headerCount(reader.id)).toBe(1);
  });

  test("Markera som läst and Markera alla som lästa", async () => {
    const { region, author, reader, setId } = await regionWithSet();
    const otherSetId = await newSet(region.id, author.id, "Andra");
    const thirdSetId = await newSet(region.id, author.id, "Tredje");
    for (const id of [setId, otherSetId, thirdSetId]) await send(commentEvent(id, [reader.id], author.id));
    const [first] = (await list(reader.id)).notifications;
    if (!first) throw new Error("no notification");
    const marked = await post(reader.id, { intent: "read", id: first.id });
    expect(marked.status).toBe(302);
    expect(marked.headers.get("Location")).toBe("/notifications");
    expect(await headerCount(reader.id)).toBe(2);
    const all = await post(reader.id, { intent: "read-all" });
    expect(all.status).toBe(302);
    expect(await headerCount(reader.id)).toBe(0);
  });

  test("bad input is a 400, never a 500", async () => {
    const { reader } = await regionWithSet();
    expect((await post(reader.id, {})).status).toBe(400);
    expect((await post(reader.id, { intent: "delete-everything" })).status).toBe(400);
    expect((await post(reader.id, { intent: "open", id: "1; drop table notifications" })).status).toBe(400);
    expect((await post(reader.id, { intent: "read" })).status).toBe(400);
  });

  test("a set un-shared from the user's region takes its notifications out of the list and the header", async () => {
    const { region, author, setId } = await regionWithSet();
    const partnerRegion = await createRegion();
    const partner = await createMember(partnerRegion.id, "viewer");
    const collaboration = await createCollaboration([region.id, partnerRegion.id]);
    await db
      .update(requirementSets)
      .set({ visibility: "collaboration", collaborationId: collaboration.id })
      .where(eq(requirementSets.id, setId));
    await send(commentEvent(setId, [partner.id], author.id));
    expect(await headerCount(partner.id)).toBe(1);
    const [item] = (await list(partner.id)).notifications;
    if (!item) throw new Error("no notification");

    await db
      .update(requirementSets)
      .set({ visibility: "private", collaborationId: null })
      .where(eq(requirementSets.id, setId));
    expect(await headerCount(partner.id)).toBe(0);
    expect((await list(partner.id)).notifications).toHaveLength(0);
    const opened = await post(partner.id, { intent: "open", id: item.id });
    expect(opened.headers.get("Location")).toBe("/notifications");
  });

  test("pages of 30 with Visa äldre; a bad page number is the first page", async () => {
    const { region, author, reader } = await regionWithSet();
    for (let index = 0; index < 32; index += 1) {
      const setId = await newSet(region.id, author.id, `Uppsättning ${index}`);
      await send(commentEvent(setId, [reader.id], author.id));
    }
    const first = await list(reader.id);
    expect([first.notifications.length, first.hasOlder, first.page]).toEqual([30, true, 1]);
    const second = await list(reader.id, "?page=2");
    expect([second.notifications.length, second.hasOlder, second.page]).toEqual([2, false, 2]);
    const ids = new Set([...first.notifications, ...second.notifications].map((item) => item.id));
    expect(ids.size).toBe(32);
    expect((await list(reader.id, "?page=abc")).page).toBe(1);
    expect((await list(reader.id, "?page=-3")).page).toBe(1);
  });

  test("the header's count rides on the session lookup: the set page still costs 4 statements", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send(commentEvent(setId, [reader.id], author.id));
    const { cookie } = await signInAs(reader.id);
    const request = buildRequest(`/sets/${setId}`, { cookie });
    const before = database.queryCounter.count;
    const [root, page] = await requestStore.run({ requestId: "count" }, () =>
      Promise.all([callRoute(rootLoader, request), callRoute(setPageLoader, request, { setId })]),
    );
    expect(database.queryCounter.count - before).toBe(4);
    expect(page.status).toBe(200);
    expect((root.body as { unreadNotifications: number }).unreadNotifications).toBe(1);
  });

  test("anonymous visitors are sent to sign in", async () => {
    const result = await callRoute(notificationsLoader, buildRequest("/notifications"));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toContain("/login");
  });
});

describe("/account/notifications", () => {
  const valid = {
    review_requested: "on",
    review_decision: "digest",
    comment: "digest",
    mention: "on",
    source_changed: "off",
  };

  test("shows every kind as on by default and saves a choice per kind", async () => {
    const { reader } = await regionWithSet();
    const { cookie } = await signInAs(reader.id);
    const before = await callRoute(preferencesLoader, buildRequest("/account/notifications", { cookie }));
    expect(before.body).toEqual({
      preferences: {
        review_requested: "on",
        review_decision: "on",
        comment: "on",
        mention: "on",
        source_changed: "on",
      },
    });
    const saved = await callRoute(
      preferencesAction,
      buildRequest("/account/notifications", { method: "POST", cookie, form: valid }),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/account/notifications");
    const after = await callRoute(preferencesLoader, buildRequest("/account/notifications", { cookie }));
    expect(after.body).toEqual({ preferences: valid });
  });

  test("a bad or missing value is a 400 with a translated field error, and nothing is saved", async () => {
    const { reader } = await regionWithSet();
    const { cookie } = await signInAs(reader.id);
    for (const form of [{ ...valid, comment: "sometimes" }, { ...valid, mention: "" }, { review_requested: "off" }]) {
      const result = await callRoute(
        preferencesAction,
        buildRequest("/account/notifications", { method: "POST", cookie, form }),
      );
      expect(result.status).toBe(400);
      const errors = (result.body as { result: { error: Record<string, string[]> } }).result.error;
      expect(Object.values(errors).flat()).toContain("notifications.preferences.invalid");
    }
    expect(await getNotificationPreferences({ userId: reader.id })).toEqual({
      review_requested: "on",
      review_decision: "on",
      comment: "on",
      mention: "on",
      source_changed: "on",
    });
  });

  test("a saved preference changes what notify stores", async () => {
    const { author, reader, setId } = await regionWithSet();
    const { cookie } = await signInAs(reader.id);
    await callRoute(
      preferencesAction,
      buildRequest("/account/notifications", { method: "POST", cookie, form: { ...valid, comment: "off" } }),
    );
    await send(commentEvent(setId, [reader.id], author.id));
    expect((await list(reader.id)).notifications).toHaveLength(0);
  });
});

describe("notification texts", () => {
  const sv = makeTranslator("sv");
  const en = makeTranslator("en");
  const base = { params: { set: "VIS", actor: "Anna", ref: "SÄK-004", due: "2026-12-01" }, digestDay: null };

  test("one event and a burst read differently, in Swedish and English", () => {
    expect(notificationText(sv, { ...base, kind: "comment", count: 1 })).toBe("Ny kommentar på VIS");
    expect(notificationText(sv, { ...base, kind: "comment", count: 10 })).toBe("10 nya kommentarer på VIS");
    expect(notificationText(en, { ...base, kind: "comment", count: 10 })).toBe("10 new comments on VIS");
    expect(notificationText(sv, { ...base, kind: "mention", count: 1 })).toBe(
      "Anna nämnde dig i en kommentar om SÄK-004",
    );
    expect(notificationText(sv, { ...base, kind: "source_changed", count: 1 })).toBe("Källan till SÄK-004 har ändrats");
  });

  test("review texts name the decision and the due date", () => {
    expect(notificationText(sv, { ...base, kind: "review_requested", count: 1 })).toBe(
      `Du är inbjuden att granska VIS (senast ${sv.date("2026-12-01T12:00:00Z")})`,
    );
    const decision = (value: string) => ({ ...base, params: { ...base.params, decision: value } });
    expect(notificationText(sv, { ...decision("approve"), kind: "review_decision", count: 1 })).toBe(
      "Anna har godkänt VIS",
    );
    expect(notificationText(sv, { ...decision("request_changes"), kind: "review_decision", count: 1 })).toBe(
      "Anna har begärt ändringar i VIS",
    );
    expect(notificationText(sv, { ...decision("approve"), kind: "review_decision", count: 3 })).toBe(
      "3 nya granskningsbeslut om VIS",
    );
  });

  test("a digest names its day and count", () => {
    const day = sv.date("2026-11-26T12:00:00Z");
    expect(notificationText(sv, { ...base, kind: "comment", count: 4, digestDay: "2026-11-26" })).toBe(
      `Sammanfattning för ${day}: 4 nya kommentarer på VIS`,
    );
    expect(notificationText(sv, { ...base, kind: "comment", count: 1, digestDay: "2026-11-26" })).toBe(
      `Sammanfattning för ${day}: 1 ny kommentar på VIS`,
    );
  });

  test("a missing actor reads as someone", () => {
    expect(notificationText(sv, { ...base, params: { ref: "SÄK-004" }, kind: "mention", count: 1 })).toBe(
      "Någon nämnde dig i en kommentar om SÄK-004",
    );
  });
});
