import { and, asc, eq, isNull, sql } from "drizzle-orm";

import { requirements, setChanges, setSections } from "../../db/schema/requirements";
import { rowsOf, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";

import { lockEditableSet } from "./requirements.server";

/** Sections nest; three levels are what tenders use (kapitel, avsnitt, delavsnitt), we allow six. */
export const MAX_SECTION_DEPTH = 6;

export type SectionNode = {
  id: string;
  parentId: string | null;
  title: string;
  position: number;
  version: number;
  depth: number;
  number: string;
};

/** Live sections of a set in tree order, each with its depth and chapter number ("2.1.3"). */
export async function listSectionTree({ setId }: { setId: string }): Promise<SectionNode[]> {
  const rows = await db
    .select({
      id: setSections.id,
      parentId: setSections.parentId,
      title: setSections.title,
      position: setSections.position,
      version: setSections.version,
    })
    .from(setSections)
    .where(and(eq(setSections.setId, setId), isNull(setSections.deletedAt)))
    .orderBy(asc(setSections.position));
  const children = new Map<string | null, typeof rows>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const ordered: SectionNode[] = [];
  const walk = (parentId: string | null, depth: number, prefix: string) => {
    (children.get(parentId) ?? []).forEach((row, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      ordered.push({ ...row, depth, number });
      walk(row.id, depth + 1, number);
    });
  };
  walk(null, 1, "");
  return ordered;
}

export type SectionWriteResult =
  | { status: "saved" }
  | { status: "conflict"; currentTitle: string; currentVersion: number }
  | { status: "not-found" }
  | { status: "too-deep" }
  | { status: "not-empty" }
  | { status: "no-move" }
  | { status: "not-editable" };

async function parentDepth(tx: Transaction, setId: string, parentId: string | null): Promise<number | null> {
  if (parentId === null) return 0;
  const [row] = rowsOf<{ depth: number }>(
    await tx.execute(sql`
      with recursive up (id, parent_id, depth) as (
        select id, parent_id, 1 from ${setSections} where id = ${parentId} and set_id = ${setId} and deleted_at is null
        union all
        select s.id, s.parent_id, up.depth + 1 from ${setSections} s join up on s.id = up.parent_id
      )
      select max(depth)::int as depth from up`),
  );
  return row?.depth ? Number(row.depth) : null;
}

async function nextPosition(tx: Transaction, setId: string, parentId: string | null): Promise<number> {
  const [row] = rowsOf<{ highest: number | null }>(
    await tx.execute(sql`select max(position) as highest from ${setSections}
      where set_id = ${setId} and parent_id is not distinct from ${parentId}`),
  );
  return Number(row?.highest ?? 0) + 1;
}

export async function createSection({
  setId,
  parentId,
  title,
  actorUserId,
}: {
  setId: string;
  parentId: string | null;
  title: string;
  actorUserId: string;
}): Promise<SectionWriteResult & { sectionId?: string }> {
  return db.transaction(async (tx) => {
    // Serialise structure changes per set (positions are read, then written) and refuse frozen sets.
    if (!(await lockEditableSet(tx, setId))) return { status: "not-editable" } as const;
    const depth = await parentDepth(tx, setId, parentId);
    if (depth === null) return { status: "not-found" } as const;
    if (depth + 1 > MAX_SECTION_DEPTH) return { status: "too-deep" } as const;
    const [created] = await tx
      .insert(setSections)
      .values({ setId, parentId, title, position: await nextPosition(tx, setId, parentId) })
      .returning({ id: setSections.id });
    if (!created) throw new Error("insert returned no row");
    await tx.insert(setChanges).values({
      setId,
      sectionId: created.id,
      kind: "section-created",
      version: 1,
      changes: { title: { old: null, new: title } },
      changedByUserId: actorUserId,
    });
    return { status: "saved", sectionId: created.id } as const;
  });
}

async function sectionConflict(tx: Transaction, sectionId: string): Promise<SectionWriteResult> {
  const [current] = await tx
    .select({ title: setSections.title, version: setSections.version })
    .from(setSections)
    .where(eq(setSections.id, sectionId));
  return current
    ? { status: "conflict", currentTitle: current.title, currentVersion: current.version }
    : { status: "not-found" };
}

export async function renameSection({
  setId,
  sectionId,
  baseVersion,
  title,
  actorUserId,
}: {
  setId: string;
  sectionId: string;
  baseVersion: number;
  title: string;
  actorUserId: string;
}): Promise<SectionWriteResult> {
  return db.transaction(async (tx) => {
    // Serialise structure changes per set (positions are read, then written) and refuse frozen sets.
    if (!(await lockEditableSet(tx, setId))) return { status: "not-editable" } as const;
    const [before] = await tx
      .select({ title: setSections.title })
      .from(setSections)
      .where(eq(setSections.id, sectionId));
    const [updated] = await tx
      .update(setSections)
      .set({ title, version: sql`${setSections.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(setSections.id, sectionId),
          eq(setSections.setId, setId),
          eq(setSections.version, baseVersion),
          isNull(setSections.deletedAt),
        ),
      )
      .returning({ version: setSections.version });
    if (!updated || !before) return sectionConflict(tx, sectionId);
    await tx.insert(setChanges).values({
      setId,
      sectionId,
      kind: "section-renamed",
      version: updated.version,
      changes: { title: { old: before.title, new: title } },
      changedByUserId: actorUserId,
    });
    return { status: "saved" } as const;
  });
}

/** Moves a section one step among its siblings, guarded by its version. */
export async function moveSection({
  setId,
  sectionId,
  baseVersion,
  direction,
  actorUserId,
}: {
  setId: string;
  sectionId: string;
  baseVersion: number;
  direction: "up" | "down";
  actorUserId: string;
}): Promise<SectionWriteResult> {
  return db.transaction(async (tx) => {
    // Serialise structure changes per set (positions are read, then written) and refuse frozen sets.
    if (!(await lockEditableSet(tx, setId))) return { status: "not-editable" } as const;
    const [current] = await tx
      .select({ parentId: setSections.parentId, position: setSections.position, version: setSections.version })
      .from(setSections)
      .where(and(eq(setSections.id, sectionId), eq(setSections.setId, setId), isNull(setSections.deletedAt)))
      .for("update");
    if (!current || current.version !== baseVersion) return sectionConflict(tx, sectionId);
    const [neighbour] = rowsOf<{ id: string; position: number }>(
      await tx.execute(sql`select id, position from ${setSections}
        where set_id = ${setId} and parent_id is not distinct from ${current.parentId} and deleted_at is null
          and ${direction === "up" ? sql`position < ${current.position}` : sql`position > ${current.position}`}
        order by position ${direction === "up" ? sql`desc` : sql`asc`} limit 1`),
    );
    if (!neighbour) return { status: "no-move" } as const;
    await tx
      .update(setSections)
      .set({ position: current.position, version: sql`${setSections.version} + 1` })
      .where(eq(setSections.id, neighbour.id));
    await tx
      .update(setSections)
      .set({ position: neighbour.position, version: sql`${setSections.version} + 1`, updatedAt: new Date() })
      .where(eq(setSections.id, sectionId));
    await tx.insert(setChanges).values({
      setId,
      sectionId,
      kind: "section-moved",
      changes: { position: { old: current.position, new: neighbour.position } },
      changedByUserId: actorUserId,
    });
    return { status: "saved" } as const;
  });
}

/** Soft-deletes an empty section; a section with live requirements or subsections is refused. */
export async function deleteSection({
  setId,
  sectionId,
  baseVersion,
  actorUserId,
}: {
  setId: string;
  sectionId: string;
  baseVersion: number;
  actorUserId: string;
}): Promise<SectionWriteResult> {
  return db.transaction(async (tx) => {
    // Serialise structure changes per set (positions are read, then written) and refuse frozen sets.
    if (!(await lockEditableSet(tx, setId))) return { status: "not-editable" } as const;
    const [contents] = rowsOf<{ items: number }>(
      await tx.execute(sql`select
        (select count(*) from ${requirements} where section_id = ${sectionId} and deleted_at is null)::int +
        (select count(*) from ${setSections} where parent_id = ${sectionId} and deleted_at is null)::int as items`),
    );
    if (Number(contents?.items ?? 0) > 0) return { status: "not-empty" } as const;
    const [updated] = await tx
      .update(setSections)
      .set({ deletedAt: new Date(), version: sql`${setSections.version} + 1` })
      .where(
        and(
          eq(setSections.id, sectionId),
          eq(setSections.setId, setId),
          eq(setSections.version, baseVersion),
          isNull(setSections.deletedAt),
        ),
      )
      .returning({ version: setSections.version });
    if (!updated) return sectionConflict(tx, sectionId);
    await tx.insert(setChanges).values({
      setId,
      sectionId,
      kind: "section-deleted",
      version: updated.version,
      changedByUserId: actorUserId,
    });
    return { status: "saved" } as const;
  });
}
