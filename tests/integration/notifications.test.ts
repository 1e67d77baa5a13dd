import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { notifications } from "../../db/schema/notifications";
import { requirementSets } from "../../db/schema/requirements";
import {
  countUnreadNotifications,
  getNotificationPreferences,
  listNotifications,
  markNotificationsRead,
  notify,
  openNotification,
  setNotificationPreferences,
  usersWhoCanSeeSet,
  type NotificationEvent,
} from "~/models/notifications.server";
import { database, db } from "~/utils/db.server";

import { addMembership, createCollaboration, createMember, createRegion } from "../support/factories";

import { newSet, principalFor } from "./set-helpers";

/**
 * The notification model: who hears of an event (never the actor, never someone who cannot see
 * the set, not those who turned the kind off), how bursts are grouped and digests collected,
 * and that reading and listing only ever touch the user's own notifications.
 */

async function regionWithSet(title = "Vårdinformationssystem") {
  const region = await createRegion();
  const author = await createMember(region.id, "editor");
  const reader = await createMember(region.id, "viewer");
  const setId = await newSet(region.id, author.id, title);
  return { region, author, reader, setId };
}

function commentEvent(setId: string, recipients: string[], actorUserId: string | null): NotificationEvent {
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

function rowsOf(userId: string) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt);
}

async function unreadOf(user: { id: string; isPlatformAdmin: boolean }) {
  return countUnreadNotifications({ principal: await principalFor(user) });
}

async function listOf(user: { id: string; isPlatformAdmin: boolean }) {
  return (await listNotifications({ principal: await principalFor(user) })).items;
}

/** Moves a notification's events back in time, as if they had happened `minutes` ago. */
async function age(id: string, minutes: number) {
  await db
    .update(notifications)
    .set({
      createdAt: sql`now() - make_interval(mins => ${minutes})`,
      lastEventAt: sql`now() - make_interval(mins => ${minutes})`,
    })
    .where(eq(notifications.id, id));
}

describe("grouping bursts", () => {
  test("ten comments on one set within an hour are one notification with count 10", async () => {
    const { author, reader, setId } = await regionWithSet();
    for (let index = 0; index < 10; index += 1) await send(commentEvent(setId, [reader.id], author.id));
    const rows = await rowsOf(reader.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.count).toBe(10);
    expect(await unreadOf(reader)).toBe(1);
    const [listed] = await listOf(reader);
    expect(listed).toMatchObject({ kind: "comment", count: 10, readAt: null, digestDay: null });
  });

  test("an event more than an hour after the last one starts a new notification", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send(commentEvent(setId, [reader.id], author.id));
    const [first] = await rowsOf(reader.id);
    if (!first) throw new Error("no notification");
    await age(first.id, 61);
    await send(commentEvent(setId, [reader.id], author.id));
    const rows = await rowsOf(reader.id);
    expect(rows.map((row) => row.count)).toEqual([1, 1]);
    expect(await unreadOf(reader)).toBe(2);
  });

  test("an event within the hour but after the notification was read starts a new one", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send(commentEvent(setId, [reader.id], author.id));
    await send(commentEvent(setId, [reader.id], author.id));
    expect(await markNotificationsRead({ userId: reader.id, ids: "all" })).toBe(1);
    await send(commentEvent(setId, [reader.id], author.id));
    const rows = await rowsOf(reader.id);
    expect(rows.map((row) => [row.count, row.readAt === null])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await unreadOf(reader)).toBe(1);
  });

  test("comments on different sets are separate notifications, newest first", async () => {
    const { region, author, reader, setId } = await regionWithSet();
    const otherSetId = await newSet(region.id, author.id, "Andra uppsättningen");
    await send(commentEvent(setId, [reader.id], author.id));
    await send(commentEvent(otherSetId, [reader.id], author.id));
    await send(commentEvent(otherSetId, [reader.id], author.id));
    const rows = await rowsOf(reader.id);
    expect(rows).toHaveLength(2);
    const listed = await listOf(reader);
    expect(listed.map((item) => item.count)).toEqual([2, 1]);
  });

  test("a group key shared by two sets still gives one notification per set", async () => {
    const { region, author, reader, setId } = await regionWithSet();
    const otherSetId = await newSet(region.id, author.id, "Andra uppsättningen");
    await send({ ...commentEvent(setId, [reader.id], author.id), groupKey: "same" });
    await send({ ...commentEvent(otherSetId, [reader.id], author.id), groupKey: "same" });
    expect((await rowsOf(reader.id)).map((row) => row.setId).sort()).toEqual([setId, otherSetId].sort());
  });

  test("the latest event's parameters and link are shown for a group", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send(commentEvent(setId, [reader.id], author.id));
    await send({
      ...commentEvent(setId, [reader.id], author.id),
      params: { set: "Nytt namn", actor: "Bo" },
      link: `/sets/${setId}/comments#c2`,
    });
    const [row] = await rowsOf(reader.id);
    expect(row).toMatchObject({
      count: 2,
      params: { set: "Nytt namn", actor: "Bo" },
      link: `/sets/${setId}/comments#c2`,
    });
  });
});

describe("who is notified", () => {
  test("the actor is never notified, even when listed as a recipient", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send(commentEvent(setId, [author.id, reader.id, reader.id], author.id));
    expect(await rowsOf(author.id)).toHaveLength(0);
    expect((await rowsOf(reader.id)).map((row) => row.count)).toEqual([1]);
  });

  test("recipients who cannot see the set are dropped: another region's private set", async () => {
    const { author, reader, setId } = await regionWithSet();
    const otherRegion = await createRegion();
    const outsider = await createMember(otherRegion.id, "admin");
    await send(commentEvent(setId, [reader.id, outsider.id], author.id));
    expect(await rowsOf(outsider.id)).toHaveLength(0);
    expect(await rowsOf(reader.id)).toHaveLength(1);
    expect(await usersWhoCanSeeSet(db, setId, [reader.id, outsider.id])).toEqual([reader.id]);
  });

  test("a set shared with a collaboration reaches its other regions and steering group", async () => {
    const { region, author, setId } = await regionWithSet();
    const partnerRegion = await createRegion();
    const partner = await createMember(partnerRegion.id, "viewer");
    const collaboration = await createCollaboration([region.id, partnerRegion.id]);
    await db
      .update(requirementSets)
      .set({ visibility: "collaboration", collaborationId: collaboration.id })
      .where(eq(requirementSets.id, setId));
    await send(commentEvent(setId, [partner.id], author.id));
    expect(await rowsOf(partner.id)).toHaveLength(1);
  });

  test("after a set is un-shared, its notifications leave the other region's list and count", async () => {
    const { region, author, setId } = await regionWithSet();
    const partnerRegion = await createRegion();
    const partner = await createMember(partnerRegion.id, "viewer");
    const collaboration = await createCollaboration([region.id, partnerRegion.id]);
    await db
      .update(requirementSets)
      .set({ visibility: "collaboration", collaborationId: collaboration.id })
      .where(eq(requirementSets.id, setId));
    await send(commentEvent(setId, [partner.id], author.id));
    expect(await unreadOf(partner)).toBe(1);
    expect(await listOf(partner)).toHaveLength(1);

    await db
      .update(requirementSets)
      .set({ visibility: "private", collaborationId: null })
      .where(eq(requirementSets.id, setId));
    expect(await unreadOf(partner)).toBe(0);
    expect(await listOf(partner)).toHaveLength(0);
    const [row] = await rowsOf(partner.id);
    if (!row) throw new Error("no notification");
    expect(await openNotification({ principal: await principalFor(partner), id: row.id })).toBeNull();
    // Nor does a new event reach the partner.
    await send(commentEvent(setId, [partner.id], author.id));
    expect((await rowsOf(partner.id)).map((item) => item.count)).toEqual([1]);
  });

  test("someone who joins the owning region sees the set's notifications again", async () => {
    const { region, author, setId } = await regionWithSet();
    const partnerRegion = await createRegion();
    const partner = await createMember(partnerRegion.id, "viewer");
    await send(commentEvent(setId, [partner.id], author.id));
    expect(await rowsOf(partner.id)).toHaveLength(0);
    await addMembership(partner.id, region.id, "viewer");
    await send(commentEvent(setId, [partner.id], author.id));
    expect(await unreadOf(partner)).toBe(1);
  });
});

describe("preferences", () => {
  test("no choices means every kind is on; choices round-trip", async () => {
    const { reader } = await regionWithSet();
    expect(await getNotificationPreferences({ userId: reader.id })).toEqual({
      review_requested: "on",
      review_decision: "on",
      comment: "on",
      mention: "on",
      source_changed: "on",
    });
    const chosen = {
      review_requested: "on",
      review_decision: "digest",
      comment: "off",
      mention: "on",
      source_changed: "digest",
    } as const;
    await setNotificationPreferences({ userId: reader.id, preferences: chosen });
    expect(await getNotificationPreferences({ userId: reader.id })).toEqual(chosen);
    await setNotificationPreferences({ userId: reader.id, preferences: { ...chosen, comment: "on" } });
    expect((await getNotificationPreferences({ userId: reader.id })).comment).toBe("on");
  });

  test("a kind turned off stores nothing; other kinds still arrive", async () => {
    const { author, reader, setId } = await regionWithSet();
    const preferences = await getNotificationPreferences({ userId: reader.id });
    await setNotificationPreferences({ userId: reader.id, preferences: { ...preferences, comment: "off" } });
    await send(commentEvent(setId, [reader.id], author.id));
    expect(await rowsOf(reader.id)).toHaveLength(0);
    await send({
      ...commentEvent(setId, [reader.id], author.id),
      kind: "mention",
      groupKey: "mention:c1",
      params: { actor: "Anna", ref: "SÄK-004", set: "VIS" },
    });
    expect((await rowsOf(reader.id)).map((row) => row.kind)).toEqual(["mention"]);
  });

  test("one person's choice does not change what others get", async () => {
    const { author, reader, region, setId } = await regionWithSet();
    const colleague = await createMember(region.id, "viewer");
    const preferences = await getNotificationPreferences({ userId: reader.id });
    await setNotificationPreferences({ userId: reader.id, preferences: { ...preferences, comment: "off" } });
    await send(commentEvent(setId, [reader.id, colleague.id], author.id));
    expect(await rowsOf(reader.id)).toHaveLength(0);
    expect(await rowsOf(colleague.id)).toHaveLength(1);
  });
});

/** Date and hour of an instant in Swedish time, e.g. ["2026-11-27", "07:00"]. */
function stockholm(value: Date): [string, string] {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(value);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? "";
  return [`${part("year")}-${part("month")}-${part("day")}`, `${part("hour")}:${part("minute")}`];
}

describe("daily digest", () => {
  test("digest events gather in one row per day and set, visible the next morning at 07:00 Swedish time", async () => {
    const { author, reader, setId } = await regionWithSet();
    const preferences = await getNotificationPreferences({ userId: reader.id });
    await setNotificationPreferences({ userId: reader.id, preferences: { ...preferences, comment: "digest" } });
    for (let index = 0; index < 3; index += 1) await send(commentEvent(setId, [reader.id], author.id));

    const rows = await rowsOf(reader.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    if (!row) throw new Error("no digest");
    expect(row.count).toBe(3);
    const [today] = stockholm(new Date());
    expect(row.digestDay).toBe(today);
    const [visibleDay, visibleTime] = stockholm(row.visibleFrom);
    expect(visibleTime).toBe("07:00");
    const tomorrow = stockholm(new Date(new Date(`${today}T12:00:00Z`).getTime() + 24 * 3600 * 1000))[0];
    expect(visibleDay).toBe(tomorrow);

    // Not shown, counted or markable before the morning.
    expect(await listOf(reader)).toHaveLength(0);
    expect(await unreadOf(reader)).toBe(0);
    expect(await markNotificationsRead({ userId: reader.id, ids: "all" })).toBe(0);

    await db
      .update(notifications)
      .set({ visibleFrom: sql`now() - interval '1 minute'` })
      .where(eq(notifications.id, row.id));
    const listed = await listOf(reader);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ count: 3, digestDay: today, kind: "comment" });
    expect(await unreadOf(reader)).toBe(1);
  });

  test("digests of different sets and kinds are separate rows; instant kinds stay instant", async () => {
    const { region, author, reader, setId } = await regionWithSet();
    const otherSetId = await newSet(region.id, author.id, "Andra");
    const preferences = await getNotificationPreferences({ userId: reader.id });
    await setNotificationPreferences({ userId: reader.id, preferences: { ...preferences, comment: "digest" } });
    await send(commentEvent(setId, [reader.id], author.id));
    await send(commentEvent(otherSetId, [reader.id], author.id));
    await send({ ...commentEvent(setId, [reader.id], author.id), kind: "mention", groupKey: "mention:1" });
    const rows = await rowsOf(reader.id);
    expect(rows.filter((row) => row.digestDay !== null)).toHaveLength(2);
    expect(rows.filter((row) => row.digestDay === null).map((row) => row.kind)).toEqual(["mention"]);
    expect(await unreadOf(reader)).toBe(1);
  });
});

describe("reading", () => {
  test("marking read by id only affects the user's own notifications", async () => {
    const { author, reader, region, setId } = await regionWithSet();
    const colleague = await createMember(region.id, "viewer");
    await send(commentEvent(setId, [reader.id, colleague.id], author.id));
    const [readerRow] = await rowsOf(reader.id);
    if (!readerRow) throw new Error("no notification");
    expect(await markNotificationsRead({ userId: colleague.id, ids: [readerRow.id] })).toBe(0);
    expect(await unreadOf(reader)).toBe(1);
    expect(await markNotificationsRead({ userId: reader.id, ids: [readerRow.id] })).toBe(1);
    expect(await unreadOf(reader)).toBe(0);
    expect(await unreadOf(colleague)).toBe(1);
    expect(await markNotificationsRead({ userId: reader.id, ids: [] })).toBe(0);
  });

  test("mark all read leaves other people's notifications unread", async () => {
    const { author, reader, region, setId } = await regionWithSet();
    const colleague = await createMember(region.id, "viewer");
    const otherSetId = await newSet(region.id, author.id, "Andra");
    await send(commentEvent(setId, [reader.id, colleague.id], author.id));
    await send(commentEvent(otherSetId, [reader.id, colleague.id], author.id));
    expect(await markNotificationsRead({ userId: reader.id, ids: "all" })).toBe(2);
    expect(await unreadOf(reader)).toBe(0);
    expect(await unreadOf(colleague)).toBe(2);
  });

  test("opening marks one's own notification read and gives its link; another's id gives nothing", async () => {
    const { author, reader, region, setId } = await regionWithSet();
    const colleague = await createMember(region.id, "viewer");
    await send(commentEvent(setId, [reader.id, colleague.id], author.id));
    const [readerRow] = await rowsOf(reader.id);
    if (!readerRow) throw new Error("no notification");
    expect(await openNotification({ principal: await principalFor(colleague), id: readerRow.id })).toBeNull();
    expect(await unreadOf(reader)).toBe(1);
    expect(await openNotification({ principal: await principalFor(reader), id: readerRow.id })).toBe(
      `/sets/${setId}/comments`,
    );
    expect(await unreadOf(reader)).toBe(0);
    // Opening again still leads there, and keeps the first reading time.
    const [before] = await rowsOf(reader.id);
    expect(await openNotification({ principal: await principalFor(reader), id: readerRow.id })).toBe(
      `/sets/${setId}/comments`,
    );
    const [after] = await rowsOf(reader.id);
    expect(after?.readAt).toEqual(before?.readAt);
  });

  test("a link that would leave Samkrav is never given out", async () => {
    const { author, reader, setId } = await regionWithSet();
    await send({ ...commentEvent(setId, [reader.id], author.id), link: "//evil.example/" });
    await send({ ...commentEvent(setId, [reader.id], author.id), groupKey: "other", link: "/\\evil.example/" });
    const principal = await principalFor(reader);
    for (const row of await rowsOf(reader.id)) {
      expect(await openNotification({ principal, id: row.id })).toBe("/notifications");
    }
  });

  test("the list pages newest first and says whether there are older ones", async () => {
    const { region, author, reader } = await regionWithSet();
    const setIds: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const setId = await newSet(region.id, author.id, `Uppsättning ${index}`);
      setIds.push(setId);
      await send(commentEvent(setId, [reader.id], author.id));
      const [row] = (await rowsOf(reader.id)).filter((item) => item.setId === setId);
      if (row) await age(row.id, 50 - index);
    }
    const principal = await principalFor(reader);
    const first = await listNotifications({ principal, limit: 2 });
    const second = await listNotifications({ principal, limit: 2, offset: 2 });
    const third = await listNotifications({ principal, limit: 2, offset: 4 });
    expect([first.hasOlder, second.hasOlder, third.hasOlder]).toEqual([true, true, false]);
    const ids = [...first.items, ...second.items, ...third.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(5);
    const order = await rowsOf(reader.id);
    const setOf = new Map(order.map((row) => [row.id, row.setId]));
    expect(ids.map((id) => setOf.get(id))).toEqual([...setIds].reverse());
  });
});

describe("concurrency", () => {
  test("parallel events of one group end as one notification with the right count", async () => {
    const { author, reader, setId } = await regionWithSet();
    // On PostgreSQL these transactions overlap on several connections; PGlite runs them one by one.
    await Promise.all(Array.from({ length: 12 }, () => send(commentEvent(setId, [reader.id], author.id))));
    const rows = await rowsOf(reader.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.count).toBe(12);
  });

  test("parallel events for the same people in different orders neither deadlock nor split", async () => {
    const { region, author, setId } = await regionWithSet();
    const people = [];
    for (let index = 0; index < 4; index += 1) people.push(await createMember(region.id, "viewer"));
    const ids = people.map((person) => person.id);
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        send(commentEvent(setId, index % 2 === 0 ? ids : [...ids].reverse(), author.id)),
      ),
    );
    for (const person of people) {
      expect((await rowsOf(person.id)).map((row) => row.count)).toEqual([10]);
    }
  });

  test.skipIf(database.kind !== "postgres")(
    "PostgreSQL really runs the parallel notify calls on several connections",
    async () => {
      const { author, reader, setId } = await regionWithSet();
      // Each transaction holds the group lock until it commits; with a pause inside, the others must wait.
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 3 }, () =>
          db.transaction(async (tx) => {
            await notify(tx, commentEvent(setId, [reader.id], author.id));
            await tx.execute(sql`select pg_sleep(0.2)`);
          }),
        ),
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      expect((await rowsOf(reader.id)).map((row) => row.count)).toEqual([3]);
    },
  );
});
