import fs from "node:fs";
import path from "node:path";

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";

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

import { FEATURE_MATRICES, MATRIX } from "./matrix";
import { ACTORS, SET_TARGETS, type Actor, type MatrixRow, type SetTarget, type Target } from "./matrix-helpers";

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.tsx");

function moduleFor(route: string) {
  const load = routeModules[`../../app/routes/${route}.tsx`];
  if (!load) throw new Error(`no route module app/routes/${route}.tsx`);
  return load();
}

/** The URL path a person would request for this route and target (for redirects back to it). */
function pathFor(route: string, params: Record<string, string>): string {
  const segments = route
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => (segment.startsWith("$") ? (params[segment.slice(1)] ?? segment) : segment));
  return `/${segments.join("/")}`;
}

type Fixture = {
  /** User ids; each cell signs in afresh, since some cells (sign-out) end their session. */
  users: Record<Exclude<Actor, "anonymous">, string>;
  targets: Partial<Record<Exclude<Target, "none">, Record<string, string>>>;
  regionA: string;
};

let fixture: Fixture;

beforeAll(async () => {
  const regionA = await createRegion();
  const regionB = await createRegion();
  const regionC = await createRegion();
  const collaborationAB = await createCollaboration([regionA.id, regionB.id]);
  const collaborationBC = await createCollaboration([regionB.id, regionC.id]);
  const viewerA = await createMember(regionA.id, "viewer");
  const editorA = await createMember(regionA.id, "editor");
  const adminA = await createMember(regionA.id, "admin");
  const editorB = await createMember(regionB.id, "editor");
  const steeringAB = await createUser();
  await addMembership(steeringAB.id, regionC.id, "viewer");
  await addSteeringMember(collaborationAB.id, steeringAB.id, "member");
  const platformAdmin = await createUser({ isPlatformAdmin: true });
  const setTarget = async (
    ownerRegionId: string,
    authorId: string,
    sharing: Parameters<typeof createSetFixture>[0]["sharing"],
  ) => createSetFixture({ ownerRegionId, authorId, sharing });
  fixture = {
    regionA: regionA.id,
    users: {
      viewerA: viewerA.id,
      editorA: editorA.id,
      adminA: adminA.id,
      editorB: editorB.id,
      steeringAB: steeringAB.id,
      platformAdmin: platformAdmin.id,
    },
    targets: {
      regionA: { regionId: regionA.id },
      regionB: { regionId: regionB.id },
      collaborationAB: { collaborationId: collaborationAB.id },
      unknownInvite: { token: "abcdefghijklmnopqrstuvwxyz234567" },
      setA: await setTarget(regionA.id, editorA.id, { visibility: "private" }),
      setB: await setTarget(regionB.id, editorB.id, { visibility: "private" }),
      setSharedB: await setTarget(regionB.id, editorB.id, {
        visibility: "collaboration",
        collaborationId: collaborationAB.id,
      }),
      setPortalC: await setTarget(regionC.id, steeringAB.id, { visibility: "portal" }),
    },
  };
  const setParams = (target: SetTarget) => fixture.targets[target] ?? {};
  for (const feature of FEATURE_MATRICES) {
    if (!feature.extendSetTarget) continue;
    for (const target of SET_TARGETS) {
      const params = setParams(target);
      Object.assign(params, await feature.extendSetTarget({ target, params: { ...params }, users: fixture.users }));
    }
  }
  for (const feature of FEATURE_MATRICES) {
    if (!feature.featureTargets) continue;
    const targets = await feature.featureTargets({
      users: fixture.users,
      regionIds: { A: regionA.id, B: regionB.id, C: regionC.id },
      collaborationIds: { AB: collaborationAB.id, BC: collaborationBC.id },
      sets: Object.fromEntries(SET_TARGETS.map((target) => [target, { ...setParams(target) }])) as Record<
        SetTarget,
        Record<string, string>
      >,
    });
    Object.assign(fixture.targets, targets);
  }
});

function paramsOf(target: Target): Record<string, string> {
  if (target === "none") return {};
  const params = fixture.targets[target];
  if (!params) throw new Error(`no matrix target ${target}: is its feature's featureTargets listed?`);
  return params;
}

function formFor(row: MatrixRow, actor: Actor): Record<string, string> {
  const form = typeof row.form === "function" ? row.form(actor) : (row.form ?? {});
  // regions.switch takes its target region from the form.
  if (row.route === "regions.switch" && row.target !== "none" && row.target !== "unknownInvite") {
    return { regionId: paramsOf(row.target).regionId ?? "", ...form };
  }
  return form;
}

const cells = MATRIX.flatMap((row) => ACTORS.map((actor) => ({ row, actor })));

describe("authorization matrix", () => {
  test.each(cells)("$row.handler $row.route [$row.target] as $actor", async ({ row, actor }) => {
    const module = await moduleFor(row.route);
    const handler = module[row.handler];
    expect(handler, `${row.route} has no ${row.handler}`).toBeTypeOf("function");
    const params = paramsOf(row.target);
    const cookie = actor === "anonymous" ? undefined : (await signInAs(fixture.users[actor])).cookie;
    const request = buildRequest(pathFor(row.route, params), {
      method: row.handler === "loader" ? "GET" : "POST",
      cookie,
      form: row.handler === "action" ? formFor(row, actor) : undefined,
    });
    const result = await callRoute(handler as (args: LoaderFunctionArgs) => unknown, request, params);
    expect(result.status, JSON.stringify(result.body)).toBe(row.expect[actor]);
    const expectedCount = row.visibleCount?.expect[actor];
    if (row.visibleCount && expectedCount !== undefined) {
      expect(row.visibleCount.read(result.body)).toBe(expectedCount);
    }
  });
});

test("every route module with a loader or action is in the authorization matrix", async () => {
  const files = fs.readdirSync(routesDir).filter((file) => file.endsWith(".tsx"));
  const missing: string[] = [];
  for (const file of files) {
    const route = file.replace(/\.tsx$/, "");
    const module = await moduleFor(route);
    for (const handler of ["loader", "action"] as const) {
      if (typeof module[handler] !== "function") continue;
      if (!MATRIX.some((row) => row.route === route && row.handler === handler)) missing.push(`${route} ${handler}`);
    }
  }
  expect(missing, "add these to tests/authz/matrix.ts").toEqual([]);
});

test("the matrix names no route that does not exist", () => {
  const files = new Set(fs.readdirSync(routesDir).map((file) => file.replace(/\.tsx$/, "")));
  expect(MATRIX.map((row) => row.route).filter((route) => !files.has(route))).toEqual([]);
});
