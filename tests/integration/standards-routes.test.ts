import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";

import { getAdoption, listCommonMarkings, recordAdoption } from "~/models/standards.server";
import { action as editAction, loader as editLoader } from "~/routes/standards.$standardId.edit";
import { action as pageAction, loader as pageLoader } from "~/routes/standards.$standardId._index";
import { loader as catalogueLoader } from "~/routes/standards._index";
import { loader as matrixLoader } from "~/routes/standards.matrix";
import { action as newAction } from "~/routes/standards.new";

import {
  addMembership,
  addSteeringMember,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
  signInAs,
} from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";
import { createSetFixture } from "../support/set-factories";

import { errorsOf, expectRedirect } from "./route-helpers";
import { TEST_REQUEST } from "./set-helpers";
import { linkRequirement, newStandard, standardRow, uniqueCode } from "./standards-helpers";

/**
 * The standards pages through their real loaders and actions: who may do what, validation with
 * translated messages next to the fields (nothing half-saved), conflicts that keep the user's
 * input, and what the pages show.
 */

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

async function get(handler: Handler, path: string, userId: string, params: Record<string, string> = {}) {
  const { cookie } = await signInAs(userId);
  return callRoute(handler, buildRequest(path, { cookie }), params);
}

async function post(
  handler: Handler,
  path: string,
  userId: string,
  form: Record<string, string>,
  params: Record<string, string> = {},
  currentRegionId: string | null = null,
) {
  const { cookie } = await signInAs(userId, currentRegionId);
  return callRoute(handler, buildRequest(path, { method: "POST", cookie, form }), params);
}

function newForm(overrides: Record<string, string> = {}) {
  return {
    code: uniqueCode("NY"),
    name: "Nationell informationsstruktur",
    ownerBody: "Socialstyrelsen",
    category: "informatics",
    lifecycle: "current",
    link: "https://informationsstruktur.socialstyrelsen.se/models",
    description: "Referensmodeller.",
    firstVersion: "2022:2",
    ...overrides,
  };
}

function bodyOf<T>(result: { body: unknown }): T {
  return result.body as T;
}

describe("new and edit", () => {
  test("a region admin adds a standard and lands on its page; a region editor may not", async () => {
    const region = await createRegion();
    const regionAdmin = await createMember(region.id, "admin");
    const editor = await createMember(region.id, "editor");
    const form = newForm();
    const created = await post(newAction, "/standards/new", regionAdmin.id, form);
    expectRedirect(created);
    const location = created.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/standards\/[0-9a-f-]{36}$/);
    const standardId = location.split("/").pop() ?? "";
    expect(await standardRow(standardId)).toMatchObject({ code: form.code, currentVersion: "2022:2" });
    expect((await post(newAction, "/standards/new", editor.id, newForm())).status).toBe(403);
  });

  test("bad input comes back with a translated message next to each field, and nothing is saved", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const result = await post(
      newAction,
      "/standards/new",
      platformAdmin.id,
      newForm({ code: "  ", category: "astrology", lifecycle: "", link: "javascript:alert(1)", name: "" }),
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "code")).toEqual(["validation.required"]);
    expect(errorsOf(result.body, "name")).toEqual(["validation.required"]);
    expect(errorsOf(result.body, "category")).toEqual(["standards.categoryInvalid"]);
    expect(errorsOf(result.body, "lifecycle")).toEqual(["standards.lifecycleInvalid"]);
    expect(errorsOf(result.body, "link")).toEqual(["standards.linkInvalid"]);
    for (const link of ["ftp://example.se/x", "data:text/html,hej", "https://", "example.se"]) {
      const refused = await post(newAction, "/standards/new", platformAdmin.id, newForm({ link }));
      expect(errorsOf(refused.body, "link"), link).toEqual(["standards.linkInvalid"]);
    }
  });

  test("a code already in the catalogue (in any case) is refused with a clear message on the code field", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const { code } = await newStandard(platformAdmin.id);
    const result = await post(newAction, "/standards/new", platformAdmin.id, newForm({ code: code.toLowerCase() }));
    expect(result.status).toBe(409);
    expect(errorsOf(result.body, "code")).toEqual(["standards.codeTaken"]);
  });

  test("an edit saved meanwhile is a 409 that keeps what the user typed and shows the other version", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true, name: "Ingrid Dahl" });
    const region = await createRegion();
    const regionAdmin = await createMember(region.id, "admin");
    const { id, code } = await newStandard(platformAdmin.id);
    const path = `/standards/${id}/edit`;
    const loaded = await get(editLoader, path, regionAdmin.id, { standardId: id });
    expect(bodyOf<{ standard: { values: { baseVersion: string } } }>(loaded).standard.values.baseVersion).toBe("1");
    const form = { ...newForm({ code }), baseVersion: "1" };
    expectRedirect(
      await post(
        editAction,
        path,
        platformAdmin.id,
        { ...form, description: "Ingrids beskrivning" },
        { standardId: id },
      ),
      `/standards/${id}`,
    );
    const stale = await post(
      editAction,
      path,
      regionAdmin.id,
      { ...form, description: "Min beskrivning" },
      { standardId: id },
    );
    expect(stale.status).toBe(409);
    const body = bodyOf<{
      result: { initialValue: Record<string, string> };
      conflict: { theirs: { description: string }; version: number; changedByName: string };
    }>(stale);
    expect(body.result.initialValue.description).toBe("Min beskrivning");
    expect(body.conflict).toMatchObject({
      theirs: { description: "Ingrids beskrivning" },
      version: 2,
      changedByName: "Ingrid Dahl",
    });
    expect((await standardRow(id)).description).toBe("Ingrids beskrivning");
    // Saving again from the version the conflict showed applies the user's text.
    expectRedirect(
      await post(
        editAction,
        path,
        regionAdmin.id,
        { ...form, description: "Min beskrivning", baseVersion: "2" },
        {
          standardId: id,
        },
      ),
    );
    expect((await standardRow(id)).description).toBe("Min beskrivning");
  });

  test("editing to a code that is taken is refused on the code field", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const taken = await newStandard(platformAdmin.id);
    const { id } = await newStandard(platformAdmin.id);
    const result = await post(
      editAction,
      `/standards/${id}/edit`,
      platformAdmin.id,
      { ...newForm({ code: taken.code }), baseVersion: "1" },
      { standardId: id },
    );
    expect(result.status).toBe(409);
    expect(errorsOf(result.body, "code")).toEqual(["standards.codeTaken"]);
  });

  test("a standard id that is not a uuid or not in the catalogue is 404", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    for (const standardId of ["abc", "00000000-0000-4000-8000-000000000000"]) {
      expect((await get(pageLoader, `/standards/${standardId}`, platformAdmin.id, { standardId })).status).toBe(404);
      expect((await get(editLoader, `/standards/${standardId}/edit`, platformAdmin.id, { standardId })).status).toBe(
        404,
      );
    }
  });
});

describe("the standard's page", () => {
  test("adding a version flags the requirements pinned to the old one, as the page shows", async () => {
    const region = await createRegion();
    const editor = await createMember(region.id, "editor");
    const regionAdmin = await createMember(region.id, "admin");
    const { id } = await newStandard(regionAdmin.id, {}, "ICD-10-SE 2024");
    const fixture = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
    await linkRequirement(fixture.requirementId, id, "ICD-10-SE 2024");
    const path = `/standards/${id}`;
    const before = bodyOf<{ linked: { outdated: number } }>(await get(pageLoader, path, editor.id, { standardId: id }));
    expect(before.linked.outdated).toBe(0);

    const added = await post(
      pageAction,
      path,
      regionAdmin.id,
      { intent: "add-version", label: "ICD-10-SE 2025", releasedOn: "2025-01-01", note: "", baseVersion: "1" },
      { standardId: id },
    );
    expectRedirect(added, path);
    const after = bodyOf<{
      standard: { currentVersion: string };
      linked: {
        outdated: number;
        requirements: Array<{ requirementId: string; state: string; pinnedVersion: string }>;
      };
    }>(await get(pageLoader, path, editor.id, { standardId: id }));
    expect(after.standard.currentVersion).toBe("ICD-10-SE 2025");
    expect(after.linked.outdated).toBe(1);
    expect(after.linked.requirements).toEqual([
      expect.objectContaining({
        requirementId: fixture.requirementId,
        state: "outdated",
        pinnedVersion: "ICD-10-SE 2024",
      }),
    ]);
  });

  test("a version's name must be new and its release date real and past; a stale page is a conflict that keeps the text", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const { id } = await newStandard(platformAdmin.id, {}, "1.0");
    const path = `/standards/${id}`;
    const send = (form: Record<string, string>) =>
      post(pageAction, path, platformAdmin.id, { intent: "add-version", note: "", ...form }, { standardId: id });
    const taken = await send({ label: "1.0", baseVersion: "1" });
    expect(taken.status).toBe(409);
    expect(errorsOf(taken.body, "label")).toEqual(["standards.version.labelTaken"]);
    const badDate = await send({ label: "2.0", releasedOn: "2025-02-30", baseVersion: "1" });
    expect(badDate.status).toBe(400);
    expect(errorsOf(badDate.body, "releasedOn")).toEqual(["standards.releasedOnInvalid"]);
    const future = await send({ label: "2.0", releasedOn: "2999-01-01", baseVersion: "1" });
    expect(errorsOf(future.body, "releasedOn")).toEqual(["standards.releasedOnFuture"]);
    const stale = await send({ label: "2.0", note: "Min anteckning", baseVersion: "9" });
    expect(stale.status).toBe(409);
    expect(errorsOf(stale.body)).toEqual(["standards.version.conflict"]);
    expect(bodyOf<{ result: { initialValue: { note: string } } }>(stale).result.initialValue.note).toBe(
      "Min anteckning",
    );
    expect((await standardRow(id)).currentVersion).toBe("1.0");
  });

  test("the steering group marks a standard common with a decision reference, changes and removes it; others may not", async () => {
    const regionA = await createRegion();
    const collaboration = await createCollaboration([regionA.id]);
    const chair = await createUser();
    await addMembership(chair.id, regionA.id, "viewer");
    await addSteeringMember(collaboration.id, chair.id, "chair");
    const regionAdmin = await createMember(regionA.id, "admin");
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const { id } = await newStandard(platformAdmin.id);
    const path = `/standards/${id}`;
    const mark = (userId: string, form: Record<string, string>) =>
      post(
        pageAction,
        path,
        userId,
        { intent: "mark-common", collaborationId: collaboration.id, ...form },
        { standardId: id },
      );

    const missing = await mark(chair.id, { level: "required", decisionReference: " ", decidedOn: "2026-11-20" });
    expect(missing.status).toBe(400);
    expect(errorsOf(missing.body, "decisionReference")).toEqual(["validation.required"]);
    expect(bodyOf<{ collaborationId: string }>(missing).collaborationId).toBe(collaboration.id);
    const badLevel = await mark(chair.id, { level: "maybe", decisionReference: "x", decidedOn: "2999-01-01" });
    expect(errorsOf(badLevel.body, "level")).toEqual(["standards.levelInvalid"]);
    expect(errorsOf(badLevel.body, "decidedOn")).toEqual(["standards.decidedOnFuture"]);
    expect(await listCommonMarkings({ standardId: id })).toEqual([]);

    for (const outsider of [regionAdmin, platformAdmin]) {
      const refused = await mark(outsider.id, {
        level: "required",
        decisionReference: "Styrgruppen 3R 2026-11-20 § 4",
        decidedOn: "2026-11-20",
      });
      expect(refused.status).toBe(403);
    }
    const unknown = await post(
      pageAction,
      path,
      chair.id,
      { intent: "mark-common", collaborationId: "00000000-0000-4000-8000-000000000000" },
      { standardId: id },
    );
    expect(unknown.status).toBe(404);

    expectRedirect(
      await mark(chair.id, {
        level: "required",
        decisionReference: "Styrgruppen 3R 2026-11-20 § 4",
        decidedOn: "2026-11-20",
      }),
      path,
    );
    expect(await listCommonMarkings({ standardId: id })).toEqual([
      expect.objectContaining({ level: "required", decisionReference: "Styrgruppen 3R 2026-11-20 § 4" }),
    ]);
    const page = bodyOf<{ markings: Array<{ collaborationId: string }>; steering: Array<{ collaborationId: string }> }>(
      await get(pageLoader, path, chair.id, { standardId: id }),
    );
    expect(page.markings.map((m) => m.collaborationId)).toEqual([collaboration.id]);
    expect(page.steering.map((s) => s.collaborationId)).toEqual([collaboration.id]);

    const remove = (form: Record<string, string>) =>
      post(
        pageAction,
        path,
        chair.id,
        { intent: "remove-common", collaborationId: collaboration.id, ...form },
        { standardId: id },
      );
    const noReference = await remove({ decisionReference: "" });
    expect(errorsOf(noReference.body, "decisionReference")).toEqual(["validation.required"]);
    expectRedirect(await remove({ decisionReference: "Styrgruppen 3R 2026-12-01 § 2" }), path);
    expect(await listCommonMarkings({ standardId: id })).toEqual([]);
    const again = await remove({ decisionReference: "Styrgruppen 3R 2026-12-01 § 2" });
    expect(again.status).toBe(409);
    expect(errorsOf(again.body)).toEqual(["standards.common.notMarked"]);
  });

  test("a region's admin records the current region's adoption; others may not; a stale form is a conflict that keeps the choice", async () => {
    const regionA = await createRegion({ name: "Region Skåne-test" });
    const regionB = await createRegion();
    const adminA = await createMember(regionA.id, "admin");
    const otherAdminA = await createUser({ name: "Per Persson" });
    await addMembership(otherAdminA.id, regionA.id, "admin");
    const editorA = await createMember(regionA.id, "editor");
    // Admin of B but viewer of A: adoption follows the region chosen in the header.
    const twoRegions = await createUser();
    await addMembership(twoRegions.id, regionA.id, "viewer");
    await addMembership(twoRegions.id, regionB.id, "admin");
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const { id } = await newStandard(platformAdmin.id);
    const path = `/standards/${id}`;
    const adopt = (userId: string, form: Record<string, string>, regionId: string | null = null) =>
      post(pageAction, path, userId, { intent: "adopt", ...form }, { standardId: id }, regionId);

    const page = bodyOf<{ adoptionRegion: { id: string; adoption: null } | null }>(
      await get(pageLoader, path, adminA.id, { standardId: id }),
    );
    expect(page.adoptionRegion).toMatchObject({ id: regionA.id, adoption: null });
    expect(
      bodyOf<{ adoptionRegion: unknown }>(await get(pageLoader, path, editorA.id, { standardId: id })).adoptionRegion,
    ).toBeNull();

    const invalid = await adopt(adminA.id, { status: "done", statusDate: "2026-13-01", baseVersion: "0" });
    expect(invalid.status).toBe(400);
    expect(errorsOf(invalid.body, "status")).toEqual(["standards.adoptionStatusInvalid"]);
    expect(errorsOf(invalid.body, "statusDate")).toEqual(["standards.statusDateInvalid"]);
    const futureAdopted = await adopt(adminA.id, { status: "adopted", statusDate: "2999-01-01", baseVersion: "0" });
    expect(errorsOf(futureAdopted.body, "statusDate")).toEqual(["standards.statusDateFuture"]);
    expect(await getAdoption({ regionId: regionA.id, standardId: id })).toBeNull();

    expect((await adopt(editorA.id, { status: "adopted", baseVersion: "0" })).status).toBe(403);
    expect((await adopt(platformAdmin.id, { status: "adopted", baseVersion: "0" })).status).toBe(403);
    expect((await adopt(twoRegions.id, { status: "adopted", baseVersion: "0" }, regionA.id)).status).toBe(403);
    expectRedirect(await adopt(twoRegions.id, { status: "evaluating", baseVersion: "0" }, regionB.id), path);
    expect(await getAdoption({ regionId: regionB.id, standardId: id })).toMatchObject({ status: "evaluating" });

    // A planned adoption may lie ahead.
    expectRedirect(
      await adopt(adminA.id, {
        status: "planned",
        statusDate: "2999-01-01",
        note: "Med nästa driftstart",
        baseVersion: "0",
      }),
      path,
    );
    await recordAdoption({
      regionId: regionA.id,
      standardId: id,
      status: "adopted",
      statusDate: "2026-11-02",
      note: "",
      baseVersion: 1,
      actorUserId: otherAdminA.id,
      request: TEST_REQUEST,
    });
    const stale = await adopt(adminA.id, { status: "not_applicable", note: "Min motivering", baseVersion: "1" });
    expect(stale.status).toBe(409);
    const body = bodyOf<{
      result: { initialValue: Record<string, string> };
      adoptionConflict: { current: { status: string; version: number; recordedByName: string } };
    }>(stale);
    expect(body.result.initialValue).toMatchObject({ status: "not_applicable", note: "Min motivering" });
    expect(body.adoptionConflict.current).toMatchObject({
      status: "adopted",
      version: 2,
      recordedByName: "Per Persson",
    });
    expect(await getAdoption({ regionId: regionA.id, standardId: id })).toMatchObject({
      status: "adopted",
      version: 2,
    });
  });

  test("an unknown intent is 400", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const { id } = await newStandard(platformAdmin.id);
    const result = await post(
      pageAction,
      `/standards/${id}`,
      platformAdmin.id,
      { intent: "nonsense" },
      { standardId: id },
    );
    expect(result.status).toBe(400);
    expect(bodyOf<{ error: string }>(result).error).toBe("validation.unknownIntent");
  });
});

describe("lists", () => {
  test("the catalogue reads its filters and sort from the URL and reports values it could not use", async () => {
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const prefix = uniqueCode("URL");
    const first = await newStandard(platformAdmin.id, { code: `${prefix}-A`, category: "law", name: "B-namn" });
    const second = await newStandard(platformAdmin.id, { code: `${prefix}-B`, category: "law", name: "A-namn" });
    await newStandard(platformAdmin.id, { code: `${prefix}-C`, category: "security" });
    const result = await get(
      catalogueLoader,
      `/standards?q=${prefix}&category=law&sort=name&dir=desc&lifecycle=forever`,
      platformAdmin.id,
    );
    const body = bodyOf<{ standards: Array<{ id: string }>; ignored: string[]; canManage: boolean }>(result);
    expect(body.standards.map((s) => s.id)).toEqual([first.id, second.id]);
    expect(body.ignored).toEqual(["lifecycle"]);
    expect(body.canManage).toBe(true);
  });

  test("the matrix shows a collaboration's regions, reports an unknown collaboration, and never fails on bad input", async () => {
    const regionA = await createRegion();
    const regionB = await createRegion();
    const collaboration = await createCollaboration([regionA.id, regionB.id]);
    const viewer = await createMember(regionA.id, "viewer");
    const chosen = bodyOf<{ matrix: { regions: Array<{ id: string }> }; collaborationName: string }>(
      await get(matrixLoader, `/standards/matrix?collaboration=${collaboration.id}&category=law`, viewer.id),
    );
    expect(chosen.matrix.regions.map((r) => r.id).sort()).toEqual([regionA.id, regionB.id].sort());
    expect(chosen.collaborationName).toBe(collaboration.name);
    const bad = await get(
      matrixLoader,
      "/standards/matrix?collaboration=00000000-0000-4000-8000-000000000000&category=x&common=yes",
      viewer.id,
    );
    expect(bad.status).toBe(200);
    expect(bodyOf<{ ignored: string[] }>(bad).ignored.sort()).toEqual(["category", "collaboration", "common"]);
  });
});
