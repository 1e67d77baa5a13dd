import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { procurementDecisions, procurements, procurementStatusReports } from "../../db/schema/procurements";
import { addMilestone, createProcurement, getMilestone, updateProcurement } from "~/models/procurements.server";
import { action as detailAction, loader as detailLoader } from "~/routes/procurements.$procurementId._index";
import { action as editAction } from "~/routes/procurements.$procurementId.edit";
import { action as milestoneAction } from "~/routes/procurements.$procurementId.milestones.$milestoneId";
import { action as reportAction } from "~/routes/procurements.$procurementId.reports.new";
import { action as shareAction } from "~/routes/procurements.$procurementId.share";
import { loader as listLoader } from "~/routes/procurements._index";
import { action as newAction } from "~/routes/procurements.new";
import { db } from "~/utils/db.server";
import type { ProcurementInput } from "~/utils/procurement-fields";

import { createCollaboration, createMember, createRegion, signInAs } from "../support/factories";
import { buildRequest, callRoute, type RouteResult } from "../support/requests";

import { errorsOf, expectRedirect } from "./route-helpers";
import { TEST_REQUEST } from "./set-helpers";

/**
 * The procurement pages through their real loaders and actions: bad input comes back next to the
 * field with what the person typed, nothing half-saved; conflicts answer 409 with their input kept.
 */

async function world() {
  const lead = await createRegion();
  const partner = await createRegion();
  const outsider = await createRegion();
  const collaboration = await createCollaboration([lead.id, partner.id]);
  const foreign = await createCollaboration([outsider.id]);
  const editor = await createMember(lead.id, "editor");
  const admin = await createMember(lead.id, "admin");
  const partnerViewer = await createMember(partner.id, "viewer");
  const outsiderEditor = await createMember(outsider.id, "editor");
  return { lead, partner, outsider, collaboration, foreign, editor, admin, partnerViewer, outsiderEditor };
}

type World = Awaited<ReturnType<typeof world>>;

const baseInput: ProcurementInput = {
  title: "Sammanhållen digital vårdmiljö",
  description: "",
  caseNumber: "RS 2026/0142",
  participantRegionIds: [],
  phase: "tender_documents",
  rag: "green",
  ragReason: "",
};

async function newProcurement(w: World, overrides: Partial<ProcurementInput> = {}) {
  const result = await createProcurement({
    leadRegionId: w.lead.id,
    input: { ...baseInput, ...overrides },
    actorUserId: w.editor.id,
    request: TEST_REQUEST,
  });
  if (result.status !== "created") throw new Error("not created");
  return result.procurementId;
}

type Handler = Parameters<typeof callRoute>[0];

async function post(
  handler: Handler,
  path: string,
  user: { id: string },
  form: Record<string, string | string[]>,
  params: Record<string, string> = {},
  currentRegionId: string | null = null,
): Promise<RouteResult> {
  const { cookie } = await signInAs(user.id, currentRegionId);
  return callRoute(handler, buildRequest(path, { method: "POST", cookie, form }), params);
}

async function get(handler: Handler, path: string, user: { id: string }, params: Record<string, string> = {}) {
  const { cookie } = await signInAs(user.id);
  return callRoute(handler, buildRequest(path, { cookie }), params);
}

/** What Conform sends back as the form's values after a refused submission. */
function initialValue(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || !("result" in body)) return {};
  const result = (body as { result: unknown }).result;
  if (typeof result !== "object" || result === null || !("initialValue" in result)) return {};
  const value = (result as { initialValue: unknown }).initialValue;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

async function procurementRow(id: string) {
  const [row] = await db.select().from(procurements).where(eq(procurements.id, id));
  if (!row) throw new Error("no procurement");
  return row;
}

describe("creating", () => {
  test("röd without a reason is refused next to the reason field, with the typed values kept and nothing saved", async () => {
    const w = await world();
    const before = await db.select({ id: procurements.id }).from(procurements);
    const result = await post(
      newAction,
      "/procurements/new",
      w.editor,
      { title: "Ny upphandling", phase: "evaluation", rag: "red", ragReason: "", participantRegionIds: [w.partner.id] },
      {},
      w.lead.id,
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "ragReason")).toEqual(["procurements.ragReasonRequired"]);
    expect(initialValue(result.body)).toMatchObject({ title: "Ny upphandling", participantRegionIds: w.partner.id });
    expect(await db.select({ id: procurements.id }).from(procurements)).toHaveLength(before.length);
  });

  test("a valid form creates the procurement led by the current region and goes to its page", async () => {
    const w = await world();
    const result = await post(
      newAction,
      "/procurements/new",
      w.editor,
      {
        title: "Ny upphandling",
        phase: "needs_analysis",
        rag: "amber",
        ragReason: "Resursbrist.",
        participantRegionIds: [w.partner.id],
      },
      {},
      w.lead.id,
    );
    expect(result.status).toBe(302);
    const id = /^\/procurements\/([0-9a-f-]{36})$/.exec(result.headers.get("Location") ?? "")?.[1] ?? "";
    expect(await procurementRow(id)).toMatchObject({
      ownerRegionId: w.lead.id,
      rag: "amber",
      createdByUserId: w.editor.id,
    });
  });
});

describe("status reports", () => {
  test("a period that ends before it starts is refused next to the end date, together with a missing summary", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const result = await post(
      reportAction,
      `/procurements/${id}/reports/new`,
      w.editor,
      { periodStart: "2026-09-30", periodEnd: "2026-07-01", rag: "red", summary: "" },
      { procurementId: id },
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "periodEnd")).toEqual(["procurements.report.periodEndBeforeStart"]);
    expect(errorsOf(result.body, "summary")).toEqual(["validation.required"]);
    expect(initialValue(result.body)).toMatchObject({ periodStart: "2026-09-30", periodEnd: "2026-07-01", rag: "red" });
    const reports = await db
      .select()
      .from(procurementStatusReports)
      .where(eq(procurementStatusReports.procurementId, id));
    expect(reports).toEqual([]);
  });

  test("a date that is not a date gets one message, not two", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const result = await post(
      reportAction,
      `/procurements/${id}/reports/new`,
      w.editor,
      { periodStart: "2026-02-30", periodEnd: "2026-03-31", rag: "green", summary: "Ok." },
      { procurementId: id },
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "periodStart")).toEqual(["procurements.dateInvalid"]);
    expect(errorsOf(result.body, "periodEnd")).toEqual([]);
  });

  test("a röd report for the newest period tops the page's reports and turns the procurement red in the list", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const result = await post(
      reportAction,
      `/procurements/${id}/reports/new`,
      w.editor,
      {
        periodStart: "2026-10-01",
        periodEnd: "2026-11-30",
        rag: "red",
        summary: "Leverantören har stoppat leveransen.",
        risks: "Avtalsbrott.",
        nextSteps: "Kravbrev skickas.",
      },
      { procurementId: id },
    );
    expectRedirect(result, `/procurements/${id}#status-reports`);
    const page = await get(detailLoader, `/procurements/${id}`, w.partnerViewer, { procurementId: id }).catch(
      () => null,
    );
    // The partner does not take part in this one: hidden.
    expect(page?.status).toBe(404);
    const own = await get(detailLoader, `/procurements/${id}`, w.editor, { procurementId: id });
    const body = own.body as { reports: Array<{ rag: string; summary: string }>; procurement: { rag: string } };
    expect(body.reports[0]).toMatchObject({ rag: "red", summary: "Leverantören har stoppat leveransen." });
    expect(body.procurement.rag).toBe("red");
    const list = await get(listLoader, `/procurements?lead=${w.lead.id}`, w.editor);
    const rows = (
      list.body as { procurements: Array<{ id: string; rag: string; latestReport: { periodEnd: string } | null }> }
    ).procurements;
    expect(rows.find((row) => row.id === id)).toMatchObject({ rag: "red", latestReport: { periodEnd: "2026-11-30" } });
  });
});

describe("editing", () => {
  test("a stale save answers 409, keeps what the person typed and says what the other save did", async () => {
    const w = await world();
    const id = await newProcurement(w);
    await updateProcurement({
      procurementId: id,
      baseVersion: 1,
      input: { ...baseInput, title: "Kollegans titel", rag: "amber", ragReason: "Förseningar." },
      actorUserId: w.admin.id,
      request: TEST_REQUEST,
    });
    const result = await post(
      editAction,
      `/procurements/${id}/edit`,
      w.editor,
      { intent: "details", baseVersion: "1", title: "Min titel", phase: "publication", rag: "green", ragReason: "" },
      { procurementId: id },
    );
    expect(result.status).toBe(409);
    expect(errorsOf(result.body)).toEqual(["procurements.conflict"]);
    expect(initialValue(result.body)).toMatchObject({ title: "Min titel", phase: "publication" });
    expect((result.body as { theirs: unknown }).theirs).toMatchObject({
      version: 2,
      title: "Kollegans titel",
      rag: "amber",
    });
    expect((await procurementRow(id)).title).toBe("Kollegans titel");
  });

  test("a participating region's member reads a private procurement but may not change it", async () => {
    const w = await world();
    const id = await newProcurement(w, { participantRegionIds: [w.partner.id] });
    const page = await get(detailLoader, `/procurements/${id}`, w.partnerViewer, { procurementId: id });
    expect(page.status).toBe(200);
    expect((page.body as { permissions: { edit: boolean } }).permissions.edit).toBe(false);
    const outsider = await get(detailLoader, `/procurements/${id}`, w.outsiderEditor, { procurementId: id });
    expect(outsider.status).toBe(404);
    const refused = await post(
      editAction,
      `/procurements/${id}/edit`,
      w.partnerViewer,
      { intent: "details", baseVersion: "1", title: "Kapad" },
      { procurementId: id },
    );
    expect(refused.status).toBe(403);
  });
});

describe("the decision log and milestones on the page", () => {
  test("a decision dated in the future and a javascript: link are refused next to their fields", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const result = await post(
      detailAction,
      `/procurements/${id}`,
      w.editor,
      {
        intent: "add-decision",
        body: "Regionstyrelsen",
        reference: "RS 2099-01-01 § 1",
        decidedOn: "2099-01-01",
        link: "javascript:alert(1)",
      },
      { procurementId: id },
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "decidedOn")).toEqual(["procurements.decision.decidedOnFuture"]);
    expect(errorsOf(result.body, "link")).toEqual(["procurements.linkInvalid"]);
    expect(await db.select().from(procurementDecisions).where(eq(procurementDecisions.procurementId, id))).toEqual([]);
  });

  test("a decision is recorded and shown in the log", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const result = await post(
      detailAction,
      `/procurements/${id}`,
      w.editor,
      {
        intent: "add-decision",
        body: "Regionstyrelsen",
        reference: "RS 2016-05-12 § 106",
        decidedOn: "2016-05-12",
        summary: "Strategi för eHälsa 2016–2020.",
        link: "https://www.skane.se/protokoll",
        unverified: "on",
      },
      { procurementId: id },
    );
    expectRedirect(result, `/procurements/${id}#decisions`);
    const page = await get(detailLoader, `/procurements/${id}`, w.editor, { procurementId: id });
    expect((page.body as { decisions: unknown[] }).decisions).toEqual([
      expect.objectContaining({
        reference: "RS 2016-05-12 § 106",
        unverified: true,
        link: "https://www.skane.se/protokoll",
      }),
    ]);
  });

  test("a milestone without any date is refused; a stale milestone edit answers 409 with the input kept", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const noDate = await post(
      detailAction,
      `/procurements/${id}`,
      w.editor,
      { intent: "add-milestone", phase: "award", label: "Tilldelning" },
      { procurementId: id },
    );
    expect(noDate.status).toBe(400);
    expect(errorsOf(noDate.body, "plannedOn")).toEqual(["procurements.milestone.dateRequired"]);
    // Year 0000 would pass a plain date check but not the database: refused as input, not a 500.
    const yearZero = await post(
      detailAction,
      `/procurements/${id}`,
      w.editor,
      { intent: "add-milestone", phase: "award", plannedOn: "0000-01-01" },
      { procurementId: id },
    );
    expect(yearZero.status).toBe(400);
    expect(errorsOf(yearZero.body, "plannedOn")).toEqual(["procurements.dateInvalid"]);

    const { milestoneId } = await addMilestone({
      procurementId: id,
      input: { phase: "award", label: "Tilldelning", plannedOn: "2027-05-01", actualOn: null, unverified: false },
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    const token = (await getMilestone({ procurementId: id, milestoneId }))?.token ?? "";
    const params = { procurementId: id, milestoneId };
    const first = await post(
      milestoneAction,
      `/procurements/${id}/milestones/${milestoneId}`,
      w.admin,
      { baseToken: token, phase: "award", label: "Tilldelning", plannedOn: "2027-05-15" },
      params,
    );
    expectRedirect(first, `/procurements/${id}#milestones`);
    const second = await post(
      milestoneAction,
      `/procurements/${id}/milestones/${milestoneId}`,
      w.editor,
      { baseToken: token, phase: "award", label: "Min etikett", plannedOn: "2027-06-01" },
      params,
    );
    expect(second.status).toBe(409);
    expect(initialValue(second.body)).toMatchObject({ label: "Min etikett", plannedOn: "2027-06-01" });
    expect((second.body as { theirs: unknown }).theirs).toMatchObject({ plannedOn: "2027-05-15" });
    expect((await getMilestone({ procurementId: id, milestoneId }))?.plannedOn).toBe("2027-05-15");
  });
});

describe("sharing", () => {
  test("sharing needs the public-record confirmation and a collaboration the lead region belongs to", async () => {
    const w = await world();
    const id = await newProcurement(w);
    const unconfirmed = await post(
      shareAction,
      `/procurements/${id}/share`,
      w.admin,
      { baseVersion: "1", visibility: "portal" },
      { procurementId: id },
    );
    expect(unconfirmed.status).toBe(400);
    expect(errorsOf(unconfirmed.body, "confirmPublicRecord")).toEqual(["procurements.share.confirmRequired"]);
    const foreign = await post(
      shareAction,
      `/procurements/${id}/share`,
      w.admin,
      { baseVersion: "1", visibility: "collaboration", collaborationId: w.foreign.id, confirmPublicRecord: "on" },
      { procurementId: id },
    );
    expect(foreign.status).toBe(400);
    expect(errorsOf(foreign.body, "collaborationId")).toEqual(["procurements.share.collaborationRequired"]);
    expect((await procurementRow(id)).visibility).toBe("private");
    const shared = await post(
      shareAction,
      `/procurements/${id}/share`,
      w.admin,
      { baseVersion: "1", visibility: "collaboration", collaborationId: w.collaboration.id, confirmPublicRecord: "on" },
      { procurementId: id },
    );
    expectRedirect(shared, `/procurements/${id}`);
    expect(await procurementRow(id)).toMatchObject({
      visibility: "collaboration",
      collaborationId: w.collaboration.id,
    });
  });
});

test("the list reports filters it could not read instead of failing", async () => {
  const w = await world();
  const result = await get(listLoader, "/procurements?rag=purple&phase=tender_documents&lead=not-a-uuid", w.editor);
  expect(result.status).toBe(200);
  const body = result.body as { ignored: string[]; filters: { phase?: string; rag?: string } };
  expect(body.ignored.sort()).toEqual(["lead", "rag"]);
  expect(body.filters).toMatchObject({ phase: "tender_documents" });
  expect(body.filters.rag).toBeUndefined();
});
