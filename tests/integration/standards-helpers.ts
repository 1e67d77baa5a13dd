import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";

import { requirementStandardLinks, standards } from "../../db/schema/standards";
import { createStandard } from "~/models/standards.server";
import { db } from "~/utils/db.server";
import type { StandardInput } from "~/utils/standard-fields";

import { TEST_REQUEST } from "./set-helpers";

/** Shared by the standards integration tests: catalogue entries and requirement links. */

/** A code no other test uses, under a prefix the test can search for. */
export function uniqueCode(prefix = "STD"): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export function standardInput(overrides: Partial<StandardInput> = {}): StandardInput {
  return {
    code: uniqueCode(),
    name: "Testad standard för journalföring",
    ownerBody: "Socialstyrelsen",
    category: "terminology",
    link: "https://example.se/standard",
    description: "En standard som bara finns i testerna.",
    lifecycle: "current",
    ...overrides,
  };
}

export async function newStandard(
  actorUserId: string,
  overrides: Partial<StandardInput> = {},
  firstVersion = "2024",
): Promise<{ id: string; code: string }> {
  const input = standardInput(overrides);
  const result = await createStandard({ input, firstVersion, actorUserId, request: TEST_REQUEST });
  if (result.status !== "created") throw new Error(`standard not created: ${result.status}`);
  return { id: result.standardId, code: input.code };
}

/** A requirement's reference to a standard (the requirement form's picker is another feature's). */
export async function linkRequirement(requirementId: string, standardId: string, standardVersion: string | null) {
  await db.insert(requirementStandardLinks).values({ requirementId, standardId, standardVersion });
}

export async function standardRow(standardId: string) {
  const [row] = await db.select().from(standards).where(eq(standards.id, standardId));
  if (!row) throw new Error("no such standard");
  return row;
}
