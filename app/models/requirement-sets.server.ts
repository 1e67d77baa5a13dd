import { and, asc, desc, eq, inArray, isNull, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { collaborationRegions, collaborations, regions, users } from "../../db/schema/accounts";
import { requirementSets, requirements, setChanges } from "../../db/schema/requirements";
import { writeAuditEvent } from "~/utils/audit.server";
import type { Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { visibleTo, type Principal, type Resource } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import type { SetStatus, Visibility } from "~/utils/requirement-fields";

import { createBaselineInTransaction } from "./baselines.server";
import { sourceChangedCount } from "./reuse.server";

const setColumns = {
  id: requirementSets.id,
  ownerRegionId: requirementSets.ownerRegionId,
  title: requirementSets.title,
  description: requirementSets.description,
  procurementReference: requirementSets.procurementReference,
  status: requirementSets.status,
  visibility: requirementSets.visibility,
  collaborationId: requirementSets.collaborationId,
  version: requirementSets.version,
  archivedAt: requirementSets.archivedAt,
  createdAt: requirementSets.createdAt,
  updatedAt: requirementSets.updatedAt,
};

const liveCounts = {
  total: sql<number>`count(${requirements.id})::int`,
  ska: sql<number>`(count(${requirements.id}) filter (where ${requirements.obligation} = 'ska'))::int`,
  bor: sql<number>`(count(${requirements.id}) filter (where ${requirements.obligation} = 'bor'))::int`,
};

/** The policy's view of a set row. */
export function setResource(set: {
  ownerRegionId: string;
  visibility: Visibility;
  collaborationId: string | null;
  status: SetStatus;
  archivedAt: Date | null;
}): Extract<Resource, { type: "set" }> {
  return {
    type: "set",
    ownerRegionId: set.ownerRegionId,
    visibility: set.visibility,
    collaborationId: set.collaborationId,
    status: set.status,
    archived: set.archivedAt !== null,
  };
}

/** A region's workspace: its own sets with counts, newest change first. */
export async function listRegionSets({
  regionId,
  archived = false,
  status,
}: {
  regionId: string;
  archived?: boolean;
  status?: SetStatus;
}) {
  const updatedBy = alias(users, "updated_by");
  const conditions: SQL[] = [
    eq(requirementSets.ownerRegionId, regionId),
    archived ? isNotNull(requirementSets.archivedAt) : isNull(requirementSets.archivedAt),
  ];
  if (status) conditions.push(eq(requirementSets.status, status));
  return db
    .select({
      ...setColumns,
      ...liveCounts,
      ownerRegionName: regions.name,
      updatedByName: updatedBy.name,
      collaborationName: collaborations.name,
    })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .leftJoin(updatedBy, eq(updatedBy.id, requirementSets.updatedByUserId))
    .leftJoin(collaborations, eq(collaborations.id, requirementSets.collaborationId))
    .leftJoin(requirements, and(eq(requirements.setId, requirementSets.id), isNull(requirements.deletedAt)))
    .where(and(...conditions))
    .groupBy(requirementSets.id, regions.name, updatedBy.name, collaborations.name)
    .orderBy(desc(requirementSets.updatedAt));
}

/**
 * One set with its counts, if the principal may see it (the policy's `visibleTo` is in the
 * `where`, so a hidden set and a missing one look the same: null).
 */
export async function getVisibleSet({ setId, principal }: { setId: string; principal: Principal | null }) {
  const updatedBy = alias(users, "updated_by");
  const [set] = await db
    .select({
      ...setColumns,
      ...liveCounts,
      // Same statement: the set page stays at its statement budget (bench: set-page-sql-statements).
      sourceChanged: sourceChangedCount(principal),
      ownerRegionName: regions.name,
      collaborationName: collaborations.name,
      updatedByName: updatedBy.name,
    })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .leftJoin(collaborations, eq(collaborations.id, requirementSets.collaborationId))
    .leftJoin(updatedBy, eq(updatedBy.id, requirementSets.updatedByUserId))
    .leftJoin(requirements, and(eq(requirements.setId, requirementSets.id), isNull(requirements.deletedAt)))
    .where(and(eq(requirementSets.id, setId), visibleTo(principal, requirementSets)))
    .groupBy(requirementSets.id, regions.name, collaborations.name, updatedBy.name)
    .limit(1);
  return set ?? null;
}

export type VisibleSet = NonNullable<Awaited<ReturnType<typeof getVisibleSet>>>;

export async function createSet({
  regionId,
  title,
  description,
  procurementReference,
  actorUserId,
}: {
  regionId: string;
  title: string;
  description: string;
  procurementReference: string;
  actorUserId: string;
}): Promise<string> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(requirementSets)
      .values({
        ownerRegionId: regionId,
        title,
        description,
        procurementReference,
        createdByUserId: actorUserId,
        updatedByUserId: actorUserId,
      })
      .returning({ id: requirementSets.id });
    if (!created) throw new Error("insert returned no row");
    await tx.insert(setChanges).values({
      setId: created.id,
      kind: "set-created",
      version: 1,
      changes: { title: { old: null, new: title } },
      changedByUserId: actorUserId,
    });
    return created.id;
  });
}

export type SetConflict = {
  status: "conflict";
  current: { version: number; title: string; description: string; procurementReference: string; status: SetStatus };
  changedByName: string | null;
  changedAt: Date;
};

export type SetWriteResult = { status: "saved"; version: number } | SetConflict;

async function loadSetConflict(tx: Transaction, setId: string): Promise<SetConflict> {
  const updatedBy = alias(users, "updated_by");
  const [current] = await tx
    .select({
      version: requirementSets.version,
      title: requirementSets.title,
      description: requirementSets.description,
      procurementReference: requirementSets.procurementReference,
      status: requirementSets.status,
      updatedAt: requirementSets.updatedAt,
      changedByName: updatedBy.name,
    })
    .from(requirementSets)
    .leftJoin(updatedBy, eq(updatedBy.id, requirementSets.updatedByUserId))
    .where(eq(requirementSets.id, setId));
  if (!current) throw new Error("set vanished");
  const { updatedAt, changedByName, ...rest } = current;
  return { status: "conflict", current: rest, changedByName, changedAt: updatedAt };
}

/**
 * Guarded write of set-level fields: one `UPDATE … WHERE id = … AND version = …`; zero rows
 * means someone else saved first, and the caller gets their version back, not a silent overwrite.
 */
async function updateSetGuarded(
  tx: Transaction,
  {
    setId,
    baseVersion,
    values,
    actorUserId,
    extraCondition,
  }: {
    setId: string;
    baseVersion: number;
    values: Partial<typeof requirementSets.$inferInsert>;
    actorUserId: string;
    extraCondition?: SQL;
  },
): Promise<{ version: number } | null> {
  const [updated] = await tx
    .update(requirementSets)
    .set({
      ...values,
      version: sql`${requirementSets.version} + 1`,
      updatedAt: new Date(),
      updatedByUserId: actorUserId,
    })
    .where(and(eq(requirementSets.id, setId), eq(requirementSets.version, baseVersion), extraCondition))
    .returning({ version: requirementSets.version });
  return updated ?? null;
}

export async function updateSetDetails({
  setId,
  baseVersion,
  title,
  description,
  procurementReference,
  actorUserId,
}: {
  setId: string;
  baseVersion: number;
  title: string;
  description: string;
  procurementReference: string;
  actorUserId: string;
}): Promise<SetWriteResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        title: requirementSets.title,
        description: requirementSets.description,
        procurementReference: requirementSets.procurementReference,
      })
      .from(requirementSets)
      .where(eq(requirementSets.id, setId));
    const updated = await updateSetGuarded(tx, {
      setId,
      baseVersion,
      values: { title, description, procurementReference },
      actorUserId,
    });
    if (!updated || !before) return loadSetConflict(tx, setId);
    const after = { title, description, procurementReference };
    const changes = Object.fromEntries(
      (Object.keys(after) as Array<keyof typeof after>)
        .filter((field) => before[field] !== after[field])
        .map((field) => [field, { old: before[field], new: after[field] }]),
    );
    await tx
      .insert(setChanges)
      .values({ setId, kind: "set-updated", version: updated.version, changes, changedByUserId: actorUserId });
    return { status: "saved", version: updated.version };
  });
}

/** Allowed status moves; who may make each is the policy's business (set.* actions). */
export const STATUS_TRANSITIONS = {
  submit_review: { from: ["draft"], to: "in_review", action: "set.submit_review" },
  return_to_draft: { from: ["in_review", "approved"], to: "draft", action: "set.return_to_draft" },
  approve: { from: ["in_review"], to: "approved", action: "set.approve" },
  publish: { from: ["approved"], to: "published", action: "set.publish" },
  new_version: { from: ["published"], to: "draft", action: "set.new_version" },
  supersede: { from: ["published"], to: "superseded", action: "set.supersede" },
} satisfies Record<string, { from: SetStatus[]; to: SetStatus; action: string }>;
export type StatusTransition = keyof typeof STATUS_TRANSITIONS;

export type StatusChangeResult = SetWriteResult | { status: "not-allowed" };

/**
 * Moves a set through its workflow. Going to review and being approved freeze a baseline
 * automatically, as does publishing, in the same transaction as the status change.
 */
export async function changeSetStatus(args: {
  setId: string;
  baseVersion: number;
  transition: StatusTransition;
  actorUserId: string;
  language: "sv" | "en";
}): Promise<StatusChangeResult> {
  if (!STATUS_TRANSITIONS[args.transition]) return { status: "not-allowed" };
  return db.transaction(async (tx) => {
    const result = await changeSetStatusInTransaction(tx, args);
    return result.status === "saved" ? { status: "saved", version: result.version } : result;
  });
}

/**
 * The status move inside the caller's transaction (a review round opens or closes with it), with
 * the id of the automatic baseline it froze, if any.
 */
export async function changeSetStatusInTransaction(
  tx: Transaction,
  {
    setId,
    baseVersion,
    transition,
    actorUserId,
    language,
  }: {
    setId: string;
    baseVersion: number;
    transition: StatusTransition;
    actorUserId: string;
    language: "sv" | "en";
  },
): Promise<SetConflict | { status: "saved"; version: number; baselineId: string | null }> {
  const rule: { from: SetStatus[]; to: SetStatus; action: string } = STATUS_TRANSITIONS[transition];
  const [before] = await tx
    .select({ status: requirementSets.status })
    .from(requirementSets)
    .where(eq(requirementSets.id, setId));
  const updated = await updateSetGuarded(tx, {
    setId,
    baseVersion,
    values: { status: rule.to },
    actorUserId,
    extraCondition: and(inArray(requirementSets.status, rule.from), isNull(requirementSets.archivedAt)),
  });
  if (!updated || !before) return loadSetConflict(tx, setId);
  await tx.insert(setChanges).values({
    setId,
    kind: "status",
    version: updated.version,
    changes: { status: { old: before.status, new: rule.to } },
    changedByUserId: actorUserId,
  });
  const automaticBaseline = AUTOMATIC_BASELINES[rule.to];
  let baselineId: string | null = null;
  if (automaticBaseline && transition !== "return_to_draft" && transition !== "new_version") {
    baselineId = await createBaselineInTransaction(tx, {
      setId,
      name: automaticBaseline[language],
      kind: rule.to === "in_review" ? "review" : "approved",
      setVersion: updated.version,
      actorUserId,
    });
  }
  return { status: "saved", version: updated.version, baselineId };
}

const AUTOMATIC_BASELINES: Partial<Record<SetStatus, { sv: string; en: string }>> = {
  in_review: { sv: "Skickad på granskning", en: "Sent for review" },
  approved: { sv: "Godkänd", en: "Approved" },
  published: { sv: "Publicerad", en: "Published" },
};

export async function setArchived({
  setId,
  baseVersion,
  archived,
  actorUserId,
}: {
  setId: string;
  baseVersion: number;
  archived: boolean;
  actorUserId: string;
}): Promise<SetWriteResult> {
  return db.transaction(async (tx) => {
    const updated = await updateSetGuarded(tx, {
      setId,
      baseVersion,
      values: { archivedAt: archived ? new Date() : null },
      actorUserId,
    });
    if (!updated) return loadSetConflict(tx, setId);
    await tx.insert(setChanges).values({
      setId,
      kind: archived ? "archived" : "unarchived",
      version: updated.version,
      changedByUserId: actorUserId,
    });
    return { status: "saved", version: updated.version };
  });
}

/**
 * Changes who can see a set. Audited: a set shared with other regions may become a public
 * record (allmän handling), so the act is deliberate and traceable.
 */
export async function shareSet({
  setId,
  ownerRegionId,
  baseVersion,
  visibility,
  collaborationId,
  actorUserId,
  request,
}: {
  setId: string;
  ownerRegionId: string;
  baseVersion: number;
  visibility: Visibility;
  collaborationId: string | null;
  actorUserId: string;
  request: RequestInfo;
}): Promise<SetWriteResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ visibility: requirementSets.visibility, collaborationId: requirementSets.collaborationId })
      .from(requirementSets)
      .where(eq(requirementSets.id, setId));
    const updated = await updateSetGuarded(tx, {
      setId,
      baseVersion,
      values: { visibility, collaborationId: visibility === "collaboration" ? collaborationId : null },
      actorUserId,
    });
    if (!updated || !before) return loadSetConflict(tx, setId);
    await tx.insert(setChanges).values({
      setId,
      kind: "shared",
      version: updated.version,
      changes: {
        visibility: { old: before.visibility, new: visibility },
        collaborationId: { old: before.collaborationId, new: collaborationId },
      },
      changedByUserId: actorUserId,
    });
    await writeAuditEvent(tx, {
      action: "set.shared",
      actorUserId,
      regionId: ownerRegionId,
      targetType: "requirement_set",
      targetId: setId,
      details: { from: before.visibility, to: visibility, collaborationId },
      request,
    });
    return { status: "saved", version: updated.version };
  });
}

/** The set's recent activity: requirement, section and set changes, newest first. */
export async function listSetActivity({ setId, limit = 15 }: { setId: string; limit?: number }) {
  return db
    .select({
      id: setChanges.id,
      kind: setChanges.kind,
      changes: setChanges.changes,
      changedAt: setChanges.changedAt,
      changedByName: users.name,
      requirementId: setChanges.requirementId,
      requirementRef: requirements.ref,
    })
    .from(setChanges)
    .leftJoin(users, eq(users.id, setChanges.changedByUserId))
    .leftJoin(requirements, eq(requirements.id, setChanges.requirementId))
    .where(eq(setChanges.setId, setId))
    .orderBy(desc(setChanges.changedAt))
    .limit(limit);
}

/** Collaborations the owner region belongs to: the choices when sharing a set. */
export async function listShareTargets({ regionId }: { regionId: string }) {
  return db
    .select({ id: collaborations.id, name: collaborations.name })
    .from(collaborationRegions)
    .innerJoin(collaborations, eq(collaborations.id, collaborationRegions.collaborationId))
    .where(eq(collaborationRegions.regionId, regionId))
    .orderBy(asc(collaborations.name));
}
