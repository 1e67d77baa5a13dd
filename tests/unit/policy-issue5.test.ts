import { describe, expect, test } from "vitest";

import { authorize, type Decision, type Principal, type Resource } from "~/utils/policy.server";

/**
 * The policy for standards, lessons' creation, procurements and the steering group's overview,
 * as a table written out by hand (policy.test.ts covers the older actions the same way).
 */

const REGION_A = "00000000-0000-4000-8000-00000000000a";
const REGION_B = "00000000-0000-4000-8000-00000000000b";
const REGION_C = "00000000-0000-4000-8000-00000000000c";
const COLLAB_AB = "00000000-0000-4000-8000-0000000000ab";
const COLLAB_BC = "00000000-0000-4000-8000-0000000000bc";

function principal(overrides: Partial<Principal> & { userId: string }): Principal {
  return {
    isPlatformAdmin: false,
    regionRoles: new Map(),
    steeringRoles: new Map(),
    collaborationIds: new Set(),
    ...overrides,
  };
}

const principals = {
  anonymous: null,
  viewerA: principal({
    userId: "va",
    regionRoles: new Map([[REGION_A, "viewer"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  editorA: principal({
    userId: "ea",
    regionRoles: new Map([[REGION_A, "editor"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  adminA: principal({
    userId: "aa",
    regionRoles: new Map([[REGION_A, "admin"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  editorC: principal({
    userId: "ec",
    regionRoles: new Map([[REGION_C, "editor"]]),
    collaborationIds: new Set([COLLAB_BC]),
  }),
  /** Steering member of AB whose own region (C) is outside AB. */
  steeringAB: principal({
    userId: "sab",
    regionRoles: new Map([[REGION_C, "viewer"]]),
    steeringRoles: new Map([[COLLAB_AB, "member"]]),
    collaborationIds: new Set([COLLAB_AB, COLLAB_BC]),
  }),
  platformAdmin: principal({ userId: "pa", isPlatformAdmin: true }),
} satisfies Record<string, Principal | null>;
type Name = keyof typeof principals;
const names = Object.keys(principals) as Name[];

function decisions(action: string, resource: Resource): Record<Name, Decision> {
  return Object.fromEntries(names.map((name) => [name, authorize(principals[name], action, resource)])) as Record<
    Name,
    Decision
  >;
}

/** Expected decisions: `allow` for the listed, `not-found` for the hidden, the rest forbidden. */
function expected(allow: Name[], hidden: Name[] = []): Record<Name, Decision> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      name === "anonymous"
        ? "unauthenticated"
        : hidden.includes(name)
          ? "not-found"
          : allow.includes(name)
            ? "allow"
            : "forbidden",
    ]),
  ) as Record<Name, Decision>;
}

const procurement = (overrides: Partial<Extract<Resource, { type: "procurement" }>> = {}): Resource => ({
  type: "procurement",
  ownerRegionId: REGION_A,
  visibility: "private",
  collaborationId: null,
  participantRegionIds: [],
  archived: false,
  ...overrides,
});

describe("policy: standards", () => {
  test("everyone signed in reads the catalogue; platform admins and any region's admins manage it", () => {
    expect(decisions("standard.read", { type: "platform" })).toEqual(
      expected(["viewerA", "editorA", "adminA", "editorC", "steeringAB", "platformAdmin"]),
    );
    expect(decisions("standard.manage", { type: "platform" })).toEqual(expected(["adminA", "platformAdmin"]));
  });

  test("marking a standard common is for the collaboration's steering group only", () => {
    expect(decisions("standard.mark_common", { type: "collaboration", collaborationId: COLLAB_AB })).toEqual(
      expected(["steeringAB"]),
    );
    expect(decisions("standard.mark_common", { type: "collaboration", collaborationId: COLLAB_BC })).toEqual(
      expected([]),
    );
  });

  test("a region's adoption is recorded by its admins; other regions are hidden", () => {
    expect(decisions("standard.adopt", { type: "region", regionId: REGION_A })).toEqual(
      expected(["adminA"], ["editorC", "steeringAB"]),
    );
  });
});

describe("policy: lessons and procurements are started by a region's editors", () => {
  test.each(["lesson.create", "procurement.create"])("%s", (action) => {
    expect(decisions(action, { type: "region", regionId: REGION_A })).toEqual(
      expected(["editorA", "adminA"], ["editorC", "steeringAB"]),
    );
  });
});

describe("policy: procurements", () => {
  test("a private procurement is read by the lead region and the participating regions, hidden from the rest", () => {
    expect(decisions("procurement.read", procurement())).toEqual(
      expected(["viewerA", "editorA", "adminA"], ["editorC", "steeringAB", "platformAdmin"]),
    );
    expect(decisions("procurement.read", procurement({ participantRegionIds: [REGION_C] }))).toEqual(
      expected(["viewerA", "editorA", "adminA", "editorC", "steeringAB"], ["platformAdmin"]),
    );
  });

  test("shared with a collaboration: its regions and steering group read it", () => {
    const shared = procurement({ ownerRegionId: REGION_B, visibility: "collaboration", collaborationId: COLLAB_AB });
    expect(decisions("procurement.read", shared)).toEqual(
      expected(["viewerA", "editorA", "adminA", "steeringAB"], ["editorC", "platformAdmin"]),
    );
  });

  test("only the lead region's editors edit, its admins share; participants read but do not write", () => {
    const joint = procurement({ participantRegionIds: [REGION_C] });
    expect(decisions("procurement.edit", joint)).toEqual(expected(["editorA", "adminA"], ["platformAdmin"]));
    expect(decisions("procurement.share", joint)).toEqual(expected(["adminA"], ["platformAdmin"]));
    expect(decisions("procurement.archive", joint)).toEqual(expected(["adminA"], ["platformAdmin"]));
  });

  test("an archived procurement is read-only until an admin restores it", () => {
    const archived = procurement({ archived: true });
    expect(decisions("procurement.edit", archived)).toEqual(expected([], ["editorC", "steeringAB", "platformAdmin"]));
    expect(decisions("procurement.archive", archived)).toEqual(
      expected(["adminA"], ["editorC", "steeringAB", "platformAdmin"]),
    );
  });
});

describe("policy: the steering group's overview", () => {
  test("member regions' people and the steering group see it; everyone else gets 404", () => {
    expect(decisions("collaboration.overview", { type: "collaboration_internal", collaborationId: COLLAB_AB })).toEqual(
      expected(["viewerA", "editorA", "adminA", "steeringAB"], ["editorC", "platformAdmin"]),
    );
    expect(decisions("collaboration.overview", { type: "collaboration_internal", collaborationId: COLLAB_BC })).toEqual(
      expected(["editorC", "steeringAB"], ["viewerA", "editorA", "adminA", "platformAdmin"]),
    );
  });

  test("other actions on the overview resource are denied", () => {
    expect(
      decisions("collaboration.manage", { type: "collaboration_internal", collaborationId: COLLAB_AB }).steeringAB,
    ).toBe("forbidden");
  });
});
