import { and, count, eq, isNotNull } from "drizzle-orm";
import { expect, test } from "vitest";

import { getProvenance, listChangedSourceCopies } from "~/models/reuse.server";
import { buildPrincipal, loadAccess } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

import { regions, users } from "../../db/schema/accounts";
import { libraryDeclines } from "../../db/schema/library";
import { notifications } from "../../db/schema/notifications";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { seedDemoReuse } from "../../db/seed/demo-reuse";
import { HALLAND_REUSE_SET_TITLE } from "../../db/seed/demo-titles";
import { seedDemoData } from "../../db/seed/seed";

// The harness gives this file a fresh, migrated database.

async function principalOf(email: string) {
  const [row] = await db
    .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return buildPrincipal(row, await loadAccess(row.id));
}

async function setIdOf(regionSlug: string, title: string) {
  const [row] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(regions.slug, regionSlug), eq(requirementSets.title, title)));
  if (!row) throw new Error(`no set ${title}`);
  return row.id;
}

async function copiesIn(setId: string) {
  return db
    .select()
    .from(requirements)
    .where(and(eq(requirements.setId, setId), isNotNull(requirements.sourceRequirementId)));
}

async function reuseCounts() {
  const [copies] = await db
    .select({ n: count() })
    .from(requirements)
    .where(isNotNull(requirements.sourceRequirementId));
  const [declines] = await db.select({ n: count() }).from(libraryDeclines);
  const [notified] = await db
    .select({ n: count() })
    .from(notifications)
    .where(eq(notifications.kind, "source_changed"));
  return { copies: copies?.n, declines: declines?.n, notified: notified?.n };
}

test("demo reuse: copies with provenance in two regions, an adapted and a declined one, a change waiting", async () => {
  await seedDemoData(db, { passwordHash: "x" });
  await seedDemoReuse();

  const halland = await setIdOf("halland", HALLAND_REUSE_SET_TITLE);
  const hallandCopies = await copiesIn(halland);
  expect(hallandCopies).toHaveLength(3);
  const martin = await principalOf("martin.carlsson@halland.example.se");
  const adapted = [];
  for (const copy of hallandCopies) {
    const provenance = await getProvenance({ principal: martin, setId: halland, requirementId: copy.id });
    expect(provenance?.state).toBe("available");
    expect(provenance?.source?.setTitle).toBe("Sussa gemensam kravbild – informationssäkerhet och PDL");
    if (provenance?.adapted) adapted.push(provenance);
  }
  expect(adapted).toHaveLength(1);
  expect(adapted[0]?.adaptationReason).not.toBe("");
  const declines = await db.select().from(libraryDeclines);
  expect(declines).toHaveLength(1);
  expect(declines[0]?.reason).not.toBe("");

  const stockholm = await setIdOf("stockholm", "Kompletterande moduler till huvudjournalsystemet – kravutkast");
  const stockholmCopies = await copiesIn(stockholm);
  expect(stockholmCopies).toHaveLength(2);
  // Stockholm already had an IN-001: the copy of 3R's IN-001 got the next free IN ref.
  expect(stockholmCopies.map((copy) => copy.ref)).not.toContain("IN-001");
  const emma = await principalOf("emma.sandberg@stockholm.example.se");
  const changed = await listChangedSourceCopies({ principal: emma, setId: stockholm });
  expect(changed).toHaveLength(1);
  const [emmaRow] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "emma.sandberg@stockholm.example.se"));
  const emmaNotifications = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, emmaRow?.id ?? ""), eq(notifications.kind, "source_changed")));
  expect(emmaNotifications).toHaveLength(1);

  const before = await reuseCounts();
  await seedDemoReuse();
  expect(await reuseCounts()).toEqual(before);
});
