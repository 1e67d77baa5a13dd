import { and, desc, eq, inArray, isNull, isNotNull, sql } from "drizzle-orm";

import { users } from "../../db/schema/accounts";
import { requirementSets, requirements, setChanges, setSections } from "../../db/schema/requirements";
import { rowsOf, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { EDITABLE_SET_STATUSES } from "~/utils/policy.server";
import {
  COMPARED_FIELDS,
  sameFieldValue,
  type AmbitionLevel,
  type Area,
  type Obligation,
  type RequirementType,
  type VerificationMethod,
} from "~/utils/requirement-fields";

import { notifySourceChanged } from "./reuse.server";

export type RequirementInput = {
  ref: string;
  title: string;
  text: string;
  obligation: Obligation;
  type: RequirementType;
  area: Area;
  rationale: string;
  verification: VerificationMethod;
  weight: number | null;
  ambition: AmbitionLevel | null;
  tags: string[];
};

const requirementColumns = {
  id: requirements.id,
  setId: requirements.setId,
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
  deletedAt: requirements.deletedAt,
  updatedAt: requirements.updatedAt,
  importedAttributes: requirements.importedAttributes,
};

/** Edits land only while the set is editable: a status change racing an edit cannot slip one in. */
function setIsEditable(setId: string) {
  return sql`exists (select 1 from ${requirementSets} where ${requirementSets.id} = ${setId}
    and ${requirementSets.status} in ${EDITABLE_SET_STATUSES} and ${requirementSets.archivedAt} is null)`;
}

/**
 * Takes the set row's lock before a requirement write and says whether the set is editable. Status
 * changes lock the same row, so the two queue: an approval waits for an edit in flight (and its
 * baseline includes it), and an edit arriving after an approval sees the new status. Locking the
 * set first, always, also gives all writes of a set one lock order.
 */
export async function lockEditableSet(tx: Transaction, setId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .where(
      and(
        eq(requirementSets.id, setId),
        inArray(requirementSets.status, [...EDITABLE_SET_STATUSES]),
        isNull(requirementSets.archivedAt),
      ),
    )
    .for("no key update");
  return row !== undefined;
}

async function touchSet(tx: Transaction, setId: string, actorUserId: string) {
  await tx
    .update(requirementSets)
    .set({ updatedAt: new Date(), updatedByUserId: actorUserId })
    .where(eq(requirementSets.id, setId));
}

export async function getRequirement({ setId, requirementId }: { setId: string; requirementId: string }) {
  const updatedBy = users;
  const [row] = await db
    .select({ ...requirementColumns, updatedByName: updatedBy.name })
    .from(requirements)
    .leftJoin(updatedBy, eq(updatedBy.id, requirements.updatedByUserId))
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId)))
    .limit(1);
  return row ?? null;
}

export type RequirementRow = NonNullable<Awaited<ReturnType<typeof getRequirement>>>;

/** Next free ref for an area prefix, e.g. IS-004 after IS-003 (deleted refs are not reused). */
export async function suggestRef({ setId, area }: { setId: string; area: string }): Promise<string> {
  const [row] = rowsOf<{ highest: number | null }>(
    await db.execute(sql`
      select max(substring(${requirements.ref} from ${`^${area}-(\\d+)$`})::int) as highest
      from ${requirements} where ${requirements.setId} = ${setId}`),
  );
  const next = Number(row?.highest ?? 0) + 1;
  return `${area}-${String(next).padStart(3, "0")}`;
}

async function isRefTaken(tx: Transaction, setId: string, ref: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: requirements.id })
    .from(requirements)
    .where(and(eq(requirements.setId, setId), eq(requirements.ref, ref), isNull(requirements.deletedAt)))
    .limit(1);
  return row !== undefined && row.id !== exceptId;
}

export type CreateRequirementResult =
  { status: "created"; requirementId: string } | { status: "duplicate-ref" } | { status: "not-editable" };

export async function createRequirement({
  setId,
  sectionId,
  input,
  actorUserId,
}: {
  setId: string;
  sectionId: string | null;
  input: RequirementInput;
  actorUserId: string;
}): Promise<CreateRequirementResult> {
  return db.transaction(async (tx) => {
    const editable = await lockEditableSet(tx, setId);
    if (await isRefTaken(tx, setId, input.ref)) return { status: "duplicate-ref" } as const;
    if (!editable) return { status: "not-editable" } as const;
    const [last] = rowsOf<{ highest: number | null }>(
      await tx.execute(sql`select max(${requirements.position}) as highest from ${requirements}
        where ${requirements.setId} = ${setId} and ${requirements.sectionId} is not distinct from ${sectionId}`),
    );
    const [created] = await tx
      .insert(requirements)
      .values({
        setId,
        sectionId,
        position: Number(last?.highest ?? 0) + 1,
        ...input,
        createdByUserId: actorUserId,
        updatedByUserId: actorUserId,
      })
      .returning({ id: requirements.id });
    if (!created) throw new Error("insert returned no row");
    await tx.insert(setChanges).values({
      setId,
      requirementId: created.id,
      kind: "created",
      version: 1,
      changes: Object.fromEntries(COMPARED_FIELDS.map((field) => [field, { old: null, new: input[field] }])),
      changedByUserId: actorUserId,
    });
    await touchSet(tx, setId, actorUserId);
    return { status: "created", requirementId: created.id } as const;
  });
}

export type RequirementConflict = {
  status: "conflict";
  current: RequirementRow;
  changedByName: string | null;
  changedAt: Date;
};

export type RequirementWriteResult =
  { status: "saved"; version: number } | RequirementConflict | { status: "duplicate-ref" } | { status: "not-found" };

async function loadConflict(
  tx: Transaction,
  setId: string,
  requirementId: string,
): Promise<RequirementConflict | { status: "not-found" }> {
  const [current] = await tx
    .select({ ...requirementColumns, updatedByName: users.name })
    .from(requirements)
    .leftJoin(users, eq(users.id, requirements.updatedByUserId))
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId)));
  if (!current) return { status: "not-found" };
  return { status: "conflict", current, changedByName: current.updatedByName, changedAt: current.updatedAt };
}

/**
 * Saves an edit made from `baseVersion`: one guarded UPDATE; zero rows means someone saved in
 * between, and the caller gets the conflict (their text, who, when) instead of overwriting it.
 */
export async function updateRequirement({
  setId,
  requirementId,
  baseVersion,
  input,
  actorUserId,
  kind = "updated",
}: {
  setId: string;
  requirementId: string;
  baseVersion: number;
  input: RequirementInput;
  actorUserId: string;
  kind?: "updated" | "imported";
}): Promise<RequirementWriteResult> {
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, setId))) return loadConflict(tx, setId, requirementId);
    const [before] = await tx
      .select(requirementColumns)
      .from(requirements)
      .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId), isNull(requirements.deletedAt)));
    if (!before) return loadConflict(tx, setId, requirementId);
    if (before.version !== baseVersion) return loadConflict(tx, setId, requirementId);
    if (input.ref !== before.ref && (await isRefTaken(tx, setId, input.ref, requirementId))) {
      return { status: "duplicate-ref" } as const;
    }
    const changedFields = COMPARED_FIELDS.filter((field) => !sameFieldValue(before[field], input[field]));
    if (changedFields.length === 0) return { status: "saved", version: before.version } as const;
    const [updated] = await tx
      .update(requirements)
      .set({ ...input, version: sql`${requirements.version} + 1`, updatedAt: new Date(), updatedByUserId: actorUserId })
      .where(
        and(
          eq(requirements.id, requirementId),
          eq(requirements.version, baseVersion),
          isNull(requirements.deletedAt),
          setIsEditable(setId),
        ),
      )
      .returning({ version: requirements.version });
    if (!updated) return loadConflict(tx, setId, requirementId);
    await tx.insert(setChanges).values({
      setId,
      requirementId,
      kind,
      version: updated.version,
      changes: Object.fromEntries(changedFields.map((field) => [field, { old: before[field], new: input[field] }])),
      changedByUserId: actorUserId,
    });
    // Owners of copies hear of it in the same transaction (reuse: "källan har ändrats").
    await notifySourceChanged(tx, { sourceRequirementId: requirementId, actorUserId });
    await touchSet(tx, setId, actorUserId);
    return { status: "saved", version: updated.version } as const;
  });
}

/** Soft delete or restore, guarded by the version like any other write. */
export async function setRequirementDeleted({
  setId,
  requirementId,
  baseVersion,
  deleted,
  actorUserId,
}: {
  setId: string;
  requirementId: string;
  baseVersion: number;
  deleted: boolean;
  actorUserId: string;
}): Promise<RequirementWriteResult> {
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, setId))) return loadConflict(tx, setId, requirementId);
    if (!deleted) {
      const [row] = await tx
        .select({ ref: requirements.ref })
        .from(requirements)
        .where(eq(requirements.id, requirementId));
      if (row && (await isRefTaken(tx, setId, row.ref, requirementId))) return { status: "duplicate-ref" } as const;
    }
    const [updated] = await tx
      .update(requirements)
      .set({
        deletedAt: deleted ? new Date() : null,
        version: sql`${requirements.version} + 1`,
        updatedAt: new Date(),
        updatedByUserId: actorUserId,
      })
      .where(
        and(
          eq(requirements.id, requirementId),
          eq(requirements.setId, setId),
          eq(requirements.version, baseVersion),
          deleted ? isNull(requirements.deletedAt) : isNotNull(requirements.deletedAt),
          setIsEditable(setId),
        ),
      )
      .returning({ version: requirements.version });
    if (!updated) return loadConflict(tx, setId, requirementId);
    await tx.insert(setChanges).values({
      setId,
      requirementId,
      kind: deleted ? "deleted" : "restored",
      version: updated.version,
      changedByUserId: actorUserId,
    });
    await touchSet(tx, setId, actorUserId);
    return { status: "saved", version: updated.version } as const;
  });
}

export type MoveTarget = { kind: "up" } | { kind: "down" } | { kind: "section"; sectionId: string | null };

/**
 * Moves a requirement one step within its section, or to the end of another section. Guarded by
 * the requirement's version; a swap also bumps the neighbour, whose order changed too.
 */
export async function moveRequirement({
  setId,
  requirementId,
  baseVersion,
  target,
  actorUserId,
}: {
  setId: string;
  requirementId: string;
  baseVersion: number;
  target: MoveTarget;
  actorUserId: string;
}): Promise<RequirementWriteResult | { status: "no-move" }> {
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, setId))) return { status: "not-found" } as const;
    // Lock the row: the neighbour swap below must not interleave with another move of it.
    const [current] = await tx
      .select({ sectionId: requirements.sectionId, position: requirements.position, version: requirements.version })
      .from(requirements)
      .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId), isNull(requirements.deletedAt)))
      .for("update");
    if (!current || current.version !== baseVersion) return loadConflict(tx, setId, requirementId);
    let newSectionId = current.sectionId;
    let newPosition = current.position;
    let swapWith: string | null = null;
    if (target.kind === "section") {
      if (target.sectionId !== null) {
        const [section] = await tx
          .select({ id: setSections.id })
          .from(setSections)
          .where(
            and(eq(setSections.id, target.sectionId), eq(setSections.setId, setId), isNull(setSections.deletedAt)),
          );
        if (!section) return { status: "not-found" } as const;
      }
      if (target.sectionId === current.sectionId) return { status: "no-move" } as const;
      const [last] = rowsOf<{ highest: number | null }>(
        await tx.execute(sql`select max(${requirements.position}) as highest from ${requirements}
          where ${requirements.setId} = ${setId} and ${requirements.sectionId} is not distinct from ${target.sectionId}`),
      );
      newSectionId = target.sectionId;
      newPosition = Number(last?.highest ?? 0) + 1;
    } else {
      const [neighbour] = rowsOf<{ id: string; position: number }>(
        await tx.execute(sql`select ${requirements.id} as id, ${requirements.position} as position from ${requirements}
          where ${requirements.setId} = ${setId} and ${requirements.sectionId} is not distinct from ${current.sectionId}
            and ${requirements.deletedAt} is null
            and ${target.kind === "up" ? sql`${requirements.position} < ${current.position}` : sql`${requirements.position} > ${current.position}`}
          order by ${requirements.position} ${target.kind === "up" ? sql`desc` : sql`asc`} limit 1`),
      );
      if (!neighbour) return { status: "no-move" } as const;
      newPosition = neighbour.position;
      swapWith = neighbour.id;
    }
    const [updated] = await tx
      .update(requirements)
      .set({
        sectionId: newSectionId,
        position: newPosition,
        version: sql`${requirements.version} + 1`,
        updatedAt: new Date(),
        updatedByUserId: actorUserId,
      })
      .where(and(eq(requirements.id, requirementId), eq(requirements.version, baseVersion), setIsEditable(setId)))
      .returning({ version: requirements.version });
    // The row is locked and its version checked, so only a frozen set can stop the update now.
    // Nothing has been written yet at this point: the neighbour is swapped only after it succeeds.
    if (!updated) return { status: "not-found" } as const;
    if (swapWith !== null) {
      await tx
        .update(requirements)
        .set({ position: current.position, version: sql`${requirements.version} + 1` })
        .where(eq(requirements.id, swapWith));
    }
    await tx.insert(setChanges).values({
      setId,
      requirementId,
      kind: "moved",
      version: updated.version,
      changes: {
        sectionId: { old: current.sectionId, new: newSectionId },
        position: { old: current.position, new: newPosition },
      },
      changedByUserId: actorUserId,
    });
    await touchSet(tx, setId, actorUserId);
    return { status: "saved", version: updated.version } as const;
  });
}

export type TreePageRow = {
  id: string;
  sectionId: string | null;
  ref: string;
  title: string;
  text: string;
  obligation: Obligation;
  type: RequirementType;
  area: string;
  verification: VerificationMethod;
  weight: number | null;
  version: number;
};

/**
 * One page of a set's live requirements in tree order (sections depth-first by position, then
 * position), optionally only inside one section's subtree. Big sets are read a page at a time.
 */
/** The set's sections with their position path in tree order, and whether each is in scope of `sectionId`. */
function sectionPathsCte(setId: string, sectionId: string | null) {
  return sql`
    with recursive section_paths (id, path, in_scope) as (
      select s.id, array[s.position], ${sectionId === null ? sql`true` : sql`s.id = ${sectionId}`}
      from ${setSections} s where s.set_id = ${setId} and s.parent_id is null and s.deleted_at is null
      union all
      select s.id, sp.path || s.position, sp.in_scope ${sectionId === null ? sql`` : sql`or s.id = ${sectionId}`}
      from ${setSections} s join section_paths sp on s.parent_id = sp.id where s.deleted_at is null
    )`;
}

function inScope(sectionId: string | null) {
  return sectionId === null ? sql`(r.section_id is null or sp.id is not null)` : sql`sp.in_scope`;
}

export async function listRequirementsPage({
  setId,
  sectionId,
  offset,
  limit,
}: {
  setId: string;
  sectionId: string | null;
  offset: number;
  limit: number;
}): Promise<{ rows: TreePageRow[]; total: number }> {
  const rows = rowsOf<TreePageRow & { total: number }>(
    await db.execute(sql`
      ${sectionPathsCte(setId, sectionId)}
      select r.id, r.section_id as "sectionId", r.ref, r.title, r.text, r.obligation, r.type, r.area,
        r.verification, r.weight, r.version, count(*) over ()::int as total
      from ${requirements} r left join section_paths sp on sp.id = r.section_id
      where r.set_id = ${setId} and r.deleted_at is null and ${inScope(sectionId)}
      order by coalesce(sp.path, '{}'::int[]), r.position
      limit ${limit} offset ${offset}`),
  );
  if (rows.length === 0 && offset > 0) {
    // Past the last page the window count has no row to ride on: count separately (rare).
    const [counted] = rowsOf<{ total: number }>(
      await db.execute(sql`
        ${sectionPathsCte(setId, sectionId)}
        select count(*)::int as total
        from ${requirements} r left join section_paths sp on sp.id = r.section_id
        where r.set_id = ${setId} and r.deleted_at is null and ${inScope(sectionId)}`),
    );
    return { rows: [], total: Number(counted?.total ?? 0) };
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]?.total ?? 0) };
}

export async function listDeletedRequirements({ setId }: { setId: string }) {
  return db
    .select({
      id: requirements.id,
      ref: requirements.ref,
      title: requirements.title,
      version: requirements.version,
      deletedAt: requirements.deletedAt,
    })
    .from(requirements)
    .where(and(eq(requirements.setId, setId), isNotNull(requirements.deletedAt)))
    .orderBy(desc(requirements.deletedAt));
}

/** A requirement's history: every change with who, when and the fields' old and new values. */
export async function listRequirementHistory({ setId, requirementId }: { setId: string; requirementId: string }) {
  return db
    .select({
      id: setChanges.id,
      kind: setChanges.kind,
      version: setChanges.version,
      changes: setChanges.changes,
      changedAt: setChanges.changedAt,
      changedByName: users.name,
    })
    .from(setChanges)
    .leftJoin(users, eq(users.id, setChanges.changedByUserId))
    .where(and(eq(setChanges.setId, setId), eq(setChanges.requirementId, requirementId)))
    .orderBy(desc(setChanges.changedAt));
}

export async function countRequirementsBySection({ setId }: { setId: string }) {
  const rows = await db
    .select({ sectionId: requirements.sectionId, count: sql<number>`count(*)::int` })
    .from(requirements)
    .where(and(eq(requirements.setId, setId), isNull(requirements.deletedAt)))
    .groupBy(requirements.sectionId);
  return new Map(rows.map((row) => [row.sectionId, Number(row.count)]));
}
