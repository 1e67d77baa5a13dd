import { and, asc, desc, eq, isNull } from "drizzle-orm";

import { users } from "../../db/schema/accounts";
import { baselines, requirementSets, requirements, setChanges, setSections } from "../../db/schema/requirements";
import type { DbOrTransaction, Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import type { Area, SetSnapshot } from "~/utils/requirement-fields";

/** The working copy of a set as a snapshot: live sections and requirements, in no particular order. */
export async function getWorkingSnapshot(setId: string, tx: DbOrTransaction = db): Promise<SetSnapshot> {
  const [sections, rows] = await Promise.all([
    tx
      .select({
        id: setSections.id,
        parentId: setSections.parentId,
        position: setSections.position,
        title: setSections.title,
      })
      .from(setSections)
      .where(and(eq(setSections.setId, setId), isNull(setSections.deletedAt))),
    tx
      .select({
        id: requirements.id,
        sectionId: requirements.sectionId,
        position: requirements.position,
        ref: requirements.ref,
        title: requirements.title,
        text: requirements.text,
        obligation: requirements.obligation,
        type: requirements.type,
        area: requirements.area,
        rationale: requirements.rationale,
        verification: requirements.verification,
        weight: requirements.weight,
        ambition: requirements.ambition,
        tags: requirements.tags,
        version: requirements.version,
      })
      .from(requirements)
      .where(and(eq(requirements.setId, setId), isNull(requirements.deletedAt))),
  ]);
  // `area` is validated on every write (AreaSchema), so the stored text is one of AREAS.
  return { sections, requirements: rows.map((row) => ({ ...row, area: row.area as Area })) };
}

export async function createBaselineInTransaction(
  tx: Transaction,
  {
    setId,
    name,
    kind,
    setVersion,
    actorUserId,
  }: { setId: string; name: string; kind: "manual" | "review" | "approved"; setVersion: number; actorUserId: string },
): Promise<string> {
  const snapshot = await getWorkingSnapshot(setId, tx);
  const [created] = await tx
    .insert(baselines)
    .values({
      setId,
      name,
      kind,
      setVersion,
      requirementCount: snapshot.requirements.length,
      snapshot,
      createdByUserId: actorUserId,
    })
    .returning({ id: baselines.id });
  if (!created) throw new Error("insert returned no row");
  await tx.insert(setChanges).values({
    setId,
    kind: "baseline",
    changes: { baseline: { old: null, new: name } },
    changedByUserId: actorUserId,
  });
  return created.id;
}

/** A baseline made by hand ("Version till referensgruppen 12 maj"). */
export async function createManualBaseline({
  setId,
  name,
  actorUserId,
}: {
  setId: string;
  name: string;
  actorUserId: string;
}): Promise<string> {
  return db.transaction(async (tx) => {
    const [set] = await tx
      .select({ version: requirementSets.version })
      .from(requirementSets)
      .where(eq(requirementSets.id, setId));
    if (!set) throw new Error("set not found");
    return createBaselineInTransaction(tx, { setId, name, kind: "manual", setVersion: set.version, actorUserId });
  });
}

export async function listBaselines({ setId }: { setId: string }) {
  return db
    .select({
      id: baselines.id,
      name: baselines.name,
      kind: baselines.kind,
      requirementCount: baselines.requirementCount,
      createdAt: baselines.createdAt,
      createdByName: users.name,
    })
    .from(baselines)
    .leftJoin(users, eq(users.id, baselines.createdByUserId))
    .where(eq(baselines.setId, setId))
    .orderBy(desc(baselines.createdAt), asc(baselines.name));
}

export async function getBaseline({ setId, baselineId }: { setId: string; baselineId: string }) {
  const [baseline] = await db
    .select({
      id: baselines.id,
      name: baselines.name,
      kind: baselines.kind,
      requirementCount: baselines.requirementCount,
      snapshot: baselines.snapshot,
      createdAt: baselines.createdAt,
      createdByName: users.name,
    })
    .from(baselines)
    .leftJoin(users, eq(users.id, baselines.createdByUserId))
    .where(and(eq(baselines.id, baselineId), eq(baselines.setId, setId)))
    .limit(1);
  return baseline ?? null;
}
