import { createSetImport } from "~/models/set-imports.server";

import {
  all,
  setRouteRows,
  type Actor,
  type FeatureMatrix,
  type FeatureTarget,
  type MatrixFixtureContext,
} from "./matrix-helpers";

/**
 * Authorization matrix rows for import and export (see matrix-helpers.ts).
 *
 * Export needs only `set.read`, of the working copy and of any baseline: another region's private
 * set is 404 for it like for every set page. Importing into a set needs `set.edit`; importing a
 * new set needs an editor role in the workspace's region (steeringAB is only a viewer in C, the
 * platform admin has no region: 404). An upload in progress is its uploader's alone: everyone
 * else gets 404, the region's other editors and admins included.
 *
 *   exchange:importA    editorA's upload into setA (a CSV)
 *   exchange:importNewB editorB's upload of a new set in region B (a CSV)
 */

const CSV = Buffer.from("\uFEFFKravnummer;Rubrik;Kravtext\r\nIS-001;Loggning;Systemet ska logga.\r\n");

async function featureTargets({ users, regionIds, sets }: MatrixFixtureContext) {
  const importA = await createSetImport({
    regionId: regionIds.A,
    targetSetId: sets.setA.setId ?? null,
    actorUserId: users.editorA,
    fileName: "krav.csv",
    format: "csv",
    bytes: CSV,
  });
  const importNewB = await createSetImport({
    regionId: regionIds.B,
    targetSetId: null,
    actorUserId: users.editorB,
    fileName: "krav.csv",
    format: "csv",
    bytes: CSV,
  });
  return {
    "exchange:importA": { importId: importA },
    "exchange:importNewB": { importId: importNewB },
  } satisfies Record<FeatureTarget, Record<string, string>>;
}

/** Only the uploader: 200 for the loader, 400 for an action without an intent. */
function uploaderOnly(uploader: Actor, handler: "loader" | "action"): Record<Actor, number> {
  return { ...all(404), anonymous: handler === "loader" ? 302 : 401, [uploader]: handler === "loader" ? 200 : 400 };
}

/** Editors and admins of the header's region (A for A's members, B for editorB, C for steeringAB). */
function newSetImport(handler: "loader" | "action"): Record<Actor, number> {
  const allowed = handler === "loader" ? 200 : 400;
  return {
    anonymous: handler === "loader" ? 302 : 401,
    viewerA: 403,
    editorA: allowed,
    adminA: allowed,
    editorB: allowed,
    steeringAB: 403,
    platformAdmin: 404,
  };
}

export const exchangeMatrix: FeatureMatrix = {
  featureTargets,
  // Every set target exports as JSON in the download rows (the cheapest format to build).
  extendSetTarget: async () => ({ format: "json" }),
  rows: () => [
    ...setRouteRows("sets.$setId.export", "loader", "read"),
    ...setRouteRows("sets.$setId.export.$format", "loader", "read"),
    ...setRouteRows("sets.$setId.baselines.$baselineId.export.$format", "loader", "read"),
    ...setRouteRows("sets.$setId.import", "loader", "edit"),
    ...setRouteRows("sets.$setId.import", "action", "edit", {}),
    { route: "sets.import", handler: "loader", target: "none", expect: newSetImport("loader") },
    { route: "sets.import", handler: "action", target: "none", form: {}, expect: newSetImport("action") },
    {
      route: "imports.$importId",
      handler: "loader",
      target: "exchange:importA",
      expect: uploaderOnly("editorA", "loader"),
    },
    {
      route: "imports.$importId",
      handler: "action",
      target: "exchange:importA",
      form: {},
      expect: uploaderOnly("editorA", "action"),
    },
    {
      route: "imports.$importId",
      handler: "loader",
      target: "exchange:importNewB",
      expect: uploaderOnly("editorB", "loader"),
    },
    {
      route: "imports.$importId",
      handler: "action",
      target: "exchange:importNewB",
      form: {},
      expect: uploaderOnly("editorB", "action"),
    },
    // The progress of applying an import: its uploader's alone, like the wizard.
    {
      route: "imports.$importId.progress",
      handler: "loader",
      target: "exchange:importA",
      expect: uploaderOnly("editorA", "loader"),
    },
    {
      route: "imports.$importId.progress",
      handler: "loader",
      target: "exchange:importNewB",
      expect: uploaderOnly("editorB", "loader"),
    },
  ],
};
