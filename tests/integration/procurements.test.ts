import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditEvents } from "../../db/schema/accounts";
import { lessons } from "../../db/schema/lessons";
import { procurementRegions, procurements, procurementStatusReports } from "../../db/schema/procurements";
import {
  addDecision,
  addMilestone,
  addStatusReport,
  createProcurement,
  getMilestone,
  getProcurementRecords,
  getVisibleProcurement,
  linkLesson,
  linkSet,
  listLinkCandidates,
  listProcurements,
  removeDecision,
  removeMilestone,
  setProcurementArchived,
  shareProcurement,
  unlinkLesson,
  unlinkSet,
  updateMilestone,
  updateProcurement,
  type ProcurementFilters,
} from "~/models/procurements.server";
import { setArchived } from "~/models/requirement-sets.server";
import { db } from "~/utils/db.server";
import type { Principal } from "~/utils/policy.server";
import type { ProcurementInput } from "~/utils/procurement-fields";

import {
  addMembership,
  addSteeringMember,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
} from "../support/factories";
import { createSetFixture } from "../support/set-factories";

import { principalFor, setRow, TEST_REQUEST } from "./set-helpers";

/**
 * The procurements model on a real database (PGlite, or PostgreSQL with DATABASE_URL): every
 * write and its audit event, optimistic concurrency, and above all who sees what in lists,
 * counts and the linked sets and lessons.
 */

/** A lead region with a partner in one collaboration, an outsider, and the people around them. */
async function world() {
  const lead = await createRegion();
  const partner = await createRegion();
  const outsider = await createRegion();
  const collaboration = await createCollaboration([lead.id, partner.id]);
  const editor = await createMember(lead.id, "editor");
  const admin = await createMember(lead.id, "admin");
  const viewer = await createMember(lead.id, "viewer");
  const partnerViewer = await createMember(partner.id, "viewer");
  const outsiderEditor = await createMember(outsider.id, "editor");
  const steering = await createUser();
  await addMembership(steering.id, outsider.id, "viewer");
  await addSteeringMember(collaboration.id, steering.id, "member");
  const principals = {
    editor: await principalFor(editor),
    admin: await principalFor(admin),
    viewer: await principalFor(viewer),
    partnerViewer: await principalFor(partnerViewer),
    outsiderEditor: await principalFor(outsiderEditor),
    steering: await principalFor(steering),
  };
  return {
    lead,
    partner,
    outsider,
    collaboration,
    editor,
    admin,
    viewer,
    partnerViewer,
    outsiderEditor,
    steering,
    principals,
  };
}

type World = Awaited<ReturnType<typeof world>>;

function input(overrides: Partial<ProcurementInput> = {}): ProcurementInput {
  return {
    title: "Upphandling av vårdinformationssystem",
    description: "Gemensam upphandling av ett nytt vårdinformationsstöd.",
    caseNumber: "RS 2026/0142",
    participantRegionIds: [],
    phase: "tender_documents",
    rag: "green",
    ragReason: "",
    ...overrides,
  };
}

async function newProcurement(w: World, overrides: Partial<ProcurementInput> = {}, leadRegionId = w.lead.id) {
  const result = await createProcurement({
    leadRegionId,
    input: input(overrides),
    actorUserId: w.editor.id,
    request: TEST_REQUEST,
  });
  if (result.status !== "created") throw new Error(`not created: ${result.status}`);
  return result.procurementId;
}

async function share(w: World, procurementId: string, visibility: "collaboration" | "portal" | "private") {
  const row = await procurementRow(procurementId);
  const result = await shareProcurement({
    procurementId,
    baseVersion: row.version,
    visibility,
    collaborationId: visibility === "collaboration" ? w.collaboration.id : null,
    actorUserId: w.admin.id,
    request: TEST_REQUEST,
  });
  if (result.status !== "saved") throw new Error("not shared");
}

async function procurementRow(procurementId: string) {
  const [row] = await db.select().from(procurements).where(eq(procurements.id, procurementId));
  if (!row) throw new Error("no procurement");
  return row;
}

async function auditFor(procurementId: string, action: string) {
  return db
    .select({ action: auditEvents.action, details: auditEvents.details, actorUserId: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, procurementId), eq(auditEvents.action, action)));
}

const noFilters: ProcurementFilters = { archived: false, sort: "title" };

async function listedIds(principal: Principal, filters: Partial<ProcurementFilters> = {}) {
  const { procurements: rows } = await listProcurements({ principal, filters: { ...noFilters, ...filters } });
  return rows.map((row) => row.id);
}

async function insertLesson(ownerRegionId: string, title: string, visibility: "private" | "portal" = "private") {
  const [row] = await db
    .insert(lessons)
    .values({ ownerRegionId, title, sourceKind: "court_ruling", visibility })
    .returning({ id: lessons.id });
  if (!row) throw new Error("no lesson");
  return row.id;
}

describe("creating and reading", () => {
  test("a procurement is created with its participants (the lead region is not one of them) and audited", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id, w.lead.id, w.partner.id] });
    const row = await procurementRow(id);
    expect(row).toMatchObject({
      ownerRegionId: w.lead.id,
      title: "Upphandling av vårdinformationssystem",
      caseNumber: "RS 2026/0142",
      phase: "tender_documents",
      rag: "green",
      visibility: "private",
      version: 1,
      createdByUserId: w.editor.id,
    });
    const participants = await db
      .select({ regionId: procurementRegions.regionId })
      .from(procurementRegions)
      .where(eq(procurementRegions.procurementId, id));
    expect(participants).toEqual([{ regionId: w.partner.id }]);
    const [audit] = await auditFor(id, "procurement.created");
    expect(audit?.actorUserId).toBe(w.editor.id);
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({ participants: 1, phase: "tender_documents" });
  });

  test("an unknown participating region refuses the whole procurement", async () => {
    const w = await world();
    const before = await db.select({ id: procurements.id }).from(procurements);
    const result = await createProcurement({
      leadRegionId: w.lead.id,
      input: input({ participantRegionIds: ["00000000-0000-4000-8000-000000000000"] }),
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "invalid-participants", regionIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(await db.select({ id: procurements.id }).from(procurements)).toHaveLength(before.length);
  });

  test("a private procurement is read by the lead region and the participating regions, and by nobody else", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    const seenBy = async (principal: Principal) =>
      (await getVisibleProcurement({ procurementId: id, principal })) !== null;
    expect(await seenBy(w.principals.viewer)).toBe(true);
    expect(await seenBy(w.principals.partnerViewer)).toBe(true);
    expect(await seenBy(w.principals.outsiderEditor)).toBe(false);
    // The steering group of the lead's collaboration sees it only once it is shared with that collaboration.
    expect(await seenBy(w.principals.steering)).toBe(false);
    const visible = await getVisibleProcurement({ procurementId: id, principal: w.principals.partnerViewer });
    expect(visible?.participants.map((region) => region.id)).toEqual([w.partner.id]);
    expect(visible?.leadRegionName).toBe(w.lead.name);
  });
});

describe("the list and its counts", () => {
  test("a private procurement is missing from others' lists and counts; sharing shows it to the collaboration", async () => {
    const w = await world();
    const id = await newProcurement(w, { rag: "red", ragReason: "Leverantören har inte levererat." });
    const onlyLead = { leadRegionId: w.lead.id };
    for (const principal of [w.principals.outsiderEditor, w.principals.partnerViewer, w.principals.steering]) {
      expect(await listedIds(principal)).not.toContain(id);
      const { procurements: rows, ragCounts } = await listProcurements({
        principal,
        filters: { ...noFilters, ...onlyLead },
      });
      expect(rows).toEqual([]);
      expect(ragCounts).toEqual({ red: 0, amber: 0, green: 0 });
    }
    const mine = await listProcurements({ principal: w.principals.viewer, filters: { ...noFilters, ...onlyLead } });
    expect(mine.procurements.map((row) => row.id)).toEqual([id]);
    expect(mine.ragCounts).toEqual({ red: 1, amber: 0, green: 0 });

    await share(w, id, "collaboration");
    expect(await listedIds(w.principals.partnerViewer, onlyLead)).toEqual([id]);
    expect(await listedIds(w.principals.steering, onlyLead)).toEqual([id]);
    expect(await listedIds(w.principals.outsiderEditor, onlyLead)).toEqual([]);
    await share(w, id, "portal");
    expect(await listedIds(w.principals.outsiderEditor, onlyLead)).toEqual([id]);
  });

  test("a participating region sees a private procurement in its list", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    expect(await listedIds(w.principals.partnerViewer, { leadRegionId: w.lead.id })).toEqual([id]);
  });

  test("filters by phase, RAG, lead, participant and collaboration; counts ignore only the RAG filter", async () => {
    const w = await world();
    const red = await newProcurement(w, { title: "A röd", rag: "red", ragReason: "Försenad.", phase: "evaluation" });
    const amber = await newProcurement(w, {
      title: "B gul",
      rag: "amber",
      ragReason: "Pressad tidplan.",
      phase: "evaluation",
      participantRegionIds: [w.partner.id],
    });
    const green = await newProcurement(w, { title: "C grön", phase: "contract" });
    const partnerLed = await newProcurement(w, { title: "D partner" }, w.partner.id);
    const principal = w.principals.viewer;
    const lead = { leadRegionId: w.lead.id };
    expect(await listedIds(principal, lead)).toEqual([red, amber, green]);
    expect(await listedIds(principal, { ...lead, phase: "evaluation" })).toEqual([red, amber]);
    expect(await listedIds(principal, { ...lead, rag: "amber" })).toEqual([amber]);
    expect(await listedIds(principal, { ...lead, sort: "rag" })).toEqual([red, amber, green]);
    // The participant filter takes the regions that lead or take part; the partner's own one is not visible to A.
    expect(await listedIds(principal, { participantRegionId: w.partner.id })).toEqual([amber]);
    expect(await listedIds(w.principals.partnerViewer, { participantRegionId: w.partner.id })).toEqual([
      amber,
      partnerLed,
    ]);
    // The collaboration filter: shared with it, or led by one of its member regions.
    expect(await listedIds(principal, { collaborationId: w.collaboration.id })).toEqual([red, amber, green]);
    const { ragCounts } = await listProcurements({ principal, filters: { ...noFilters, ...lead, rag: "red" } });
    expect(ragCounts).toEqual({ red: 1, amber: 1, green: 1 });
  });

  test("each row shows its participants and the newest report by period, not the last one written", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    await report(w, id, { periodStart: "2026-07-01", periodEnd: "2026-09-30", rag: "amber" });
    await report(w, id, { periodStart: "2026-04-01", periodEnd: "2026-06-30", rag: "green" });
    const { procurements: rows } = await listProcurements({
      principal: w.principals.viewer,
      filters: { ...noFilters, leadRegionId: w.lead.id },
    });
    expect(rows[0]?.participants.map((region) => region.id)).toEqual([w.partner.id]);
    expect(rows[0]?.latestReport).toMatchObject({ periodStart: "2026-07-01", periodEnd: "2026-09-30", rag: "amber" });
    expect(rows[0]?.latestReport?.writtenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("sorts by latest report (none last), by phase in the LOU order and by lead region", async () => {
    const w = await world();
    const unreported = await newProcurement(w, { title: "A utan rapport", phase: "contract" });
    const reported = await newProcurement(w, { title: "B med rapport", phase: "needs_analysis" });
    const cancelled = await newProcurement(w, { title: "C avbruten", phase: "cancelled" });
    await report(w, reported);
    const lead = { leadRegionId: w.lead.id };
    expect(await listedIds(w.principals.viewer, { ...lead, sort: "report" })).toEqual([
      reported,
      unreported,
      cancelled,
    ]);
    expect(await listedIds(w.principals.viewer, { ...lead, sort: "phase" })).toEqual([reported, unreported, cancelled]);
    expect(await listedIds(w.principals.viewer, { ...lead, sort: "lead" })).toEqual([unreported, reported, cancelled]);
  });

  test("archived procurements leave the list and appear under the archived filter; restoring brings them back", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const archived = await setProcurementArchived({
      procurementId: id,
      baseVersion: 1,
      archived: true,
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    expect(archived).toEqual({ status: "saved", version: 2 });
    expect(await listedIds(w.principals.viewer, { leadRegionId: w.lead.id })).toEqual([]);
    expect(await listedIds(w.principals.viewer, { leadRegionId: w.lead.id, archived: true })).toEqual([id]);
    expect(await auditFor(id, "procurement.archived")).toHaveLength(1);
    const stale = await setProcurementArchived({
      procurementId: id,
      baseVersion: 1,
      archived: false,
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    expect(stale.status).toBe("conflict");
    await setProcurementArchived({
      procurementId: id,
      baseVersion: 2,
      archived: false,
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    expect(await listedIds(w.principals.viewer, { leadRegionId: w.lead.id })).toEqual([id]);
    expect(await auditFor(id, "procurement.restored")).toHaveLength(1);
  });
});

describe("editing with optimistic concurrency", () => {
  test("a save on the current version changes details and participants and records which fields changed", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    const result = await updateProcurement({
      procurementId: id,
      baseVersion: 1,
      input: input({
        phase: "publication",
        rag: "amber",
        ragReason: "Remissvaren kräver omarbetning.",
        participantRegionIds: [w.outsider.id],
      }),
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "saved", version: 2 });
    const row = await procurementRow(id);
    expect(row).toMatchObject({ phase: "publication", rag: "amber", ragReason: "Remissvaren kräver omarbetning." });
    const participants = await db
      .select({ regionId: procurementRegions.regionId })
      .from(procurementRegions)
      .where(eq(procurementRegions.procurementId, id));
    expect(participants).toEqual([{ regionId: w.outsider.id }]);
    const [audit] = await auditFor(id, "procurement.updated");
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({
      fields: "phase,rag,ragReason,participants",
      version: 2,
    });
    // The partner no longer takes part, so it no longer reads the private procurement.
    expect(await getVisibleProcurement({ procurementId: id, principal: w.principals.partnerViewer })).toBeNull();
  });

  test("a save on a stale version is a conflict that changes nothing and says what the other save did", async () => {
    const w = await world();
    const id = await newProcurement(w);
    await updateProcurement({
      procurementId: id,
      baseVersion: 1,
      input: input({ title: "Första titeln", rag: "red", ragReason: "Överprövad." }),
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    const result = await updateProcurement({
      procurementId: id,
      baseVersion: 1,
      input: input({ title: "Andra titeln" }),
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    expect(result).toMatchObject({
      status: "conflict",
      current: { version: 2, title: "Första titeln", rag: "red", ragReason: "Överprövad." },
      changedByName: w.admin.name,
    });
    expect((await procurementRow(id)).title).toBe("Första titeln");
    expect(await auditFor(id, "procurement.updated")).toHaveLength(1);
  });

  test("two saves racing on the same version: exactly one wins", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const results = await Promise.all(
      ["Titel ett", "Titel två", "Titel tre"].map((title) =>
        updateProcurement({
          procurementId: id,
          baseVersion: 1,
          input: input({ title }),
          actorUserId: w.editor.id,
          request: TEST_REQUEST,
        }),
      ),
    );
    expect(results.filter((result) => result.status === "saved")).toHaveLength(1);
    expect(results.filter((result) => result.status === "conflict")).toHaveLength(2);
    expect((await procurementRow(id)).version).toBe(2);
  });

  test("sharing is guarded by the version and audited with before and after", async () => {
    const w = await world();
    const id = await newProcurement(w);
    await share(w, id, "collaboration");
    const row = await procurementRow(id);
    expect(row).toMatchObject({ visibility: "collaboration", collaborationId: w.collaboration.id, version: 2 });
    const [audit] = await auditFor(id, "procurement.shared");
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({
      from: "private",
      to: "collaboration",
      collaborationId: w.collaboration.id,
    });
    const stale = await shareProcurement({
      procurementId: id,
      baseVersion: 1,
      visibility: "portal",
      collaborationId: null,
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    expect(stale.status).toBe("conflict");
    expect((await procurementRow(id)).visibility).toBe("collaboration");
  });
});

async function report(
  w: World,
  procurementId: string,
  overrides: Partial<{ periodStart: string; periodEnd: string; rag: "green" | "amber" | "red"; summary: string }> = {},
) {
  return addStatusReport({
    procurementId,
    input: {
      periodStart: "2026-07-01",
      periodEnd: "2026-09-30",
      rag: "green",
      summary: "Arbetet följer tidplanen.",
      risks: "",
      nextSteps: "",
      ...overrides,
    },
    actorUserId: w.editor.id,
    request: TEST_REQUEST,
  });
}

describe("status reports", () => {
  test("a report for the newest period sets the procurement's RAG and reason and moves its version on", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const result = await report(w, id, { rag: "red", summary: "Driftstarten är uppskjuten." });
    expect(result).toMatchObject({ status: "added", updatedRag: true });
    expect(await procurementRow(id)).toMatchObject({
      rag: "red",
      ragReason: "Driftstarten är uppskjuten.",
      version: 2,
    });
    const [audit] = await auditFor(id, "procurement.report_added");
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({ rag: "red", updatedRag: true });
  });

  test("a report for an older period is kept but leaves the procurement's RAG alone", async () => {
    const w = await world();
    const id = await newProcurement(w);
    await report(w, id, { periodStart: "2026-07-01", periodEnd: "2026-09-30", rag: "amber", summary: "Gul." });
    const older = await report(w, id, {
      periodStart: "2026-04-01",
      periodEnd: "2026-06-30",
      rag: "red",
      summary: "Röd.",
    });
    expect(older.updatedRag).toBe(false);
    expect(await procurementRow(id)).toMatchObject({ rag: "amber", ragReason: "Gul.", version: 2 });
    // Same end, later start: the shorter, newer period counts as the newest.
    const sameEnd = await report(w, id, {
      periodStart: "2026-09-01",
      periodEnd: "2026-09-30",
      rag: "green",
      summary: "Grön.",
    });
    expect(sameEnd.updatedRag).toBe(true);
    expect((await procurementRow(id)).rag).toBe("green");
    const records = await getProcurementRecords({ procurementId: id, principal: w.principals.viewer });
    expect(records.reports.map((row) => [row.periodStart, row.rag, row.authorName])).toEqual([
      ["2026-09-01", "green", w.editor.name],
      ["2026-07-01", "amber", w.editor.name],
      ["2026-04-01", "red", w.editor.name],
    ]);
  });

  test("a report makes an edit form opened before it a conflict instead of overwriting its RAG", async () => {
    const w = await world();
    const id = await newProcurement(w);
    await report(w, id, { rag: "red", summary: "Stoppad." });
    const result = await updateProcurement({
      procurementId: id,
      baseVersion: 1,
      input: input({ rag: "green" }),
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    expect(result.status).toBe("conflict");
    expect((await procurementRow(id)).rag).toBe("red");
  });

  test("reports written at once agree on the newest: the procurement ends with the newest period's RAG", async () => {
    const w = await world();
    const id = await newProcurement(w);
    await Promise.all([
      report(w, id, { periodStart: "2026-01-01", periodEnd: "2026-03-31", rag: "green", summary: "Q1" }),
      report(w, id, { periodStart: "2026-07-01", periodEnd: "2026-09-30", rag: "red", summary: "Q3" }),
      report(w, id, { periodStart: "2026-04-01", periodEnd: "2026-06-30", rag: "amber", summary: "Q2" }),
    ]);
    expect(await procurementRow(id)).toMatchObject({ rag: "red", ragReason: "Q3" });
    const rows = await db
      .select({ id: procurementStatusReports.id })
      .from(procurementStatusReports)
      .where(eq(procurementStatusReports.procurementId, id));
    expect(rows).toHaveLength(3);
  });
});

describe("milestones", () => {
  test("added, changed with the token the form showed, refused on a stale token, removed; each audited", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const { milestoneId } = await addMilestone({
      procurementId: id,
      input: {
        phase: "publication",
        label: "Annonsering i TED",
        plannedOn: "2027-02-01",
        actualOn: null,
        unverified: false,
      },
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    const shown = await getMilestone({ procurementId: id, milestoneId });
    expect(shown).toMatchObject({
      phase: "publication",
      label: "Annonsering i TED",
      plannedOn: "2027-02-01",
      actualOn: null,
    });
    const token = shown?.token ?? "";
    const saved = await updateMilestone({
      procurementId: id,
      milestoneId,
      baseToken: token,
      input: {
        phase: "publication",
        label: "Annonsering i TED",
        plannedOn: "2027-02-01",
        actualOn: "2027-02-03",
        unverified: true,
      },
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    expect(saved).toEqual({ status: "saved" });
    const stale = await updateMilestone({
      procurementId: id,
      milestoneId,
      baseToken: token,
      input: { phase: "publication", label: "Något annat", plannedOn: "2027-03-01", actualOn: null, unverified: false },
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    expect(stale).toMatchObject({ status: "conflict", current: { actualOn: "2027-02-03", unverified: true } });
    expect((await getMilestone({ procurementId: id, milestoneId }))?.label).toBe("Annonsering i TED");
    // Another procurement's milestone is not found through this one.
    const other = await newProcurement(w);
    expect(
      await removeMilestone({ procurementId: other, milestoneId, actorUserId: w.editor.id, request: TEST_REQUEST }),
    ).toEqual({
      status: "not-found",
    });
    expect(
      await removeMilestone({ procurementId: id, milestoneId, actorUserId: w.editor.id, request: TEST_REQUEST }),
    ).toEqual({
      status: "removed",
    });
    expect(await getMilestone({ procurementId: id, milestoneId })).toBeNull();
    expect((await auditFor(id, "procurement.milestone_added")).length).toBe(1);
    expect((await auditFor(id, "procurement.milestone_updated")).length).toBe(1);
    expect((await auditFor(id, "procurement.milestone_removed")).length).toBe(1);
  });

  test("two edits from the same form: the first saves, the second is a conflict", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const { milestoneId } = await addMilestone({
      procurementId: id,
      input: { phase: "award", label: "", plannedOn: "2027-06-01", actualOn: null, unverified: false },
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    const token = (await getMilestone({ procurementId: id, milestoneId }))?.token ?? "";
    const results = await Promise.all(
      ["2027-06-10", "2027-06-20"].map((plannedOn) =>
        updateMilestone({
          procurementId: id,
          milestoneId,
          baseToken: token,
          input: { phase: "award", label: "", plannedOn, actualOn: null, unverified: false },
          actorUserId: w.editor.id,
          request: TEST_REQUEST,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["conflict", "saved"]);
  });
});

describe("decision log", () => {
  test("decisions are listed newest first and removal is audited with what was removed", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const decision = (reference: string, decidedOn: string) =>
      addDecision({
        procurementId: id,
        input: { body: "Regionstyrelsen", reference, decidedOn, summary: "", link: "", unverified: false },
        actorUserId: w.editor.id,
        request: TEST_REQUEST,
      });
    await decision("RS 2016-05-12 § 106", "2016-05-12");
    const { decisionId } = await decision("RS 2016-06-02 § 148", "2016-06-02");
    const records = await getProcurementRecords({ procurementId: id, principal: w.principals.viewer });
    expect(records.decisions.map((row) => row.reference)).toEqual(["RS 2016-06-02 § 148", "RS 2016-05-12 § 106"]);
    expect(
      await removeDecision({ procurementId: id, decisionId, actorUserId: w.editor.id, request: TEST_REQUEST }),
    ).toEqual({
      status: "removed",
    });
    expect(
      await removeDecision({ procurementId: id, decisionId, actorUserId: w.editor.id, request: TEST_REQUEST }),
    ).toEqual({
      status: "not-found",
    });
    const [audit] = await auditFor(id, "procurement.decision_removed");
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({
      reference: "RS 2016-06-02 § 148",
      decidedOn: "2016-06-02",
    });
    expect(await auditFor(id, "procurement.decision_added")).toHaveLength(2);
  });
});

describe("links to sets and lessons", () => {
  test("only sets the user may read can be linked, and each reader sees only the linked sets they may read", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    const own = await createSetFixture({ ownerRegionId: w.lead.id, authorId: w.editor.id, title: "Egen uppsättning" });
    const hidden = await createSetFixture({ ownerRegionId: w.outsider.id, authorId: w.outsiderEditor.id });
    const portal = await createSetFixture({
      ownerRegionId: w.outsider.id,
      authorId: w.outsiderEditor.id,
      sharing: { visibility: "portal" },
      title: "Nationell uppsättning",
    });
    const link = (setId: string) =>
      linkSet({
        procurementId: id,
        setId,
        principal: w.principals.editor,
        actorUserId: w.editor.id,
        request: TEST_REQUEST,
      });
    expect(await link(hidden.setId)).toEqual({ status: "not-found" });
    expect(await link(own.setId)).toEqual({ status: "linked" });
    expect(await link(own.setId)).toEqual({ status: "already-linked" });
    expect(await link(portal.setId)).toEqual({ status: "linked" });
    const forLead = await getProcurementRecords({ procurementId: id, principal: w.principals.viewer });
    expect(forLead.sets.map((set) => set.title)).toEqual(["Egen uppsättning", "Nationell uppsättning"]);
    // The partner reads the procurement but not the lead's private set.
    const forPartner = await getProcurementRecords({ procurementId: id, principal: w.principals.partnerViewer });
    expect(forPartner.sets.map((set) => set.title)).toEqual(["Nationell uppsättning"]);
    // Someone who may not read a linked set cannot unlink it either: it looks as if it were not there.
    expect(
      await unlinkSet({
        procurementId: id,
        setId: own.setId,
        principal: w.principals.partnerViewer,
        actorUserId: w.partnerViewer.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "not-found" });
    expect(
      await unlinkSet({
        procurementId: id,
        setId: own.setId,
        principal: w.principals.editor,
        actorUserId: w.editor.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "unlinked" });
    expect(await auditFor(id, "procurement.set_linked")).toHaveLength(2);
    expect(await auditFor(id, "procurement.set_unlinked")).toHaveLength(1);
  });

  test("link candidates: readable, not archived, not linked yet", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const linked = await createSetFixture({ ownerRegionId: w.lead.id, authorId: w.editor.id, title: "Kopplad" });
    const free = await createSetFixture({ ownerRegionId: w.lead.id, authorId: w.editor.id, title: "Fri" });
    const archived = await createSetFixture({ ownerRegionId: w.lead.id, authorId: w.editor.id, title: "Arkiverad" });
    const hidden = await createSetFixture({
      ownerRegionId: w.outsider.id,
      authorId: w.outsiderEditor.id,
      title: "Dold",
    });
    await setArchived({
      setId: archived.setId,
      baseVersion: (await setRow(archived.setId)).version,
      archived: true,
      actorUserId: w.editor.id,
    });
    await linkSet({
      procurementId: id,
      setId: linked.setId,
      principal: w.principals.editor,
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    expect(
      await linkSet({
        procurementId: id,
        setId: archived.setId,
        principal: w.principals.editor,
        actorUserId: w.editor.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "not-found" });
    const candidates = await listLinkCandidates({ procurementId: id, principal: w.principals.editor });
    const ids = candidates.sets.map((set) => set.id);
    expect(ids).toContain(free.setId);
    expect(ids).not.toContain(linked.setId);
    expect(ids).not.toContain(archived.setId);
    expect(ids).not.toContain(hidden.setId);
  });

  test("lessons: only readable ones are linked, listed and offered", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    const ownLesson = await insertLesson(w.lead.id, "Otydligt ska-krav ledde till överprövning");
    const hiddenLesson = await insertLesson(w.outsider.id, "Outsiderns privata lärdom");
    const portalLesson = await insertLesson(w.outsider.id, "Betalning knuten till driftstart", "portal");
    const link = (lessonId: string) =>
      linkLesson({
        procurementId: id,
        lessonId,
        principal: w.principals.editor,
        actorUserId: w.editor.id,
        request: TEST_REQUEST,
      });
    expect(await link(hiddenLesson)).toEqual({ status: "not-found" });
    expect(await link(ownLesson)).toEqual({ status: "linked" });
    expect(await link(portalLesson)).toEqual({ status: "linked" });
    const forPartner = await getProcurementRecords({ procurementId: id, principal: w.principals.partnerViewer });
    expect(forPartner.lessons.map((lesson) => lesson.title)).toEqual(["Betalning knuten till driftstart"]);
    const candidates = await listLinkCandidates({ procurementId: id, principal: w.principals.editor });
    expect(candidates.lessons.map((lesson) => lesson.id)).not.toContain(hiddenLesson);
    expect(candidates.lessons.map((lesson) => lesson.id)).not.toContain(ownLesson);
    expect(
      await unlinkLesson({
        procurementId: id,
        lessonId: ownLesson,
        principal: w.principals.editor,
        actorUserId: w.editor.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "unlinked" });
    expect(await auditFor(id, "procurement.lesson_linked")).toHaveLength(2);
    expect(await auditFor(id, "procurement.lesson_unlinked")).toHaveLength(1);
  });
});
