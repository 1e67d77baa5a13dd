import { describe, expect, test } from "vitest";

import { authorize, can, type Decision, type Principal, type Resource } from "~/utils/policy.server";

/**
 * The policy as a table: every action of the rules table, asked by each kind of principal about
 * each kind of resource. Expectations are written out by hand, not derived from the policy.
 */

const REGION_A = "00000000-0000-4000-8000-00000000000a";
const REGION_B = "00000000-0000-4000-8000-00000000000b";
const REGION_C = "00000000-0000-4000-8000-00000000000c";
/** Regions A and B work together here. */
const COLLAB_AB = "00000000-0000-4000-8000-0000000000ab";
/** Regions B and C; region A takes no part. */
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
    userId: "viewer-a",
    regionRoles: new Map([[REGION_A, "viewer"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  editorA: principal({
    userId: "editor-a",
    regionRoles: new Map([[REGION_A, "editor"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  adminA: principal({
    userId: "admin-a",
    regionRoles: new Map([[REGION_A, "admin"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  /** The highest role in region B, which must give nothing in region A. */
  adminB: principal({
    userId: "admin-b",
    regionRoles: new Map([[REGION_B, "admin"]]),
    collaborationIds: new Set([COLLAB_AB, COLLAB_BC]),
  }),
  chairAB: principal({
    userId: "chair-ab",
    steeringRoles: new Map([[COLLAB_AB, "chair"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  steeringMemberAB: principal({
    userId: "steering-member-ab",
    steeringRoles: new Map([[COLLAB_AB, "member"]]),
    collaborationIds: new Set([COLLAB_AB]),
  }),
  platformAdmin: principal({ userId: "platform-admin", isPlatformAdmin: true }),
} satisfies Record<string, Principal | null>;

type PrincipalName = keyof typeof principals;
const principalNames = Object.keys(principals) as PrincipalName[];

const resources = {
  platform: { type: "platform" },
  regionA: { type: "region", regionId: REGION_A },
  regionB: { type: "region", regionId: REGION_B },
  collabAB: { type: "collaboration", collaborationId: COLLAB_AB },
  collabBC: { type: "collaboration", collaborationId: COLLAB_BC },
  privateA: { type: "shareable", ownerRegionId: REGION_A, visibility: "private", collaborationId: null },
  /** Private stays private even when the item belongs to a collaboration. */
  privateAInCollabAB: { type: "shareable", ownerRegionId: REGION_A, visibility: "private", collaborationId: COLLAB_AB },
  sharedAWithAB: {
    type: "shareable",
    ownerRegionId: REGION_A,
    visibility: "collaboration",
    collaborationId: COLLAB_AB,
  },
  /** "collaboration" visibility without a collaboration: only the owner region sees it. */
  sharedAWithNobody: { type: "shareable", ownerRegionId: REGION_A, visibility: "collaboration", collaborationId: null },
  portalA: { type: "shareable", ownerRegionId: REGION_A, visibility: "portal", collaborationId: null },
  privateB: { type: "shareable", ownerRegionId: REGION_B, visibility: "private", collaborationId: null },
  sharedBWithBC: {
    type: "shareable",
    ownerRegionId: REGION_B,
    visibility: "collaboration",
    collaborationId: COLLAB_BC,
  },
  portalC: { type: "shareable", ownerRegionId: REGION_C, visibility: "portal", collaborationId: null },
} satisfies Record<string, Resource>;

type ResourceName = keyof typeof resources;
const resourceNames = Object.keys(resources) as ResourceName[];

const signedIn: PrincipalName[] = principalNames.filter((name) => name !== "anonymous");

/** Who may know each resource exists (anyone else gets 404, or 401 when not signed in). */
const mayKnow: Record<ResourceName, PrincipalName[]> = {
  platform: signedIn,
  regionA: ["viewerA", "editorA", "adminA", "platformAdmin"],
  regionB: ["adminB", "platformAdmin"],
  collabAB: signedIn,
  collabBC: signedIn,
  privateA: ["viewerA", "editorA", "adminA"],
  privateAInCollabAB: ["viewerA", "editorA", "adminA"],
  sharedAWithAB: ["viewerA", "editorA", "adminA", "adminB", "chairAB", "steeringMemberAB"],
  sharedAWithNobody: ["viewerA", "editorA", "adminA"],
  portalA: signedIn,
  privateB: ["adminB"],
  sharedBWithBC: ["adminB"],
  portalC: signedIn,
};

/** Every action of the rules table, with the one kind of resource it is asked about. */
const actions = {
  "platform.admin": "platform",
  "region.read": "region",
  "region.members.read": "region",
  "region.members.manage": "region",
  "region.audit.read": "region",
  "region.write": "region",
  "collaboration.list": "platform",
  "collaboration.read": "collaboration",
  "collaboration.manage": "collaboration",
  "item.read": "shareable",
  "item.comment": "shareable",
  "item.edit": "shareable",
  "item.share": "shareable",
} satisfies Record<string, Resource["type"]>;

type ActionName = keyof typeof actions;
const actionNames = Object.keys(actions) as ActionName[];

/** The decision for a visible resource is `allowed` or forbidden; invisible is 404; anonymous 401. */
function expectedFor(
  principalName: PrincipalName,
  resourceName: ResourceName,
  allowed: readonly PrincipalName[],
): Decision {
  if (principalName === "anonymous") return "unauthenticated";
  if (!mayKnow[resourceName].includes(principalName)) return "not-found";
  return allowed.includes(principalName) ? "allow" : "forbidden";
}

function decisionsFor(action: string, resourceName: ResourceName): Record<PrincipalName, Decision> {
  const result = {} as Record<PrincipalName, Decision>;
  for (const name of principalNames) result[name] = authorize(principals[name], action, resources[resourceName]);
  return result;
}

function expectedDecisions(
  resourceName: ResourceName,
  allowed: readonly PrincipalName[],
): Record<PrincipalName, Decision> {
  const result = {} as Record<PrincipalName, Decision>;
  for (const name of principalNames) result[name] = expectedFor(name, resourceName, allowed);
  return result;
}

/** Checks one action on each listed resource against the principals allowed there. */
function expectAction(action: ActionName, allowedOn: Partial<Record<ResourceName, readonly PrincipalName[]>>): void {
  const resourceType = actions[action];
  const ofType = resourceNames.filter((name) => resources[name].type === resourceType);
  // Every resource of the action's type must be covered by the table.
  expect(Object.keys(allowedOn).sort()).toEqual([...ofType].sort());
  for (const resourceName of ofType) {
    const allowed = allowedOn[resourceName] ?? [];
    expect({ action, resourceName, decisions: decisionsFor(action, resourceName) }).toEqual({
      action,
      resourceName,
      decisions: expectedDecisions(resourceName, allowed),
    });
  }
}

describe("policy", () => {
  test("the visibility table above matches what the policy hides: members know their region, nobody else's private items", () => {
    // Spot checks written independently of `mayKnow`, so a wrong table cannot make the rest pass.
    expect(authorize(principals.adminB, "region.read", resources.regionA)).toBe("not-found");
    expect(authorize(principals.viewerA, "item.read", resources.privateB)).toBe("not-found");
    expect(authorize(principals.viewerA, "item.read", resources.sharedBWithBC)).toBe("not-found");
    expect(authorize(principals.adminB, "item.read", resources.privateAInCollabAB)).toBe("not-found");
    expect(authorize(principals.platformAdmin, "item.read", resources.privateA)).toBe("not-found");
    expect(authorize(principals.chairAB, "item.read", resources.sharedAWithAB)).toBe("allow");
    expect(authorize(principals.chairAB, "region.read", resources.regionA)).toBe("not-found");
  });

  test("an anonymous visitor is unauthenticated for every action on every resource, known or not", () => {
    for (const action of [...actionNames, "item.delete", "constructor"]) {
      for (const resourceName of resourceNames) {
        expect(authorize(null, action, resources[resourceName])).toBe("unauthenticated");
        expect(can(null, action, resources[resourceName])).toBe(false);
      }
    }
  });

  test("platform.admin is allowed only to platform admins", () => {
    expectAction("platform.admin", { platform: ["platformAdmin"] });
  });

  test("region.read and region.members.read are allowed to every member of the region and platform admins, 404 for others", () => {
    for (const action of ["region.read", "region.members.read"] as const) {
      expectAction(action, {
        regionA: ["viewerA", "editorA", "adminA", "platformAdmin"],
        regionB: ["adminB", "platformAdmin"],
      });
    }
  });

  test("region.members.manage and region.audit.read need the region's admin role or platform admin; viewer and editor get 403", () => {
    for (const action of ["region.members.manage", "region.audit.read"] as const) {
      expectAction(action, { regionA: ["adminA", "platformAdmin"], regionB: ["adminB", "platformAdmin"] });
      expect(authorize(principals.editorA, action, resources.regionA)).toBe("forbidden");
      expect(authorize(principals.viewerA, action, resources.regionA)).toBe("forbidden");
      expect(authorize(principals.adminB, action, resources.regionA)).toBe("not-found");
    }
  });

  test("region.write needs editor or admin in that region; a viewer gets 403 and a platform admin is not a writer", () => {
    expectAction("region.write", { regionA: ["editorA", "adminA"], regionB: ["adminB"] });
    expect(authorize(principals.viewerA, "region.write", resources.regionA)).toBe("forbidden");
    expect(authorize(principals.platformAdmin, "region.write", resources.regionA)).toBe("forbidden");
  });

  test("collaboration.list and collaboration.read are allowed to everyone signed in, even outside the collaboration", () => {
    expectAction("collaboration.list", { platform: signedIn });
    expectAction("collaboration.read", { collabAB: signedIn, collabBC: signedIn });
    expect(authorize(principals.viewerA, "collaboration.read", resources.collabBC)).toBe("allow");
  });

  test("collaboration.manage is allowed to that collaboration's steering chair and platform admins only", () => {
    expectAction("collaboration.manage", { collabAB: ["chairAB", "platformAdmin"], collabBC: ["platformAdmin"] });
    expect(authorize(principals.steeringMemberAB, "collaboration.manage", resources.collabAB)).toBe("forbidden");
    expect(authorize(principals.chairAB, "collaboration.manage", resources.collabBC)).toBe("forbidden");
    expect(authorize(principals.adminA, "collaboration.manage", resources.collabAB)).toBe("forbidden");
  });

  test("item.read and item.comment follow visibility: private to the owner region, collaboration to its members, portal to all", () => {
    for (const action of ["item.read", "item.comment"] as const) {
      const allVisible = Object.fromEntries(
        resourceNames.filter((n) => resources[n].type === "shareable").map((n) => [n, mayKnow[n]]),
      );
      expectAction(action, allVisible);
    }
    // Written out for the most important cases.
    expect(can(principals.adminB, "item.read", resources.sharedAWithAB)).toBe(true);
    expect(can(principals.steeringMemberAB, "item.read", resources.sharedAWithAB)).toBe(true);
    expect(can(principals.viewerA, "item.read", resources.sharedBWithBC)).toBe(false);
    expect(can(principals.platformAdmin, "item.read", resources.portalC)).toBe(true);
    expect(can(principals.platformAdmin, "item.read", resources.sharedAWithAB)).toBe(false);
  });

  test("item.edit needs editor or admin in the owner region; visible to others means 403, invisible means 404", () => {
    const owners = ["editorA", "adminA"] as const;
    expectAction("item.edit", {
      privateA: owners,
      privateAInCollabAB: owners,
      sharedAWithAB: owners,
      sharedAWithNobody: owners,
      portalA: owners,
      privateB: ["adminB"],
      sharedBWithBC: ["adminB"],
      portalC: [],
    });
    expect(authorize(principals.viewerA, "item.edit", resources.privateA)).toBe("forbidden");
    expect(authorize(principals.adminB, "item.edit", resources.sharedAWithAB)).toBe("forbidden");
    expect(authorize(principals.chairAB, "item.edit", resources.sharedAWithAB)).toBe("forbidden");
    expect(authorize(principals.platformAdmin, "item.edit", resources.portalA)).toBe("forbidden");
    expect(authorize(principals.editorA, "item.edit", resources.privateB)).toBe("not-found");
  });

  test("item.share needs admin in the owner region; an editor gets 403", () => {
    expectAction("item.share", {
      privateA: ["adminA"],
      privateAInCollabAB: ["adminA"],
      sharedAWithAB: ["adminA"],
      sharedAWithNobody: ["adminA"],
      portalA: ["adminA"],
      privateB: ["adminB"],
      sharedBWithBC: ["adminB"],
      portalC: [],
    });
    expect(authorize(principals.editorA, "item.share", resources.privateA)).toBe("forbidden");
  });

  test("an action asked about the wrong kind of resource is denied: 403 when visible, 404 when not", () => {
    for (const action of actionNames) {
      for (const resourceName of resourceNames) {
        if (resources[resourceName].type === actions[action]) continue;
        expect({ action, resourceName, decisions: decisionsFor(action, resourceName) }).toEqual({
          action,
          resourceName,
          decisions: expectedDecisions(resourceName, []),
        });
      }
    }
    expect(authorize(principals.platformAdmin, "platform.admin", resources.regionA)).toBe("forbidden");
    expect(authorize(principals.adminA, "item.read", resources.regionA)).toBe("forbidden");
    expect(authorize(principals.editorA, "region.write", resources.privateA)).toBe("forbidden");
    expect(authorize(principals.chairAB, "collaboration.manage", resources.platform)).toBe("forbidden");
  });

  test("an unknown action is denied with 403 on a visible resource and 404 on a hidden one", () => {
    const unknown = ["item.delete", "region.destroy", "", "PLATFORM.ADMIN", "platform.admin ", "*"];
    for (const action of unknown) {
      expect(authorize(principals.platformAdmin, action, resources.platform)).toBe("forbidden");
      expect(authorize(principals.adminA, action, resources.regionA)).toBe("forbidden");
      expect(authorize(principals.chairAB, action, resources.collabAB)).toBe("forbidden");
      expect(authorize(principals.viewerA, action, resources.portalA)).toBe("forbidden");
      expect(authorize(principals.viewerA, action, resources.privateB)).toBe("not-found");
    }
  });

  test("names inherited from Object.prototype are unknown actions, not rules", () => {
    for (const action of ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"]) {
      for (const resourceName of resourceNames) {
        for (const name of signedIn) {
          expect(can(principals[name], action, resources[resourceName])).toBe(false);
        }
      }
      expect(authorize(principals.platformAdmin, action, resources.platform)).toBe("forbidden");
    }
  });

  test("can() is true exactly when authorize() allows, over the whole table", () => {
    const actionsToAsk = [...actionNames, "item.delete"];
    let allowed = 0;
    for (const action of actionsToAsk) {
      for (const resourceName of resourceNames) {
        for (const name of principalNames) {
          const decision = authorize(principals[name], action, resources[resourceName]);
          expect(can(principals[name], action, resources[resourceName])).toBe(decision === "allow");
          if (decision === "allow") allowed += 1;
        }
      }
    }
    // Sanity: the table has both outcomes, so the check above is not vacuous.
    expect(allowed).toBeGreaterThan(50);
  });

  test("a principal with no roles anywhere can still list collaborations and read portal items, but sees no region", () => {
    const nobody = principal({ userId: "nobody" });
    expect(authorize(nobody, "collaboration.list", resources.platform)).toBe("allow");
    expect(authorize(nobody, "item.read", resources.portalA)).toBe("allow");
    expect(authorize(nobody, "item.read", resources.sharedAWithAB)).toBe("not-found");
    expect(authorize(nobody, "region.read", resources.regionA)).toBe("not-found");
    expect(authorize(nobody, "platform.admin", resources.platform)).toBe("forbidden");
  });
});
