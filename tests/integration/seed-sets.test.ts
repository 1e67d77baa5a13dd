import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { listSectionTree } from "~/models/sections.server";
import { db } from "~/utils/db.server";
import { AREAS, REQUIREMENT_TYPES, VERIFICATION_METHODS } from "~/utils/requirement-fields";
import { RequirementSchema } from "~/utils/requirement-schemas";
import { diffSets } from "~/utils/set-diff";

import { auditEvents, collaborations, regions } from "../../db/schema/accounts";
import { baselines, requirementSets, requirements, setChanges, setSections } from "../../db/schema/requirements";
import { DEMO_SETS, SKANE_BASELINE_1, SKANE_BASELINE_2 } from "../../db/seed/demo-sets";
import { HALLAND_REUSE_SET_TITLE, SKANE_SET_TITLE } from "../../db/seed/demo-titles";
import { seedDemoData } from "../../db/seed/seed";

// The harness gives this file a fresh, migrated database; the tests run in order on it.

async function rowCounts() {
  const tables = { requirementSets, setSections, requirements, setChanges, baselines, auditEvents };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function skaneSetId(): Promise<string> {
  const [row] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(regions.slug, "skane"), eq(requirementSets.title, SKANE_SET_TITLE)));
  if (!row) throw new Error("no Skåne set");
  return row.id;
}

describe("demo requirement sets", () => {
  let firstSummary: Awaited<ReturnType<typeof seedDemoData>> | undefined;

  test("seeding creates the four demo sets (and the library demo's draft), with owners and sharing as described", async () => {
    const started = performance.now();
    firstSummary = await seedDemoData(db, { passwordHash: "x" });
    const elapsed = performance.now() - started;
    console.info(`seedDemoData: ${Math.round(elapsed)} ms`, firstSummary);

    expect(firstSummary.sets).toBe(DEMO_SETS.length);
    expect(firstSummary.sets).toBeGreaterThanOrEqual(3);
    expect(firstSummary.requirements).toBeGreaterThanOrEqual(100);
    expect(firstSummary.baselines).toBeGreaterThanOrEqual(6);

    const sets = await db
      .select({
        title: requirementSets.title,
        region: regions.slug,
        status: requirementSets.status,
        visibility: requirementSets.visibility,
        collaboration: collaborations.slug,
      })
      .from(requirementSets)
      .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
      .leftJoin(collaborations, eq(collaborations.id, requirementSets.collaborationId))
      .orderBy(asc(requirementSets.createdAt));
    expect(sets).toEqual([
      {
        title: SKANE_SET_TITLE,
        region: "skane",
        status: "in_review",
        visibility: "collaboration",
        collaboration: "3r",
      },
      {
        title: "Sussa gemensam kravbild – informationssäkerhet och PDL",
        region: "sormland",
        status: "approved",
        visibility: "collaboration",
        collaboration: "sussa",
      },
      {
        title: "3R gemensam arkitektur – interoperabilitet och standarder",
        region: "vgr",
        status: "published",
        visibility: "collaboration",
        collaboration: "3r",
      },
      {
        title: "Kompletterande moduler till huvudjournalsystemet – kravutkast",
        region: "stockholm",
        status: "draft",
        visibility: "private",
        collaboration: null,
      },
      // Made by the library demo (demo-reuse.ts): copies from the Sussa set.
      {
        title: HALLAND_REUSE_SET_TITLE,
        region: "halland",
        status: "draft",
        visibility: "private",
        collaboration: null,
      },
    ]);

    // Sharing is an audited act, recorded as if done in the UI.
    const shared = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "set.shared"));
    expect(shared[0]?.n).toBe(3);
  });

  test("the Skåne set has 60+ live requirements across all areas, types and methods, and 3-level sections", async () => {
    const setId = await skaneSetId();
    const rows = await db
      .select()
      .from(requirements)
      .where(and(eq(requirements.setId, setId), isNull(requirements.deletedAt)));
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((row) => row.area))).toEqual(new Set(AREAS));
    expect(new Set(rows.map((row) => row.type))).toEqual(new Set(REQUIREMENT_TYPES));
    expect(new Set(rows.map((row) => row.verification))).toEqual(new Set(VERIFICATION_METHODS));
    expect(new Set(rows.map((row) => row.obligation))).toEqual(new Set(["ska", "bor"]));
    expect(rows.filter((row) => row.weight !== null).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => row.ambition !== null).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => row.rationale !== "").length / rows.length).toBeGreaterThan(0.9);
    for (const row of rows) expect(row.ref.startsWith(`${row.area}-`), row.ref).toBe(true);

    const tree = await listSectionTree({ setId });
    expect(Math.max(...tree.map((section) => section.depth))).toBeGreaterThanOrEqual(3);
    expect(tree.filter((section) => section.depth === 1)).toHaveLength(13);

    const kinds = await db
      .selectDistinct({ kind: setChanges.kind })
      .from(setChanges)
      .where(eq(setChanges.setId, setId));
    expect(kinds.map((row) => row.kind).sort()).toEqual(
      [
        "baseline",
        "created",
        "deleted",
        "moved",
        "section-created",
        "section-renamed",
        "set-created",
        "shared",
        "status",
        "updated",
      ].sort(),
    );
  });

  test("every seeded requirement passes the form's validation", async () => {
    const rows = await db.select().from(requirements).where(isNull(requirements.deletedAt));
    for (const row of rows) {
      const parsed = RequirementSchema.safeParse({
        ref: row.ref,
        title: row.title,
        text: row.text,
        obligation: row.obligation,
        type: row.type,
        area: row.area,
        rationale: row.rationale,
        verification: row.verification,
        weight: row.weight ?? undefined,
        ambition: row.ambition ?? undefined,
        tags: row.tags.join(","),
      });
      expect(parsed.success, `${row.ref}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  test("the Skåne remiss versions differ by added, removed, changed and moved requirements", async () => {
    const setId = await skaneSetId();
    const rows = await db
      .select({ name: baselines.name, kind: baselines.kind, snapshot: baselines.snapshot })
      .from(baselines)
      .where(eq(baselines.setId, setId))
      .orderBy(asc(baselines.createdAt));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((row) => row.name)).toEqual([SKANE_BASELINE_1, SKANE_BASELINE_2, "Skickad på granskning"]);
    const [first, second] = rows;
    if (!first || !second) throw new Error("missing baselines");

    const diff = diffSets(first.snapshot, second.snapshot);
    expect(diff.summary.added).toBeGreaterThanOrEqual(1);
    expect(diff.summary.removed).toBeGreaterThanOrEqual(1);
    expect(diff.summary.changed).toBeGreaterThanOrEqual(1);
    expect(diff.summary.moved).toBeGreaterThanOrEqual(1);
    expect(diff.summary.sections.renamed).toBe(1);

    const byRef = (kind: string) =>
      diff.requirements.filter((entry) => entry.kind === kind).map((entry) => (entry.to ?? entry.from)?.ref);
    expect(byRef("added")).toEqual(["MG-005"]);
    expect(byRef("removed")).toEqual(["KV-003"]);
    const renumbered = diff.requirements.find((entry) => entry.to?.ref === "BL-008");
    expect(renumbered?.from?.ref).toBe("IS-005");
    expect(renumbered?.sectionChanged).toBe(true);
    const toBor = diff.requirements.find((entry) => entry.to?.ref === "TA-003");
    expect([toBor?.from?.obligation, toBor?.to?.obligation]).toEqual(["ska", "bor"]);
  });

  test("every shared demo set has at least two baselines that differ", async () => {
    const shared = await db
      .select({ id: requirementSets.id, title: requirementSets.title })
      .from(requirementSets)
      .where(eq(requirementSets.visibility, "collaboration"));
    expect(shared).toHaveLength(3);
    for (const set of shared) {
      const rows = await db
        .select({ snapshot: baselines.snapshot })
        .from(baselines)
        .where(eq(baselines.setId, set.id))
        .orderBy(asc(baselines.createdAt));
      const [first, second] = rows;
      if (!first || !second) throw new Error(`${set.title} has fewer than two baselines`);
      const { summary } = diffSets(first.snapshot, second.snapshot);
      expect(summary.added + summary.removed + summary.changed + summary.moved, set.title).toBeGreaterThanOrEqual(4);
    }
  });

  test("seeding again creates nothing and reports the same numbers", async () => {
    const before = await rowCounts();
    const summary = await seedDemoData(db, { passwordHash: "x" });
    expect(summary).toEqual(firstSummary);
    expect(await rowCounts()).toEqual(before);

    // The summary counts the four demo sets, not the library demo's Halland draft.
    const setIds = (
      await db
        .select({ id: requirementSets.id })
        .from(requirementSets)
        .where(
          inArray(
            requirementSets.title,
            DEMO_SETS.map((set) => set.title),
          ),
        )
    ).map((row) => row.id);
    const [live] = await db
      .select({ n: count() })
      .from(requirements)
      .where(and(inArray(requirements.setId, setIds), isNull(requirements.deletedAt)));
    expect(live?.n).toBe(summary.requirements);
  });
});
