import { randomUUID } from "node:crypto";

import { eq, ne } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { regions } from "../../db/schema/accounts";
import { libraryDeclines } from "../../db/schema/library";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "~/components/library-highlight";
import {
  getAdoptionRecord,
  getLibraryFilterOptions,
  getLibraryRequirement,
  searchLibrary,
  type LibraryFilters,
} from "~/models/library.server";
import { createSet } from "~/models/requirement-sets.server";
import { createRequirement, type RequirementInput } from "~/models/requirements.server";
import { loader as libraryLoader } from "~/routes/library._index";
import { action as requirementAction, loader as requirementLoader } from "~/routes/library.requirements.$requirementId";
import { buildPrincipal, loadAccess } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { Principal } from "~/utils/policy.server";
import type { SetStatus, Visibility } from "~/utils/requirement-fields";

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
import { requirementInput } from "../support/set-factories";

import { auditRows, errorsOf, expectRedirect } from "./route-helpers";

/** A word no other test uses, so that portal sets made by other tests never match. */
function uniqueWord(): string {
  const letters = "bcdfghjklmnpqrstvxz";
  return `kvx${Array.from(randomUUID().replaceAll("-", "").slice(0, 10), (c) => letters[parseInt(c, 16)]).join("")}`;
}

async function principalOf(userId: string): Promise<Principal> {
  return buildPrincipal({ id: userId, isPlatformAdmin: false }, await loadAccess(userId));
}

async function makeSet({
  regionId,
  authorId,
  visibility = "private",
  collaborationId = null,
  status = "draft",
  title = "Kravuppsättning",
}: {
  regionId: string;
  authorId: string;
  visibility?: Visibility;
  collaborationId?: string | null;
  status?: SetStatus;
  title?: string;
}): Promise<string> {
  const setId = await createSet({ regionId, title, description: "", procurementReference: "", actorUserId: authorId });
  await db.update(requirementSets).set({ visibility, collaborationId }).where(eq(requirementSets.id, setId));
  if (status !== "draft") {
    // Requirements are added while the set is a draft; the status is set after (see addRequirement).
    pendingStatus.set(setId, status);
  }
  return setId;
}

const pendingStatus = new Map<string, SetStatus>();

async function finishSets() {
  for (const [setId, status] of pendingStatus) {
    await db.update(requirementSets).set({ status }).where(eq(requirementSets.id, setId));
  }
  pendingStatus.clear();
}

async function addRequirement(setId: string, authorId: string, overrides: Partial<RequirementInput> = {}) {
  const result = await createRequirement({
    setId,
    sectionId: null,
    input: requirementInput(overrides),
    actorUserId: authorId,
  });
  if (result.status !== "created") throw new Error(result.status);
  return result.requirementId;
}

/** A copy of `sourceId` in `setId`, recording its source as the reuse feature does. */
async function addCopy(
  setId: string,
  authorId: string,
  sourceId: string,
  { adaptText, reason = "" }: { adaptText?: string; reason?: string } = {},
) {
  const [source] = await db.select().from(requirements).where(eq(requirements.id, sourceId));
  if (!source) throw new Error("no source");
  const content = {
    ref: source.ref,
    title: source.title,
    text: source.text,
    obligation: source.obligation,
    type: source.type,
    area: source.area as RequirementInput["area"],
    rationale: source.rationale,
    verification: source.verification,
    weight: source.weight,
    ambition: source.ambition,
    tags: source.tags,
  };
  const copyId = await addRequirement(setId, authorId, { ...content, text: adaptText ?? source.text });
  await db
    .update(requirements)
    .set({
      sourceRequirementId: source.id,
      sourceSetId: source.setId,
      sourceVersion: source.version,
      sourceSnapshot: content,
      sourceSeenVersion: source.version,
      adaptationReason: reason,
    })
    .where(eq(requirements.id, copyId));
  return copyId;
}

/**
 * Regions A (mine), B, C, D and E. Collaboration X = A, B, C; collaboration Y = D, E (not mine).
 * The user is an editor in A.
 */
async function world() {
  const [a, b, c, d, e] = await Promise.all([
    createRegion(),
    createRegion(),
    createRegion(),
    createRegion(),
    createRegion(),
  ]);
  const x = await createCollaboration([a.id, b.id, c.id]);
  const y = await createCollaboration([d.id, e.id]);
  const me = await createMember(a.id, "editor");
  const authorB = await createMember(b.id, "editor");
  const authorC = await createMember(c.id, "editor");
  const authorD = await createMember(d.id, "editor");
  return { a, b, c, d, e, x, y, me, authorB, authorC, authorD };
}

function filters(overrides: Partial<LibraryFilters>): LibraryFilters {
  return { page: 1, ...overrides };
}

describe("library search", () => {
  test("a set whose title matches is listed even when none of its requirements does; a private one is not", async () => {
    const w = await world();
    const word = uniqueWord();
    const titled = await makeSet({
      regionId: w.c.id,
      authorId: w.authorC.id,
      visibility: "portal",
      title: `Kravbild för ${word}`,
    });
    await addRequirement(titled, w.authorC.id, { title: "Ett krav om något annat", text: "Helt andra ord." });
    const hidden = await makeSet({ regionId: w.b.id, authorId: w.authorB.id, title: `Privat ${word}` });
    await addRequirement(hidden, w.authorB.id, { title: "Ett dolt krav", text: "Helt andra ord." });
    // Renaming a set changes what its title matches (the title's word vector is generated from it).
    const renamed = await makeSet({ regionId: w.c.id, authorId: w.authorC.id, visibility: "portal", title: word });
    await db.update(requirementSets).set({ title: "Nytt namn" }).where(eq(requirementSets.id, renamed));
    await finishSets();

    const result = await searchLibrary({ principal: await principalOf(w.me.id), filters: filters({ q: word }) });
    expect(result.requirements).toEqual([]);
    expect(
      result.sets.map((set) => ({ id: set.id, matchCount: set.matchCount, requirementCount: set.requirementCount })),
    ).toEqual([{ id: titled, matchCount: 0, requirementCount: 1 }]);
    expect(result.setTotal).toBe(1);
  });

  test("finds only what other regions share with me: never private sets, other collaborations, my own, archived or deleted", async () => {
    const w = await world();
    const word = uniqueWord();
    const text = `Leverantören ska beskriva ${word} i lösningen.`;
    const sharedB = await makeSet({
      regionId: w.b.id,
      authorId: w.authorB.id,
      visibility: "collaboration",
      collaborationId: w.x.id,
    });
    const portalC = await makeSet({ regionId: w.c.id, authorId: w.authorC.id, visibility: "portal" });
    const privateB = await makeSet({ regionId: w.b.id, authorId: w.authorB.id });
    const otherCollaborationD = await makeSet({
      regionId: w.d.id,
      authorId: w.authorD.id,
      visibility: "collaboration",
      collaborationId: w.y.id,
    });
    const mineShared = await makeSet({
      regionId: w.a.id,
      authorId: w.me.id,
      visibility: "collaboration",
      collaborationId: w.x.id,
    });
    const archivedC = await makeSet({ regionId: w.c.id, authorId: w.authorC.id, visibility: "portal" });
    const visible1 = await addRequirement(sharedB, w.authorB.id, { title: "Delat krav", text });
    const visible2 = await addRequirement(portalC, w.authorC.id, { title: "Portalkrav", text });
    const deleted = await addRequirement(portalC, w.authorC.id, { title: "Borttaget krav", text });
    await db.update(requirements).set({ deletedAt: new Date() }).where(eq(requirements.id, deleted));
    for (const [setId, author] of [
      [privateB, w.authorB.id],
      [otherCollaborationD, w.authorD.id],
      [mineShared, w.me.id],
      [archivedC, w.authorC.id],
    ] as const) {
      await addRequirement(setId, author, { title: "Dolt krav", text });
    }
    await db.update(requirementSets).set({ archivedAt: new Date() }).where(eq(requirementSets.id, archivedC));

    const result = await searchLibrary({ principal: await principalOf(w.me.id), filters: filters({ q: word }) });
    expect(result.requirements.map((r) => r.id).sort()).toEqual([visible1, visible2].sort());
    expect(result.total).toBe(2);
    expect(result.sets.map((s) => s.id).sort()).toEqual([sharedB, portalC].sort());

    // The route gives the same, through the policy of the signed-in user.
    const { cookie } = await signInAs(w.me.id, w.a.id);
    const page = await callRoute(libraryLoader, buildRequest(`/library?q=${word}`, { cookie }));
    expect(page.status).toBe(200);
    const body = page.body as { requirements: Array<{ id: string }>; sets: Array<{ id: string }> };
    expect(body.requirements.map((r) => r.id).sort()).toEqual([visible1, visible2].sort());

    // A steering-group member outside the region sees what is shared with the collaboration too.
    const steering = await createUser();
    await addSteeringMember(w.y.id, steering.id, "member");
    const steeringResult = await searchLibrary({
      principal: await principalOf(steering.id),
      filters: filters({ q: word }),
    });
    expect(steeringResult.requirements.map((r) => r.id).sort()).toHaveLength(2);
    expect(steeringResult.sets.map((s) => s.id)).toContain(otherCollaborationD);
    expect(steeringResult.sets.map((s) => s.id)).not.toContain(sharedB);
  });

  test("Swedish stemming as the swedish configuration does it: 'loggar' finds 'logga', 'loggning' does not", async () => {
    const w = await world();
    const word = uniqueWord();
    const setId = await makeSet({
      regionId: w.b.id,
      authorId: w.authorB.id,
      visibility: "collaboration",
      collaborationId: w.x.id,
    });
    const verb = await addRequirement(setId, w.authorB.id, { title: "Åtkomst", text: `Systemet ska logga ${word}.` });
    const noun = await addRequirement(setId, w.authorB.id, { title: "Spårbarhet", text: `Loggning av ${word} krävs.` });
    const principal = await principalOf(w.me.id);
    const ids = async (q: string) =>
      (await searchLibrary({ principal, filters: filters({ q }) })).requirements.map((r) => r.id).sort();
    expect(await ids(`${word} loggar`)).toEqual([verb]);
    expect(await ids(`${word} loggning`)).toEqual([noun]);
    // websearch syntax: "or" and a minus sign.
    expect(await ids(`${word} loggar or ${word} loggning`)).toEqual([verb, noun].sort());
    expect(await ids(`${word} -loggning`)).toEqual([verb]);
    // Inflected forms of the same noun meet in one stem.
    const inflected = await addRequirement(setId, w.authorB.id, {
      title: "Uppgifter",
      text: `Patientuppgifterna ${word}.`,
    });
    expect(await ids(`${word} patientuppgift`)).toEqual([inflected]);
  });

  test("a match in the title ranks above a match in the text, and matches are highlighted without HTML", async () => {
    const w = await world();
    const word = uniqueWord();
    const setId = await makeSet({
      regionId: w.b.id,
      authorId: w.authorB.id,
      visibility: "collaboration",
      collaborationId: w.x.id,
    });
    const inText = await addRequirement(setId, w.authorB.id, {
      ref: "AA-001",
      title: "Krav om annat",
      text: `Leverantören ska <script>alert(1)</script> stödja ${word} fullt ut.`,
    });
    const inTitle = await addRequirement(setId, w.authorB.id, {
      ref: "ZZ-001",
      title: `Stöd för ${word}`,
      text: "Annat.",
    });
    const result = await searchLibrary({ principal: await principalOf(w.me.id), filters: filters({ q: word }) });
    expect(result.requirements.map((r) => r.id)).toEqual([inTitle, inText]);
    const [first, second] = result.requirements;
    expect(first?.titleHighlight).toContain(`${HIGHLIGHT_START}${word}${HIGHLIGHT_STOP}`);
    expect(second?.snippet).toContain(`${HIGHLIGHT_START}${word}${HIGHLIGHT_STOP}`);
    // ts_headline's parser drops markup tags from the fragment; what is left is text for React to escape.
    expect(second?.snippet).not.toContain("<script>");
    expect(second?.snippet).toContain("alert(1)");
    expect(second?.titleHighlight).toBe("Krav om annat");
  });

  test("pages of 25 with the total count; browsing without a query lists everything shared", async () => {
    const w = await world();
    const word = uniqueWord();
    const setId = await makeSet({
      regionId: w.b.id,
      authorId: w.authorB.id,
      visibility: "collaboration",
      collaborationId: w.x.id,
    });
    for (let i = 0; i < 30; i++) await addRequirement(setId, w.authorB.id, { text: `Krav ${i} om ${word}.` });
    const principal = await principalOf(w.me.id);
    const first = await searchLibrary({ principal, filters: filters({ q: word }) });
    const second = await searchLibrary({ principal, filters: filters({ q: word, page: 2 }) });
    expect([first.total, first.requirements.length, second.requirements.length]).toEqual([30, 25, 5]);
    expect(first.capped).toBe(false);
    const ids = new Set([...first.requirements, ...second.requirements].map((r) => r.id));
    expect(ids.size).toBe(30);
    const browse = await searchLibrary({ principal, filters: filters({ collaborationId: w.x.id, page: 2 }) });
    expect(browse.total).toBe(30);
    expect(browse.requirements).toHaveLength(5);
    expect(browse.requirements[0]?.snippet).toBe("");
    // Past the last page: an empty page, the count still right.
    const beyond = await searchLibrary({ principal, filters: filters({ q: word, page: 3 }) });
    expect([beyond.total, beyond.requirements.length]).toEqual([30, 0]);
  });

  test("filters by collaboration, region, area, obligation, type and set status", async () => {
    const w = await world();
    const word = uniqueWord();
    const sharedB = await makeSet({
      regionId: w.b.id,
      authorId: w.authorB.id,
      visibility: "collaboration",
      collaborationId: w.x.id,
      status: "published",
    });
    const portalC = await makeSet({ regionId: w.c.id, authorId: w.authorC.id, visibility: "portal" });
    const r1 = await addRequirement(sharedB, w.authorB.id, {
      text: word,
      area: "IS",
      obligation: "ska",
      type: "technical",
    });
    const r2 = await addRequirement(sharedB, w.authorB.id, {
      text: word,
      area: "BL",
      obligation: "bor",
      type: "award",
      weight: 10,
    });
    const r3 = await addRequirement(portalC, w.authorC.id, {
      text: word,
      area: "IS",
      obligation: "bor",
      type: "contract",
    });
    await finishSets();
    const principal = await principalOf(w.me.id);
    const ids = async (f: Partial<LibraryFilters>) =>
      (await searchLibrary({ principal, filters: filters({ q: word, ...f }) })).requirements.map((r) => r.id).sort();
    expect(await ids({ collaborationId: w.x.id })).toEqual([r1, r2].sort());
    expect(await ids({ regionId: w.c.id })).toEqual([r3]);
    expect(await ids({ area: "IS" })).toEqual([r1, r3].sort());
    expect(await ids({ obligation: "bor" })).toEqual([r2, r3].sort());
    expect(await ids({ type: "award" })).toEqual([r2]);
    expect(await ids({ status: "published" })).toEqual([r1, r2].sort());
    expect(await ids({ status: "draft", area: "IS" })).toEqual([r3]);
    expect(await ids({ regionId: w.a.id })).toEqual([]);
  });

  test("filter choices: my collaborations and every region but my own, by name", async () => {
    const w = await world();
    const principal = await principalOf(w.me.id);
    const options = await getLibraryFilterOptions({ principal });
    expect(options.collaborations.map((c) => c.id)).toEqual([w.x.id]);
    const regionIds = options.regions.map((r) => r.id);
    expect(regionIds).toEqual(expect.arrayContaining([w.b.id, w.c.id, w.d.id, w.e.id]));
    expect(regionIds).not.toContain(w.a.id);
    // In the database's collation, as the select shows them.
    const byName = await db
      .select({ id: regions.id })
      .from(regions)
      .where(ne(regions.id, w.a.id))
      .orderBy(regions.name, regions.id);
    expect(regionIds).toEqual(byName.map((r) => r.id));
    // A user without regions or collaborations gets every region and no collaborations.
    const outsider = await principalOf((await createUser()).id);
    const outsiderOptions = await getLibraryFilterOptions({ principal: outsider });
    expect(outsiderOptions.collaborations).toEqual([]);
    expect(outsiderOptions.regions.map((r) => r.id)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
  });

  test("bad query parameters are ignored and named, never an error", async () => {
    const w = await world();
    const { cookie } = await signInAs(w.me.id, w.a.id);
    const long = "a".repeat(300);
    const result = await callRoute(
      libraryLoader,
      buildRequest(
        `/library?page=abc&area=XX&region=not-a-uuid&obligation=kanske&status=1&type=x&collaboration=1&q=${long}`,
        {
          cookie,
        },
      ),
    );
    expect(result.status).toBe(200);
    const body = result.body as { ignored: string[]; filters: LibraryFilters };
    expect(body.ignored.sort()).toEqual([
      "area",
      "collaboration",
      "obligation",
      "page",
      "q",
      "region",
      "status",
      "type",
    ]);
    expect(body.filters.page).toBe(1);
    // A query of only punctuation or stop words finds nothing instead of failing.
    for (const q of ["!!!", "och", "'", '"', "-", "&|!:*"]) {
      const response = await callRoute(libraryLoader, buildRequest(`/library?q=${encodeURIComponent(q)}`, { cookie }));
      expect(response.status).toBe(200);
    }
    const anonymous = await callRoute(libraryLoader, buildRequest("/library"));
    expect(anonymous.status).toBe(302);
  });
});

describe("adoption record", () => {
  async function adoptionWorld() {
    const w = await world();
    const f = await createRegion();
    const g = await createRegion();
    const wide = await createCollaboration([w.a.id, w.b.id, w.c.id, w.d.id, f.id, g.id]);
    const authorF = await createMember(f.id, "editor");
    const authorG = await createMember(g.id, "editor");
    const sourceSet = await makeSet({
      regionId: w.b.id,
      authorId: w.authorB.id,
      visibility: "collaboration",
      collaborationId: wide.id,
      title: "Gemensam kravbild",
    });
    const source = await addRequirement(sourceSet, w.authorB.id, {
      title: "Loggning av åtkomst",
      text: "Systemet ska logga.",
    });
    // C adopts as is (shared copy), D adapts (shared with the wide collaboration), F has a private copy, G declines.
    const setC = await makeSet({
      regionId: w.c.id,
      authorId: w.authorC.id,
      visibility: "collaboration",
      collaborationId: wide.id,
    });
    const setD = await makeSet({ regionId: w.d.id, authorId: w.authorD.id, visibility: "portal" });
    const setF = await makeSet({ regionId: f.id, authorId: authorF.id, title: "Hemlig utkastuppsättning F" });
    const copyC = await addCopy(setC, w.authorC.id, source);
    const copyD = await addCopy(setD, w.authorD.id, source, {
      adaptText: "Systemet ska logga all läsning.",
      reason: "Regionens journalsystem loggar redan skrivningar.",
    });
    await addCopy(setF, authorF.id, source);
    await db
      .insert(libraryDeclines)
      .values({ regionId: g.id, requirementId: source, reason: "Ersätts av eget krav.", decidedByUserId: authorG.id });
    return { ...w, f, g, wide, authorF, authorG, sourceSet, source, setC, setD, setF, copyC, copyD };
  }

  test("lists each region with adopted, adapted, declined or undecided, and never another region's private copy", async () => {
    const w = await adoptionWorld();
    const principal = await principalOf(w.me.id);
    const requirement = await getLibraryRequirement({ principal, requirementId: w.source });
    if (!requirement) throw new Error("not visible");
    const record = await getAdoptionRecord({ principal, requirement });
    const state = Object.fromEntries(record.entries.map((e) => [e.regionId, e.state]));
    expect(state).toEqual({
      [w.a.id]: "undecided",
      [w.c.id]: "adopted",
      [w.d.id]: "adapted",
      // F's copy lies in a private set: to A it looks undecided.
      [w.f.id]: "undecided",
      [w.g.id]: "declined",
    });
    expect(record.summary).toEqual({ regions: 5, used: 2, adapted: 1, declined: 1 });
    const entryD = record.entries.find((e) => e.regionId === w.d.id);
    expect(entryD?.copies[0]?.reason).toBe("Regionens journalsystem loggar redan skrivningar.");
    expect(record.entries.find((e) => e.regionId === w.g.id)?.declineReason).toBe("Ersätts av eget krav.");
    expect(JSON.stringify(record)).not.toContain("Hemlig utkastuppsättning F");

    // F itself sees its own copy.
    const asF = await principalOf(w.authorF.id);
    const recordF = await getAdoptionRecord({ principal: asF, requirement });
    expect(recordF.entries.find((e) => e.regionId === w.f.id)?.state).toBe("adopted");
    expect(recordF.summary).toEqual({ regions: 5, used: 3, adapted: 1, declined: 1 });

    // The search result row carries the same summary.
    const search = await searchLibrary({
      principal,
      filters: filters({ regionId: w.b.id, collaborationId: w.wide.id }),
    });
    const row = search.requirements.find((r) => r.id === w.source);
    expect(row?.adoption).toEqual({ regions: 5, used: 2, adapted: 1, declined: 1 });
    // So does a search hit (the summary comes from the search statement itself), for each viewer.
    const searchFilters = filters({ q: "loggning åtkomst", regionId: w.b.id, collaborationId: w.wide.id });
    const hit = (await searchLibrary({ principal, filters: searchFilters })).requirements.find(
      (r) => r.id === w.source,
    );
    expect(hit?.adoption).toEqual({ regions: 5, used: 2, adapted: 1, declined: 1 });
    const hitF = (await searchLibrary({ principal: asF, filters: searchFilters })).requirements.find(
      (r) => r.id === w.source,
    );
    expect(hitF?.adoption).toEqual({ regions: 5, used: 3, adapted: 1, declined: 1 });

    // The page says it in words.
    const { cookie } = await signInAs(w.me.id, w.a.id);
    const page = await callRoute(requirementLoader, buildRequest(`/library/requirements/${w.source}`, { cookie }), {
      requirementId: w.source,
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain("Hemlig utkastuppsättning F");
  });

  test("decline with a reason, change it, withdraw it; audited; bad reasons are field errors", async () => {
    const w = await adoptionWorld();
    const { cookie } = await signInAs(w.me.id, w.a.id);
    const path = `/library/requirements/${w.source}`;
    const post = (form: Record<string, string>) =>
      callRoute(requirementAction, buildRequest(path, { method: "POST", cookie, form }), { requirementId: w.source });

    const empty = await post({ intent: "decline", reason: "   " });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty.body, "reason")).toEqual(["library.reasonRequired"]);
    const long = await post({ intent: "decline", reason: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(errorsOf(long.body, "reason")).toEqual(["library.reasonTooLong"]);
    expect((await post({ intent: "nonsense" })).status).toBe(400);
    expect(await db.select().from(libraryDeclines).where(eq(libraryDeclines.regionId, w.a.id))).toEqual([]);

    expectRedirect(await post({ intent: "decline", reason: "Vi har redan ett likvärdigt krav." }), path);
    expectRedirect(await post({ intent: "decline", reason: "Ändrad motivering." }), path);
    const [decline] = await db.select().from(libraryDeclines).where(eq(libraryDeclines.regionId, w.a.id));
    expect(decline?.reason).toBe("Ändrad motivering.");
    expect((await auditRows("library.declined")).filter((row) => row.targetId === w.source)).toHaveLength(2);

    const principal = await principalOf(w.me.id);
    const requirement = await getLibraryRequirement({ principal, requirementId: w.source });
    if (!requirement) throw new Error("not visible");
    const record = await getAdoptionRecord({ principal, requirement });
    expect(record.summary).toEqual({ regions: 5, used: 2, adapted: 1, declined: 2 });

    expectRedirect(await post({ intent: "withdraw" }), path);
    expect(await db.select().from(libraryDeclines).where(eq(libraryDeclines.regionId, w.a.id))).toEqual([]);
    expect((await auditRows("library.decline_withdrawn")).filter((row) => row.targetId === w.source)).toHaveLength(1);
    // Withdrawing again changes nothing and says so.
    expectRedirect(await post({ intent: "withdraw" }), path);
    expect((await auditRows("library.decline_withdrawn")).filter((row) => row.targetId === w.source)).toHaveLength(1);
  });

  test("a region that uses the requirement cannot decline it; viewers, owners and outsiders cannot either", async () => {
    const w = await adoptionWorld();
    const path = `/library/requirements/${w.source}`;
    const post = async (userId: string, regionId: string | null, form: Record<string, string>) => {
      const { cookie } = await signInAs(userId, regionId);
      return callRoute(requirementAction, buildRequest(path, { method: "POST", cookie, form }), {
        requirementId: w.source,
      });
    };
    const form = { intent: "decline", reason: "Passar inte." };
    const hasCopy = await post(w.authorC.id, w.c.id, form);
    expect(hasCopy.status).toBe(409);
    expect(errorsOf(hasCopy.body)).toEqual(["library.declineHasCopy"]);
    expect(await db.select().from(libraryDeclines).where(eq(libraryDeclines.regionId, w.c.id))).toEqual([]);

    const viewer = await createMember(w.a.id, "viewer");
    expect((await post(viewer.id, w.a.id, form)).status).toBe(403);
    expect((await post(w.authorB.id, w.b.id, form)).status).toBe(403);
    // E is outside the wide collaboration: the requirement does not exist for its members.
    const outsider = await createMember(w.e.id, "editor");
    expect((await post(outsider.id, w.e.id, form)).status).toBe(404);
    const { cookie } = await signInAs(outsider.id, w.e.id);
    const page = await callRoute(requirementLoader, buildRequest(path, { cookie }), { requirementId: w.source });
    expect(page.status).toBe(404);
    const bad = await callRoute(requirementLoader, buildRequest("/library/requirements/nope", { cookie }), {
      requirementId: "nope",
    });
    expect(bad.status).toBe(404);
  });

  test("a member of two regions declines for the region chosen in the header", async () => {
    const w = await adoptionWorld();
    const user = await createMember(w.e.id, "editor");
    await addMembership(user.id, w.a.id, "editor");
    const { cookie } = await signInAs(user.id, w.a.id);
    const path = `/library/requirements/${w.source}`;
    const result = await callRoute(
      requirementAction,
      buildRequest(path, { method: "POST", cookie, form: { intent: "decline", reason: "Inte aktuellt." } }),
      { requirementId: w.source },
    );
    expectRedirect(result, path);
    const rows = await db.select().from(libraryDeclines).where(eq(libraryDeclines.requirementId, w.source));
    expect(rows.map((row) => row.regionId).sort()).toEqual([w.a.id, w.g.id].sort());
  });
});
