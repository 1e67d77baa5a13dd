import { count, eq, isNotNull, sql } from "drizzle-orm";
import { expect, test } from "vitest";

import { rowsOf } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";

import { users } from "../../db/schema/accounts";
import { commentMentions, commentRevisions, comments } from "../../db/schema/comments";
import { notifications } from "../../db/schema/notifications";
import { DEMO_COMMENTS, seedDemoComments } from "../../db/seed/demo-comments";
import { seedDemoData } from "../../db/seed/seed";

// The harness gives this file a fresh, migrated database.

async function commentCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(comments);
  return row?.n ?? 0;
}

test("demo comments: threads from several regions with a reply chain, a mention, an edit and a resolved thread; idempotent", async () => {
  await seedDemoData(db, { passwordHash: "x" });
  await seedDemoComments();
  const expected = DEMO_COMMENTS.flatMap((set) => set.threads).reduce(
    (sum, thread) => sum + 1 + (thread.replies?.length ?? 0),
    0,
  );
  expect(await commentCount()).toBe(expected);

  // The comment authors come from several regions, not only the owners.
  const authorRegions = rowsOf<{ slug: string }>(
    await db.execute(sql`select distinct r.slug from comments c
      join memberships m on m.user_id = c.author_user_id join regions r on r.id = m.region_id`),
  );
  expect(authorRegions.length).toBeGreaterThanOrEqual(6);

  const resolved = await db.select({ id: comments.id }).from(comments).where(isNotNull(comments.resolvedAt));
  expect(resolved.length).toBeGreaterThanOrEqual(2);
  const revisions = await db.select().from(commentRevisions);
  expect(revisions).toHaveLength(1);
  const mentioned = await db
    .select({ name: users.name })
    .from(commentMentions)
    .innerJoin(users, eq(users.id, commentMentions.userId));
  expect(mentioned.map((row) => row.name).sort()).toEqual(["Lars Nilsson", "Oskar Pettersson"]);
  const [lars] = await db.select({ id: users.id }).from(users).where(eq(users.email, "lars.nilsson@vgr.example.se"));
  const larsMentions = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, lars?.id ?? ""));
  expect(larsMentions.some((row) => row.kind === "mention")).toBe(true);

  await seedDemoComments();
  expect(await commentCount()).toBe(expected);
});
