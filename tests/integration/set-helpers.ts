import { and, asc, eq } from "drizzle-orm";
import { expect } from "vitest";

import { baselines, requirementSets, requirements, setChanges } from "../../db/schema/requirements";
import { createSet } from "~/models/requirement-sets.server";
import { createRequirement, type RequirementInput } from "~/models/requirements.server";
import { createSection } from "~/models/sections.server";
import { buildPrincipal, loadAccess } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { Principal } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import type { Area, SetSnapshot } from "~/utils/requirement-fields";

import { requirementInput } from "../support/set-factories";

/** Shared by the requirement-set integration tests: small builders and direct reads of the tables. */

export const TEST_REQUEST: RequestInfo = { requestId: "test-request", ipAddress: "127.0.0.1", userAgent: "vitest" };

export async function principalFor(user: { id: string; isPlatformAdmin: boolean }): Promise<Principal> {
  return buildPrincipal(user, await loadAccess(user.id));
}

export async function newSet(regionId: string, actorUserId: string, title = "Uppsättning"): Promise<string> {
  return createSet({ regionId, title, description: "Beskrivning", procurementReference: "", actorUserId });
}

export async function newSection(
  setId: string,
  parentId: string | null,
  title: string,
  actorUserId: string,
): Promise<string> {
  const result = await createSection({ setId, parentId, title, actorUserId });
  if (result.status !== "saved" || !result.sectionId) throw new Error(`section not created: ${result.status}`);
  return result.sectionId;
}

export async function newRequirement(
  setId: string,
  sectionId: string | null,
  actorUserId: string,
  overrides: Partial<RequirementInput> = {},
): Promise<string> {
  const result = await createRequirement({ setId, sectionId, input: requirementInput(overrides), actorUserId });
  if (result.status !== "created") throw new Error(`requirement not created: ${result.status}`);
  return result.requirementId;
}

/** The editable fields of a stored requirement, with some replaced: what an edit form would post. */
export function inputFrom(
  row: Omit<RequirementInput, "area"> & { area: string },
  overrides: Partial<RequirementInput> = {},
): RequirementInput {
  const { ref, title, text, obligation, type, area, rationale, verification, weight, ambition, tags } = row;
  return {
    ref,
    title,
    text,
    obligation,
    type,
    // Stored areas are validated on every write (AreaSchema).
    area: area as Area,
    rationale,
    verification,
    weight,
    ambition,
    tags,
    ...overrides,
  };
}

export async function requirementRow(requirementId: string) {
  const [row] = await db.select().from(requirements).where(eq(requirements.id, requirementId));
  if (!row) throw new Error("no such requirement");
  return row;
}

export async function setRow(setId: string) {
  const [row] = await db.select().from(requirementSets).where(eq(requirementSets.id, setId));
  if (!row) throw new Error("no such set");
  return row;
}

export async function changesOf(setId: string, kind?: string) {
  return db
    .select()
    .from(setChanges)
    .where(kind ? and(eq(setChanges.setId, setId), eq(setChanges.kind, kind)) : eq(setChanges.setId, setId))
    .orderBy(asc(setChanges.changedAt));
}

export async function baselinesOf(setId: string) {
  return db.select().from(baselines).where(eq(baselines.setId, setId)).orderBy(asc(baselines.createdAt));
}

/** A snapshot with its lists in id order, so two snapshots compare regardless of row order. */
export function sortedSnapshot(snapshot: SetSnapshot): SetSnapshot {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return { sections: [...snapshot.sections].sort(byId), requirements: [...snapshot.requirements].sort(byId) };
}

/** The message of an error and of every cause under it (drizzle wraps driver errors). */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(" | ");
}

export async function expectDatabaseRefusal(operation: Promise<unknown>, pattern: RegExp): Promise<void> {
  let caught: unknown = null;
  try {
    await operation;
  } catch (error) {
    caught = error;
  }
  expect(caught, "the database should refuse the statement").not.toBeNull();
  expect(errorText(caught)).toMatch(pattern);
}

/** Splits the results of racing writes into the one that saved and the rest. */
export function partition<T extends { status: string }>(results: T[]) {
  const saved = results.flatMap((result, index) => (result.status === "saved" ? [{ result, index }] : []));
  const others = results.filter((result) => result.status !== "saved");
  return { saved, others };
}
