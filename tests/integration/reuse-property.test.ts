import fc from "fast-check";
import { expect, test } from "vitest";

import { getVisibleSet } from "~/models/requirement-sets.server";
import { moveRequirement, updateRequirement } from "~/models/requirements.server";
import { acceptSourceChange, copyRequirements, getProvenance, keepLocalText } from "~/models/reuse.server";
import type { Principal } from "~/utils/policy.server";

import { createCollaboration, createMember, createRegion } from "../support/factories";
import { createSetFixture } from "../support/set-factories";

import { inputFrom, principalFor, requirementRow, TEST_REQUEST } from "./set-helpers";

/**
 * Property: for any sequence of content edits and moves of a source, and accept / keep decisions
 * on its copies, each copy's recorded source_version and source_seen_version and its "källan har
 * ändrats" flag agree with a plain model: the flag is up exactly when the source's newest content
 * change is newer than the version the copy's owner last acted on. Moves bump the source's
 * version but never its content, so they never raise the flag.
 */

type Step =
  | { kind: "edit" }
  | { kind: "move" }
  | { kind: "accept"; copy: 0 | 1 }
  | { kind: "keep"; copy: 0 | 1 }
  | { kind: "editCopy"; copy: 0 | 1 };

const copyIndex = fc.constantFrom<0 | 1>(0, 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: "edit" }),
  fc.constant<Step>({ kind: "move" }),
  copyIndex.map((copy): Step => ({ kind: "accept", copy })),
  copyIndex.map((copy): Step => ({ kind: "keep", copy })),
  copyIndex.map((copy): Step => ({ kind: "editCopy", copy })),
);

type CopyModel = { id: string; setId: string; version: number; sourceVersion: number; seen: number };

async function scenario() {
  const sourceRegion = await createRegion();
  const targetRegion = await createRegion();
  const collaboration = await createCollaboration([sourceRegion.id, targetRegion.id]);
  const sourceEditor = await createMember(sourceRegion.id, "editor");
  const targetEditor = await createMember(targetRegion.id, "editor");
  const source = await createSetFixture({
    ownerRegionId: sourceRegion.id,
    authorId: sourceEditor.id,
    sharing: { visibility: "collaboration", collaborationId: collaboration.id },
  });
  const principal = await principalFor(targetEditor);
  const copies: CopyModel[] = [];
  for (const title of ["Första utkastet", "Andra utkastet"]) {
    const target = await createSetFixture({ ownerRegionId: targetRegion.id, authorId: targetEditor.id, title });
    const result = await copyRequirements({
      principal,
      sourceRequirementIds: [source.requirementId],
      targetSetId: target.setId,
      targetSectionId: null,
      request: TEST_REQUEST,
    });
    if (result.status !== "copied" || !result.copyIds[0]) throw new Error(`not copied: ${result.status}`);
    copies.push({ id: result.copyIds[0], setId: target.setId, version: 1, sourceVersion: 1, seen: 1 });
  }
  return { source, sourceEditor, targetEditor, principal, copies };
}

async function checkCopy(principal: Principal, copy: CopyModel, latestContentVersion: number) {
  const row = await requirementRow(copy.id);
  expect(row.version).toBe(copy.version);
  expect(row.sourceVersion).toBe(copy.sourceVersion);
  expect(row.sourceSeenVersion).toBe(copy.seen);
  const flagged = latestContentVersion > copy.seen;
  const provenance = await getProvenance({ principal, setId: copy.setId, requirementId: copy.id });
  expect(provenance?.changed).toBe(flagged);
  const set = await getVisibleSet({ setId: copy.setId, principal });
  expect(set?.sourceChanged).toBe(flagged ? 1 : 0);
}

test("a copy's recorded source versions and its flag follow the model", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      const world = await scenario();
      const { source, sourceEditor, principal, copies } = world;
      let sourceVersion = 1;
      let latestContentVersion = 0;
      let inSection = true;
      let edits = 0;
      for (const current of steps) {
        if (current.kind === "edit") {
          edits += 1;
          const row = await requirementRow(source.requirementId);
          const result = await updateRequirement({
            setId: source.setId,
            requirementId: source.requirementId,
            baseVersion: sourceVersion,
            input: inputFrom(row, { text: `Källans text, utgåva ${edits}.` }),
            actorUserId: sourceEditor.id,
          });
          expect(result).toEqual({ status: "saved", version: sourceVersion + 1 });
          sourceVersion += 1;
          latestContentVersion = sourceVersion;
        } else if (current.kind === "move") {
          const result = await moveRequirement({
            setId: source.setId,
            requirementId: source.requirementId,
            baseVersion: sourceVersion,
            target: { kind: "section", sectionId: inSection ? null : source.sectionId },
            actorUserId: sourceEditor.id,
          });
          expect(result).toEqual({ status: "saved", version: sourceVersion + 1 });
          inSection = !inSection;
          sourceVersion += 1;
        } else if (current.kind === "editCopy") {
          const copy = copies[current.copy];
          if (!copy) throw new Error("no copy");
          const row = await requirementRow(copy.id);
          const result = await updateRequirement({
            setId: copy.setId,
            requirementId: copy.id,
            baseVersion: copy.version,
            input: inputFrom(row, { rationale: `Lokalt motiv ${copy.version}.` }),
            actorUserId: world.targetEditor.id,
          });
          expect(result.status).toBe("saved");
          copy.version += 1;
        } else {
          const copy = copies[current.copy];
          if (!copy) throw new Error("no copy");
          // A decision made on a page showing an older source version is refused, and changes nothing.
          if (sourceVersion > 1) {
            const stale = await (current.kind === "accept" ? acceptSourceChange : keepLocalText)({
              principal,
              setId: copy.setId,
              requirementId: copy.id,
              baseVersion: copy.version,
              sourceVersion: sourceVersion - 1,
              takeSourceRef: false,
            });
            expect(stale.status).toBe("conflict");
          }
          const args = {
            principal,
            setId: copy.setId,
            requirementId: copy.id,
            baseVersion: copy.version,
            sourceVersion,
          };
          const result =
            current.kind === "accept"
              ? await acceptSourceChange({ ...args, takeSourceRef: false })
              : await keepLocalText(args);
          expect(result).toEqual({ status: "saved", version: copy.version + 1 });
          copy.version += 1;
          copy.seen = sourceVersion;
          if (current.kind === "accept") {
            copy.sourceVersion = sourceVersion;
            const row = await requirementRow(copy.id);
            const sourceRow = await requirementRow(source.requirementId);
            expect(row.text).toBe(sourceRow.text);
            expect(row.sourceSnapshot?.text).toBe(sourceRow.text);
          }
        }
        for (const copy of copies) await checkCopy(principal, copy, latestContentVersion);
      }
    }),
    { numRuns: 12 },
  );
});
