import { and, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditEvents } from "../../db/schema/accounts";
import { standardVersions } from "../../db/schema/standards";
import { setArchived } from "~/models/requirement-sets.server";
import { setRequirementDeleted } from "~/models/requirements.server";
import {
  addStandardVersion,
  createStandard,
  getAdoption,
  getAdoptionMatrix,
  listCommonMarkings,
  listLinkedRequirements,
  listStandardAdoptions,
  listStandardChoices,
  listStandards,
  listStandardVersions,
  markCommonStandard,
  recordAdoption,
  removeCommonStandard,
  standardLinkStateSql,
  updateStandard,
} from "~/models/standards.server";
import { rowsOf } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { standardLinkState } from "~/utils/standard-fields";

import {
  addMembership,
  addSteeringMember,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
} from "../support/factories";
import { createSetFixture } from "../support/set-factories";

import { auditRows } from "./route-helpers";
import { principalFor, requirementRow, setRow, TEST_REQUEST } from "./set-helpers";
import { linkRequirement, newStandard, standardInput, standardRow, uniqueCode } from "./standards-helpers";

/**
 * The standards model: the catalogue and its versions, common markings, adoption (with its
 * optimistic concurrency), the adoption matrix, and the requirements that refer to a standard,
 * which only ever shows (and counts) requirements the reader may see.
 */

async function admin() {
  return createUser({ isPlatformAdmin: true });
}

describe("the catalogue", () => {
  test("a new standard is stored with its first version as the current one, and audited", async () => {
    const actor = await admin();
    const input = standardInput({ code: uniqueCode("FHIR"), category: "interoperability" });
    const result = await createStandard({
      input,
      firstVersion: "R4 (4.0.1)",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    if (result.status !== "created") throw new Error(result.status);
    expect(await standardRow(result.standardId)).toMatchObject({
      code: input.code,
      category: "interoperability",
      currentVersion: "R4 (4.0.1)",
      version: 1,
    });
    expect((await listStandardVersions({ standardId: result.standardId })).map((v) => v.label)).toEqual(["R4 (4.0.1)"]);
    const [event] = (await auditRows("standard.created")).filter((row) => row.targetId === result.standardId);
    expect(event).toMatchObject({ actorUserId: actor.id, targetType: "standard", outcome: "success" });
  });

  test("a standard without a version has no current version and no version rows", async () => {
    const actor = await admin();
    const { id } = await newStandard(actor.id, {}, "");
    expect((await standardRow(id)).currentVersion).toBe("");
    expect(await listStandardVersions({ standardId: id })).toEqual([]);
  });

  test("codes are unique whatever their case, and the duplicate is refused without writing anything", async () => {
    const actor = await admin();
    const { code } = await newStandard(actor.id);
    const before = (await auditRows("standard.created")).length;
    const result = await createStandard({
      input: standardInput({ code: code.toLowerCase() }),
      firstVersion: "",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "duplicate-code" });
    expect(await auditRows("standard.created")).toHaveLength(before);
  });

  test("two creates of one code in different case at once: exactly one is created, the other is told", async () => {
    const actor = await admin();
    const code = `Samtidig-${Math.random().toString(36).slice(2, 8)}`;
    const results = await Promise.all(
      [code.toUpperCase(), code.toLowerCase()].map((variant) =>
        createStandard({
          input: standardInput({ code: variant }),
          firstVersion: "",
          actorUserId: actor.id,
          request: TEST_REQUEST,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["created", "duplicate-code"]);
    // The database itself refuses the second spelling (the index is on lower(code)).
    await expect(
      db.execute(sql`insert into standards (code, name, category) values (${code}, 'Dubblett', 'law')`),
    ).rejects.toThrow();
  });

  test("an edit from the current version is saved, bumps the version and audits the changed fields", async () => {
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    const row = await standardRow(id);
    const result = await updateStandard({
      standardId: id,
      baseVersion: 1,
      input: { ...standardInput({ code: row.code }), name: "Nytt namn", lifecycle: "outgoing" },
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "saved", version: 2 });
    expect(await standardRow(id)).toMatchObject({ name: "Nytt namn", lifecycle: "outgoing", version: 2 });
    const [event] = (await auditRows("standard.updated")).filter((e) => e.targetId === id);
    expect(JSON.parse(event?.details ?? "{}")).toMatchObject({ fields: "name,lifecycle", version: 2 });
  });

  test("an edit from a stale version is a conflict with the current values and who saved them; nothing changes", async () => {
    const first = await admin();
    const second = await createUser({ isPlatformAdmin: true, name: "Ingrid Dahl" });
    const { id, code } = await newStandard(first.id);
    const saved = await updateStandard({
      standardId: id,
      baseVersion: 1,
      input: standardInput({ code, description: "Ingrids text" }),
      actorUserId: second.id,
      request: TEST_REQUEST,
    });
    expect(saved.status).toBe("saved");
    const stale = await updateStandard({
      standardId: id,
      baseVersion: 1,
      input: standardInput({ code, description: "Min text" }),
      actorUserId: first.id,
      request: TEST_REQUEST,
    });
    if (stale.status !== "conflict") throw new Error(`expected a conflict, got ${stale.status}`);
    expect(stale.current).toMatchObject({ description: "Ingrids text", version: 2 });
    expect(stale.changedByName).toBe("Ingrid Dahl");
    expect((await standardRow(id)).description).toBe("Ingrids text");
  });

  test("renaming to another standard's code is refused; an unknown standard is not found", async () => {
    const actor = await admin();
    const taken = await newStandard(actor.id);
    const { id } = await newStandard(actor.id);
    const result = await updateStandard({
      standardId: id,
      baseVersion: 1,
      input: standardInput({ code: taken.code }),
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "duplicate-code" });
    expect((await standardRow(id)).version).toBe(1);
    const missing = await updateStandard({
      standardId: "00000000-0000-4000-8000-000000000000",
      baseVersion: 1,
      input: standardInput(),
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(missing).toEqual({ status: "not-found" });
  });

  test("saving unchanged values writes nothing", async () => {
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    const row = await standardRow(id);
    const result = await updateStandard({
      standardId: id,
      baseVersion: 1,
      input: {
        code: row.code,
        name: row.name,
        ownerBody: row.ownerBody,
        category: row.category,
        link: row.link,
        description: row.description,
        lifecycle: row.lifecycle,
      },
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "saved", version: 1 });
    expect((await auditRows("standard.updated")).filter((e) => e.targetId === id)).toEqual([]);
  });

  test("search covers code, name and owner without regard to case (å, ä, ö included); category and lifecycle filter", async () => {
    const actor = await admin();
    const prefix = uniqueCode("SÖK");
    const a = await newStandard(actor.id, {
      code: `${prefix}-A`,
      name: "Ärendehantering",
      ownerBody: "Inera AB",
      category: "architecture",
    });
    const b = await newStandard(actor.id, {
      code: `${prefix}-B`,
      name: "Åtgärdskoder",
      ownerBody: "Socialstyrelsen",
      category: "terminology",
      lifecycle: "incoming",
    });
    const principal = await principalFor(actor);
    const ids = async (filters: Parameters<typeof listStandards>[0]["filters"]) =>
      (await listStandards({ principal, filters })).standards.map((s) => s.id);
    expect(await ids({ q: prefix.toLowerCase() })).toEqual([a.id, b.id]);
    expect(await ids({ q: `${prefix.toLowerCase()}-b` })).toEqual([b.id]);
    expect(await ids({ q: "ärendehant" })).toContain(a.id);
    expect(await ids({ q: "ÅTGÄRDSKODER" })).toContain(b.id);
    expect(await ids({ q: prefix, category: "terminology" })).toEqual([b.id]);
    expect(await ids({ q: prefix, lifecycle: "current" })).toEqual([a.id]);
    // A search for LIKE's wildcards finds them as text, not as wildcards.
    expect(await ids({ q: `${prefix}%` })).toEqual([]);
    const faceted = await listStandards({ principal, filters: { q: prefix, category: "terminology" } });
    // Each menu counts with the other filters applied and its own left out.
    expect(faceted.categoryCounts).toMatchObject({ architecture: 1, terminology: 1, law: 0 });
    expect(faceted.lifecycleCounts).toEqual({ current: 0, incoming: 1, outgoing: 0 });
  });

  test("the catalogue sorts on the chosen column in Swedish order, either way, and filters on a collaboration's common standards", async () => {
    const actor = await admin();
    const prefix = uniqueCode("SORT");
    const z = await newStandard(actor.id, { code: `${prefix}-1`, name: "Zeta", ownerBody: "Ö-myndigheten" });
    const a = await newStandard(actor.id, { code: `${prefix}-2`, name: "Äpple", ownerBody: "A-verket" });
    const aa = await newStandard(actor.id, { code: `${prefix}-3`, name: "Åtta", ownerBody: "B-verket" });
    const principal = await principalFor(actor);
    const order = async (sort: "name" | "owner", direction: "asc" | "desc") =>
      (await listStandards({ principal, filters: { q: prefix, sort, direction } })).standards.map((s) => s.id);
    // Swedish: z < å < ä < ö.
    expect(await order("name", "asc")).toEqual([z.id, aa.id, a.id]);
    expect(await order("name", "desc")).toEqual([a.id, aa.id, z.id]);
    expect(await order("owner", "asc")).toEqual([a.id, aa.id, z.id]);

    const region = await createRegion();
    const collaboration = await createCollaboration([region.id]);
    await markCommonStandard({
      standardId: aa.id,
      collaborationId: collaboration.id,
      level: "recommended",
      decisionReference: "Styrgruppen 2026-01-15 § 2",
      decidedOn: "2026-01-15",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    const common = await listStandards({ principal, filters: { q: prefix, collaborationId: collaboration.id } });
    expect(common.standards.map((s) => s.id)).toEqual([aa.id]);
    expect(common.standards[0]?.commonIn).toEqual([
      { collaborationId: collaboration.id, collaborationName: collaboration.name, level: "recommended" },
    ]);
  });

  test("the picker's choices list every standard with its versions, newest first", async () => {
    const actor = await admin();
    const { id } = await newStandard(actor.id, {}, "ICD-10-SE 2024");
    await db.update(standardVersions).set({ releasedOn: "2024-01-01" }).where(eq(standardVersions.standardId, id));
    await addStandardVersion({
      standardId: id,
      baseVersion: 1,
      label: "ICD-10-SE 2025",
      releasedOn: "2025-01-01",
      note: "",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    const choice = (await listStandardChoices()).find((row) => row.id === id);
    expect(choice).toMatchObject({ currentVersion: "ICD-10-SE 2025", versions: ["ICD-10-SE 2025", "ICD-10-SE 2024"] });
  });
});

describe("versions and flagged requirements", () => {
  test("a new version becomes current; requirements pinned to the old one are flagged, unpinned and current ones are not", async () => {
    const region = await createRegion();
    const editor = await createMember(region.id, "editor");
    const actor = await admin();
    const { id } = await newStandard(actor.id, {}, "2024-05-31");
    const pinnedOld = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id, title: "Gammal" });
    const unpinned = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id, title: "Utan" });
    const pinnedNew = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id, title: "Ny" });
    await linkRequirement(pinnedOld.requirementId, id, "2024-05-31");
    await linkRequirement(unpinned.requirementId, id, null);
    await linkRequirement(pinnedNew.requirementId, id, "2024-11-30");
    const principal = await principalFor(editor);

    expect(await listLinkedRequirements({ standardId: id, principal })).toMatchObject({ total: 3, outdated: 1 });

    const result = await addStandardVersion({
      standardId: id,
      baseVersion: 1,
      label: "2024-11-30",
      releasedOn: "2024-11-30",
      note: "Novemberutgåvan",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "added", version: 2 });
    expect(await standardRow(id)).toMatchObject({ currentVersion: "2024-11-30", version: 2 });
    expect((await listStandardVersions({ standardId: id })).map((v) => v.label)).toEqual(["2024-11-30", "2024-05-31"]);

    const linked = await listLinkedRequirements({ standardId: id, principal });
    expect(linked).toMatchObject({ total: 3, outdated: 1 });
    // Outdated first, then by region, set title ("Ny" before "Utan") and ref.
    expect(linked.requirements.map((row) => [row.requirementId, row.state])).toEqual([
      [pinnedOld.requirementId, "outdated"],
      [pinnedNew.requirementId, "current"],
      [unpinned.requirementId, "unpinned"],
    ]);
    const [event] = (await auditRows("standard.version_added")).filter((e) => e.targetId === id);
    expect(JSON.parse(event?.details ?? "{}")).toMatchObject({
      label: "2024-11-30",
      previous: "2024-05-31",
      flaggedLinks: 1,
    });
  });

  test("a version name already used, or a stale page, is refused and nothing changes", async () => {
    const actor = await admin();
    const { id } = await newStandard(actor.id, {}, "1.0");
    expect(
      await addStandardVersion({
        standardId: id,
        baseVersion: 1,
        label: "1.0",
        releasedOn: null,
        note: "",
        actorUserId: actor.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "duplicate-label" });
    const stale = await addStandardVersion({
      standardId: id,
      baseVersion: 7,
      label: "2.0",
      releasedOn: null,
      note: "",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(stale.status).toBe("conflict");
    expect(await standardRow(id)).toMatchObject({ currentVersion: "1.0", version: 1 });
    expect(await listStandardVersions({ standardId: id })).toHaveLength(1);
    expect(
      await addStandardVersion({
        standardId: "00000000-0000-4000-8000-000000000000",
        baseVersion: 1,
        label: "2.0",
        releasedOn: null,
        note: "",
        actorUserId: actor.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "not-found" });
  });

  test("the SQL rule for a link's state agrees with standardLinkState on every kind of pin", async () => {
    const cases: Array<[string | null, string]> = [
      [null, "R4"],
      ["", "R4"],
      ["  ", "R4"],
      ["R4", "R4"],
      [" R4 ", "R4"],
      ["R3", "R4"],
      ["R3", ""],
      [null, ""],
    ];
    for (const [pinned, current] of cases) {
      const [row] = rowsOf<{ state: string }>(
        await db.execute(sql`select ${standardLinkStateSql(sql`${pinned}::text`, sql`${current}::text`)} as state`),
      );
      expect(row?.state, `pinned ${String(pinned)} / current ${current}`).toBe(
        standardLinkState({ pinnedVersion: pinned, currentVersion: current }),
      );
    }
  });
});

describe("who sees which requirements that refer to a standard", () => {
  /**
   * Region A's private set, region B's private set, B's set shared with collaboration AB, C's set
   * shared with every region, and in A's set a deleted requirement and an archived set: each
   * refers to the standard pinned to the old version.
   */
  async function world() {
    const regionA = await createRegion();
    const regionB = await createRegion();
    const regionC = await createRegion();
    const collaboration = await createCollaboration([regionA.id, regionB.id]);
    const viewerA = await createMember(regionA.id, "viewer");
    const editorA = await createMember(regionA.id, "editor");
    const editorB = await createMember(regionB.id, "editor");
    const editorC = await createMember(regionC.id, "editor");
    const steering = await createUser();
    await addMembership(steering.id, regionC.id, "viewer");
    await addSteeringMember(collaboration.id, steering.id, "member");
    const platformAdmin = await admin();
    const { id: standardId } = await newStandard(platformAdmin.id, {}, "old");
    const privateA = await createSetFixture({ ownerRegionId: regionA.id, authorId: editorA.id });
    const privateB = await createSetFixture({ ownerRegionId: regionB.id, authorId: editorB.id });
    const sharedB = await createSetFixture({
      ownerRegionId: regionB.id,
      authorId: editorB.id,
      sharing: { visibility: "collaboration", collaborationId: collaboration.id },
    });
    const portalC = await createSetFixture({
      ownerRegionId: regionC.id,
      authorId: editorC.id,
      sharing: { visibility: "portal" },
    });
    const deletedA = await createSetFixture({ ownerRegionId: regionA.id, authorId: editorA.id });
    const archivedA = await createSetFixture({ ownerRegionId: regionA.id, authorId: editorA.id });
    for (const fixture of [privateA, privateB, sharedB, portalC, deletedA, archivedA]) {
      await linkRequirement(fixture.requirementId, standardId, "old");
    }
    const deleted = await requirementRow(deletedA.requirementId);
    await setRequirementDeleted({
      setId: deletedA.setId,
      requirementId: deletedA.requirementId,
      baseVersion: deleted.version,
      deleted: true,
      actorUserId: editorA.id,
    });
    await setArchived({
      setId: archivedA.setId,
      baseVersion: (await setRow(archivedA.setId)).version,
      archived: true,
      actorUserId: editorA.id,
    });
    await addStandardVersion({
      standardId,
      baseVersion: 1,
      label: "new",
      releasedOn: null,
      note: "",
      actorUserId: platformAdmin.id,
      request: TEST_REQUEST,
    });
    return { standardId, viewerA, editorB, steering, platformAdmin, privateA, privateB, sharedB, portalC };
  }

  test("each reader sees, and counts, only live requirements in sets they may read", async () => {
    const w = await world();
    const seen = async (user: { id: string; isPlatformAdmin: boolean }) => {
      const principal = await principalFor(user);
      const linked = await listLinkedRequirements({ standardId: w.standardId, principal });
      const catalogue = await listStandards({ principal, filters: {} });
      const row = catalogue.standards.find((standard) => standard.id === w.standardId);
      return {
        ids: linked.requirements.map((r) => r.requirementId).sort(),
        total: linked.total,
        outdated: linked.outdated,
        catalogue: [row?.requirementCount, row?.outdatedCount],
      };
    };
    const sorted = (...ids: string[]) => [...ids].sort();

    // Region A: its own private set, B's set shared with AB, C's portal set; never B's private set,
    // the deleted requirement or the archived set.
    expect(await seen(w.viewerA)).toEqual({
      ids: sorted(w.privateA.requirementId, w.sharedB.requirementId, w.portalC.requirementId),
      total: 3,
      outdated: 3,
      catalogue: [3, 3],
    });
    expect(await seen(w.editorB)).toEqual({
      ids: sorted(w.privateB.requirementId, w.sharedB.requirementId, w.portalC.requirementId),
      total: 3,
      outdated: 3,
      catalogue: [3, 3],
    });
    // The steering group member (a viewer in region C) sees the AB set and the portal set.
    expect(await seen(w.steering)).toEqual({
      ids: sorted(w.sharedB.requirementId, w.portalC.requirementId),
      total: 2,
      outdated: 2,
      catalogue: [2, 2],
    });
    // A platform admin has no region: only what is shared with every region.
    expect(await seen(w.platformAdmin)).toEqual({
      ids: [w.portalC.requirementId],
      total: 1,
      outdated: 1,
      catalogue: [1, 1],
    });
  });
});

describe("common standards", () => {
  test("the steering group marks, changes and removes a common standard; every step is audited with its decision", async () => {
    const region = await createRegion();
    const collaboration = await createCollaboration([region.id]);
    const chair = await createUser({ name: "Per Andersson" });
    await addSteeringMember(collaboration.id, chair.id, "chair");
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    const mark = (level: "required" | "recommended", decisionReference: string) =>
      markCommonStandard({
        standardId: id,
        collaborationId: collaboration.id,
        level,
        decisionReference,
        decidedOn: "2026-11-20",
        actorUserId: chair.id,
        request: TEST_REQUEST,
      });
    expect(await mark("recommended", "Styrgruppen 3R 2026-06-04 § 9")).toEqual({ status: "saved", created: true });
    expect(await mark("required", "Styrgruppen 3R 2026-11-20 § 4")).toEqual({ status: "saved", created: false });
    expect(await listCommonMarkings({ standardId: id })).toEqual([
      expect.objectContaining({
        collaborationId: collaboration.id,
        level: "required",
        decisionReference: "Styrgruppen 3R 2026-11-20 § 4",
        decidedOn: "2026-11-20",
        decidedByName: "Per Andersson",
      }),
    ]);
    const marked = (await auditRows("standard.common_marked")).filter((e) => e.targetId === id);
    expect(marked.map((e) => JSON.parse(e.details ?? "{}"))).toEqual([
      expect.objectContaining({ level: "recommended", previousLevel: null }),
      expect.objectContaining({
        level: "required",
        previousLevel: "recommended",
        previousReference: "Styrgruppen 3R 2026-06-04 § 9",
      }),
    ]);

    const removed = await removeCommonStandard({
      standardId: id,
      collaborationId: collaboration.id,
      decisionReference: "Styrgruppen 3R 2026-12-01 § 2",
      actorUserId: chair.id,
      request: TEST_REQUEST,
    });
    expect(removed).toEqual({ status: "removed" });
    expect(await listCommonMarkings({ standardId: id })).toEqual([]);
    const [event] = (await auditRows("standard.common_removed")).filter((e) => e.targetId === id);
    expect(JSON.parse(event?.details ?? "{}")).toMatchObject({
      decisionReference: "Styrgruppen 3R 2026-12-01 § 2",
      previousLevel: "required",
    });
    expect(
      await removeCommonStandard({
        standardId: id,
        collaborationId: collaboration.id,
        decisionReference: "igen",
        actorUserId: chair.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "not-marked" });
  });

  test("marking an unknown standard or collaboration finds nothing and writes nothing", async () => {
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    const result = await markCommonStandard({
      standardId: id,
      collaborationId: "00000000-0000-4000-8000-000000000000",
      level: "required",
      decisionReference: "x",
      decidedOn: "2026-01-01",
      actorUserId: actor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "not-found" });
    expect(await listCommonMarkings({ standardId: id })).toEqual([]);
  });
});

describe("adoption", () => {
  test("a region records its adoption and changes it from the version it saw; a stale version is a conflict", async () => {
    const region = await createRegion();
    const first = await createMember(region.id, "admin");
    const second = await createUser({ name: "Maria Johansson" });
    await addMembership(second.id, region.id, "admin");
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    const record = (actorUserId: string, status: "adopted" | "planned" | "evaluating", baseVersion: number) =>
      recordAdoption({
        regionId: region.id,
        standardId: id,
        status,
        statusDate: status === "planned" ? "2027-09-01" : "2026-11-02",
        note: `${status} av ${actorUserId}`,
        baseVersion,
        actorUserId,
        request: TEST_REQUEST,
      });

    expect(await record(first.id, "evaluating", 0)).toEqual({ status: "saved", version: 1 });
    expect(await record(second.id, "planned", 1)).toEqual({ status: "saved", version: 2 });
    // The first admin's page still shows version 1 (and before that, nothing at all).
    for (const stale of [1, 0]) {
      const conflict = await record(first.id, "adopted", stale);
      if (conflict.status !== "conflict") throw new Error(`expected a conflict, got ${conflict.status}`);
      expect(conflict.current).toMatchObject({
        status: "planned",
        statusDate: "2027-09-01",
        version: 2,
        recordedByName: "Maria Johansson",
      });
    }
    expect(await getAdoption({ regionId: region.id, standardId: id })).toMatchObject({ status: "planned", version: 2 });
    const events = await db
      .select({ details: auditEvents.details, regionId: auditEvents.regionId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "standard.adoption_recorded"), eq(auditEvents.targetId, id)));
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.regionId === region.id)).toBe(true);
    expect(events.map((event) => JSON.parse(event.details ?? "{}"))).toEqual([
      expect.objectContaining({ status: "evaluating", previousStatus: null }),
      expect.objectContaining({ status: "planned", previousStatus: "evaluating" }),
    ]);
  });

  test("a first record against a base version that never existed is a conflict, not an insert", async () => {
    const region = await createRegion();
    const adminA = await createMember(region.id, "admin");
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    const result = await recordAdoption({
      regionId: region.id,
      standardId: id,
      status: "adopted",
      statusDate: null,
      note: "",
      baseVersion: 3,
      actorUserId: adminA.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "conflict", current: null });
    expect(await getAdoption({ regionId: region.id, standardId: id })).toBeNull();
  });

  test("the standard's page lists every region, with nothing recorded where a region has not answered", async () => {
    const regionA = await createRegion({ name: "Region Ö-test" });
    const regionB = await createRegion({ name: "Region Å-test" });
    const adminA = await createMember(regionA.id, "admin");
    const actor = await admin();
    const { id } = await newStandard(actor.id);
    await recordAdoption({
      regionId: regionA.id,
      standardId: id,
      status: "adopted",
      statusDate: "2025-01-14",
      note: "Infört med Cosmic.",
      baseVersion: 0,
      actorUserId: adminA.id,
      request: TEST_REQUEST,
    });
    const rows = await listStandardAdoptions({ standardId: id });
    const mine = rows.filter((row) => row.regionId === regionA.id || row.regionId === regionB.id);
    // Swedish order: Å before Ö.
    expect(mine.map((row) => [row.regionName, row.status, row.statusDate])).toEqual([
      ["Region Å-test", null, null],
      ["Region Ö-test", "adopted", "2025-01-14"],
    ]);
  });
});

describe("the adoption matrix", () => {
  test("a collaboration's regions × standards, with its common standards' deviations and the totals", async () => {
    const regionA = await createRegion({ name: "Region Alfa" });
    const regionB = await createRegion({ name: "Region Beta" });
    const outsider = await createRegion({ name: "Region Gamma" });
    const collaboration = await createCollaboration([regionA.id, regionB.id]);
    const other = await createCollaboration([outsider.id, regionA.id]);
    const actor = await admin();
    const category = "accessibility" as const;
    const required = await newStandard(actor.id, { code: uniqueCode("A-REQ"), category });
    const recommended = await newStandard(actor.id, { code: uniqueCode("B-REC"), category });
    const free = await newStandard(actor.id, { code: uniqueCode("C-FREE"), category });
    const elsewhere = await newStandard(actor.id, { code: uniqueCode("D-ELSE"), category: "law" });
    const mark = (standardId: string, collaborationId: string, level: "required" | "recommended") =>
      markCommonStandard({
        standardId,
        collaborationId,
        level,
        decisionReference: "Styrgruppen 2026-05-21 § 5",
        decidedOn: "2026-05-21",
        actorUserId: actor.id,
        request: TEST_REQUEST,
      });
    await mark(required.id, collaboration.id, "required");
    await mark(recommended.id, collaboration.id, "recommended");
    // Common in another collaboration only: no deviation when the first collaboration is chosen.
    await mark(free.id, other.id, "required");
    const adopt = (
      regionId: string,
      standardId: string,
      status: "adopted" | "planned" | "evaluating" | "not_applicable",
    ) =>
      recordAdoption({
        regionId,
        standardId,
        status,
        statusDate: null,
        note: "",
        baseVersion: 0,
        actorUserId: actor.id,
        request: TEST_REQUEST,
      });
    await adopt(regionA.id, required.id, "adopted");
    await adopt(regionB.id, required.id, "evaluating"); // deviation
    await adopt(regionA.id, recommended.id, "planned");
    // regionB has recorded nothing for `recommended`: deviation
    await adopt(regionA.id, free.id, "not_applicable");
    await adopt(regionB.id, free.id, "adopted");

    const matrix = await getAdoptionMatrix({ filters: { collaborationId: collaboration.id, category } });
    expect(matrix.regions.map((r) => r.name)).toEqual(["Region Alfa", "Region Beta"]);
    const mine = matrix.rows.filter((row) => [required.id, recommended.id, free.id].includes(row.standard.id));
    expect(mine.map((row) => row.standard.id)).toEqual([required.id, recommended.id, free.id]);
    expect(mine.map((row) => row.cells.map((cell) => [cell.status, cell.deviation]))).toEqual([
      [
        ["adopted", false],
        ["evaluating", true],
      ],
      [
        ["planned", false],
        ["none", true],
      ],
      [
        ["not_applicable", false],
        ["adopted", false],
      ],
    ]);
    expect(mine[0]?.commonIn).toEqual([{ collaborationName: collaboration.name, level: "required" }]);
    expect(mine[2]?.commonIn).toEqual([]);
    expect(mine.map((row) => [row.totals.adopted, row.totals.deviations])).toEqual([
      [1, 1],
      [0, 1],
      [1, 0],
    ]);
    expect(matrix.deviations.map((d) => [d.regionName, d.standardCode, d.status])).toEqual([
      ["Region Beta", required.code, "evaluating"],
      ["Region Beta", recommended.code, "none"],
    ]);
    // Totals computed independently from the cells.
    const cells = matrix.rows.flatMap((row) => row.cells);
    expect(matrix.overall.adopted).toBe(cells.filter((cell) => cell.status === "adopted").length);
    expect(matrix.overall.deviations).toBe(cells.filter((cell) => cell.deviation).length);
    matrix.regions.forEach((_, index) => {
      const column = matrix.rows.map((row) => row.cells[index]);
      expect(matrix.regionTotals[index]?.adopted).toBe(column.filter((cell) => cell?.status === "adopted").length);
    });

    // Only the common standards, when asked; the law standard never in the accessibility view.
    const commonOnly = await getAdoptionMatrix({
      filters: { collaborationId: collaboration.id, category, commonOnly: true },
    });
    expect(commonOnly.rows.map((row) => row.standard.id)).toEqual([required.id, recommended.id]);
    expect(matrix.rows.some((row) => row.standard.id === elsewhere.id)).toBe(false);

    // Without a collaboration every region is shown, and each deviates from its own collaborations' decisions.
    const all = await getAdoptionMatrix({ filters: { category } });
    const freeRow = all.rows.find((row) => row.standard.id === free.id);
    const column = (regionId: string) => all.regions.findIndex((region) => region.id === regionId);
    expect(freeRow?.cells[column(regionA.id)]).toMatchObject({ status: "not_applicable", deviation: true });
    expect(freeRow?.cells[column(outsider.id)]).toMatchObject({ status: "none", deviation: true });
    expect(freeRow?.cells[column(regionB.id)]).toMatchObject({ status: "adopted", deviation: false });
  });
});
