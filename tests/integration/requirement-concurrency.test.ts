import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { requirementSets } from "../../db/schema/requirements";
import { getWorkingSnapshot } from "~/models/baselines.server";
import { changeSetStatus, updateSetDetails } from "~/models/requirement-sets.server";
import {
  createRequirement,
  listRequirementHistory,
  listRequirementsPage,
  moveRequirement,
  setRequirementDeleted,
  updateRequirement,
  type MoveTarget,
} from "~/models/requirements.server";
import { database, db } from "~/utils/db.server";

import { createMember, createRegion } from "../support/factories";
import { requirementInput } from "../support/set-factories";

import {
  baselinesOf,
  changesOf,
  inputFrom,
  newRequirement,
  newSection,
  newSet,
  partition,
  requirementRow,
  setRow,
  sortedSnapshot,
} from "./set-helpers";

/**
 * The "no lost update" rule: writes made from the same version race, exactly one lands, and
 * every other one comes back as a conflict carrying what the winner saved. All writes start
 * together (Promise.all), so on PostgreSQL they really overlap on several connections.
 */

async function setWithEditors(count: number) {
  const region = await createRegion();
  const editors = [];
  for (let index = 0; index < count; index += 1) editors.push(await createMember(region.id, "editor"));
  const first = editors[0];
  if (!first) throw new Error("no editors");
  const setId = await newSet(region.id, first.id);
  return { region, editors, first, setId };
}

describe("updateRequirement from one version", () => {
  test("two editors: one saves, the other gets a conflict with the winner's text and name", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    const requirementId = await newRequirement(setId, null, first.id);
    const base = await requirementRow(requirementId);
    const attempts = editors.map((editor, index) => ({
      editor,
      input: inputFrom(base, { text: `Text från redaktör ${index + 1}.`, title: `Rubrik ${index + 1}` }),
    }));

    const results = await Promise.all(
      attempts.map(({ editor, input }) =>
        updateRequirement({ setId, requirementId, baseVersion: base.version, input, actorUserId: editor.id }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    expect(others).toHaveLength(1);
    const winner = attempts[saved[0]?.index ?? -1];
    if (!winner) throw new Error("no winner");
    expect(saved[0]?.result).toEqual({ status: "saved", version: base.version + 1 });

    const loser = others[0];
    expect(loser?.status).toBe("conflict");
    if (loser?.status !== "conflict") return;
    expect(loser.current).toMatchObject({
      text: winner.input.text,
      title: winner.input.title,
      version: base.version + 1,
      deletedAt: null,
    });
    expect(loser.changedByName).toBe(winner.editor.name);

    expect(await requirementRow(requirementId)).toMatchObject({
      text: winner.input.text,
      title: winner.input.title,
      version: base.version + 1,
      updatedByUserId: winner.editor.id,
    });
    const updates = (await listRequirementHistory({ setId, requirementId })).filter((row) => row.kind === "updated");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.changedByName).toBe(winner.editor.name);
  });

  test("twenty at once: exactly one winner, and the stored text is the winner's", async () => {
    const { editors, first, setId } = await setWithEditors(20);
    const requirementId = await newRequirement(setId, null, first.id);
    const base = await requirementRow(requirementId);
    const attempts = editors.map((editor, index) => ({
      editor,
      input: inputFrom(base, { text: `Version nummer ${index} av kravtexten.` }),
    }));

    const results = await Promise.all(
      attempts.map(({ editor, input }) =>
        updateRequirement({ setId, requirementId, baseVersion: base.version, input, actorUserId: editor.id }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    expect(others).toHaveLength(19);
    const winner = attempts[saved[0]?.index ?? -1];
    if (!winner) throw new Error("no winner");

    const stored = await requirementRow(requirementId);
    expect(stored).toMatchObject({ text: winner.input.text, version: base.version + 1 });
    for (const other of others) {
      expect(other.status).toBe("conflict");
      if (other.status !== "conflict") continue;
      expect(other.current.text).toBe(winner.input.text);
      expect(other.current.version).toBe(base.version + 1);
      expect(other.changedByName).toBe(winner.editor.name);
    }
    const history = await listRequirementHistory({ setId, requirementId });
    expect(history.filter((row) => row.kind === "updated")).toHaveLength(1);
    expect(history[0]?.changes).toEqual({ text: { old: base.text, new: winner.input.text } });
  });

  test("an edit and a delete from one version: one lands, the other is a conflict", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    const requirementId = await newRequirement(setId, null, first.id);
    const base = await requirementRow(requirementId);
    const [editor, deleter] = editors;
    if (!editor || !deleter) throw new Error("no editors");
    const [edit, deletion] = await Promise.all([
      updateRequirement({
        setId,
        requirementId,
        baseVersion: 1,
        input: inputFrom(base, { text: "Redigerad" }),
        actorUserId: editor.id,
      }),
      setRequirementDeleted({ setId, requirementId, baseVersion: 1, deleted: true, actorUserId: deleter.id }),
    ]);
    expect([edit.status, deletion.status].filter((status) => status === "saved")).toHaveLength(1);
    const stored = await requirementRow(requirementId);
    expect(stored.version).toBe(2);
    if (edit.status === "saved") {
      expect(stored).toMatchObject({ text: "Redigerad", deletedAt: null });
      expect(deletion.status).toBe("conflict");
    } else {
      expect(stored.text).toBe(base.text);
      expect(stored.deletedAt).not.toBeNull();
      expect(edit.status).toBe("conflict");
      if (edit.status === "conflict") expect(edit.current.deletedAt).not.toBeNull();
    }
  });
});

describe("setRequirementDeleted from one version", () => {
  test("two deletes: one saves, the other is a conflict, and one deletion is recorded", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    const keep = await newRequirement(setId, null, first.id);
    const requirementId = await newRequirement(setId, null, first.id);
    const results = await Promise.all(
      editors.map((editor) =>
        setRequirementDeleted({ setId, requirementId, baseVersion: 1, deleted: true, actorUserId: editor.id }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.result).toEqual({ status: "saved", version: 2 });
    expect(others.map((result) => result.status)).toEqual(["conflict"]);
    const stored = await requirementRow(requirementId);
    expect(stored.version).toBe(2);
    expect(stored.deletedAt).not.toBeNull();
    expect(stored.updatedByUserId).toBe(editors[saved[0]?.index ?? -1]?.id);
    expect((await changesOf(setId, "deleted")).map((change) => change.requirementId)).toEqual([requirementId]);
    expect(
      (await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 10 })).rows.map((r) => r.id),
    ).toEqual([keep]);
  });

  test("two restores: one saves", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    const requirementId = await newRequirement(setId, null, first.id);
    await setRequirementDeleted({ setId, requirementId, baseVersion: 1, deleted: true, actorUserId: first.id });
    const results = await Promise.all(
      editors.map((editor) =>
        setRequirementDeleted({ setId, requirementId, baseVersion: 2, deleted: false, actorUserId: editor.id }),
      ),
    );
    expect(partition(results).saved).toHaveLength(1);
    expect(await requirementRow(requirementId)).toMatchObject({ version: 3, deletedAt: null });
    expect(await changesOf(setId, "restored")).toHaveLength(1);
  });
});

describe("moveRequirement from one version", () => {
  test("two moves: one saves, the other is a conflict, and the order stays consistent", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    const sectionA = await newSection(setId, null, "A", first.id);
    const sectionB = await newSection(setId, null, "B", first.id);
    const a = await newRequirement(setId, sectionA, first.id);
    const b = await newRequirement(setId, sectionA, first.id);
    const c = await newRequirement(setId, sectionA, first.id);
    const targets: MoveTarget[] = [{ kind: "up" }, { kind: "section", sectionId: sectionB }];

    const results = await Promise.all(
      editors.map((editor, index) =>
        moveRequirement({
          setId,
          requirementId: c,
          baseVersion: 1,
          target: targets[index] ?? { kind: "up" },
          actorUserId: editor.id,
        }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    expect(others.map((result) => result.status)).toEqual(["conflict"]);
    expect((await requirementRow(c)).version).toBe(2);
    const order = (await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 10 })).rows.map((r) => r.id);
    if (saved[0]?.index === 0) {
      expect(order).toEqual([a, c, b]);
      expect((await requirementRow(c)).sectionId).toBe(sectionA);
    } else {
      expect(order).toEqual([a, b, c]);
      expect((await requirementRow(c)).sectionId).toBe(sectionB);
    }
    expect((await changesOf(setId, "moved")).map((change) => change.requirementId)).toEqual([c]);
    const positionsInA = await Promise.all(
      [a, b, c].map(async (id) => {
        const row = await requirementRow(id);
        return row.sectionId === sectionA ? row.position : null;
      }),
    );
    const live = positionsInA.filter((position) => position !== null);
    expect(new Set(live).size).toBe(live.length);
  });

  test("ten identical moves up: the requirement moves one step, once", async () => {
    const { editors, first, setId } = await setWithEditors(10);
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1) ids.push(await newRequirement(setId, null, first.id));
    const last = ids[3] ?? "";
    const results = await Promise.all(
      editors.map((editor) =>
        moveRequirement({ setId, requirementId: last, baseVersion: 1, target: { kind: "up" }, actorUserId: editor.id }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    expect(others.every((result) => result.status === "conflict")).toBe(true);
    const order = (await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 10 })).rows.map((r) => r.id);
    expect(order).toEqual([ids[0], ids[1], last, ids[2]]);
    expect(await changesOf(setId, "moved")).toHaveLength(1);
  });
});

describe("set-level writes from one version", () => {
  test("two submit_review: one saves, one review baseline, one status change", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    await newRequirement(setId, null, first.id);
    const results = await Promise.all(
      editors.map((editor) =>
        changeSetStatus({ setId, baseVersion: 1, transition: "submit_review", actorUserId: editor.id, language: "sv" }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ status: "conflict", current: { status: "in_review", version: 2 } });
    expect(await setRow(setId)).toMatchObject({ status: "in_review", version: 2 });
    const reviewBaselines = (await baselinesOf(setId)).filter((baseline) => baseline.kind === "review");
    expect(reviewBaselines).toHaveLength(1);
    expect(reviewBaselines[0]?.createdByUserId).toBe(editors[saved[0]?.index ?? -1]?.id);
    expect(await changesOf(setId, "status")).toHaveLength(1);
  });

  test("approve and return to draft from one version: one lands, with or without its baseline", async () => {
    const { editors, first, setId } = await setWithEditors(2);
    await changeSetStatus({
      setId,
      baseVersion: 1,
      transition: "submit_review",
      actorUserId: first.id,
      language: "sv",
    });
    const [approver, returner] = editors;
    if (!approver || !returner) throw new Error("no editors");
    const [approve, back] = await Promise.all([
      changeSetStatus({ setId, baseVersion: 2, transition: "approve", actorUserId: approver.id, language: "sv" }),
      changeSetStatus({
        setId,
        baseVersion: 2,
        transition: "return_to_draft",
        actorUserId: returner.id,
        language: "sv",
      }),
    ]);
    expect([approve.status, back.status].filter((status) => status === "saved")).toHaveLength(1);
    const set = await setRow(setId);
    expect(set.version).toBe(3);
    const kinds = (await baselinesOf(setId)).map((baseline) => baseline.kind).sort();
    if (approve.status === "saved") {
      expect(set.status).toBe("approved");
      expect(kinds).toEqual(["approved", "review"]);
    } else {
      expect(set.status).toBe("draft");
      expect(kinds).toEqual(["review"]);
    }
  });

  test("ten updateSetDetails: one saves, the rest see the winner's title", async () => {
    const { editors, setId } = await setWithEditors(10);
    const results = await Promise.all(
      editors.map((editor, index) =>
        updateSetDetails({
          setId,
          baseVersion: 1,
          title: `Titel ${index}`,
          description: `Beskrivning ${index}`,
          procurementReference: "",
          actorUserId: editor.id,
        }),
      ),
    );
    const { saved, others } = partition(results);
    expect(saved).toHaveLength(1);
    const winnerIndex = saved[0]?.index ?? -1;
    expect(await setRow(setId)).toMatchObject({
      title: `Titel ${winnerIndex}`,
      description: `Beskrivning ${winnerIndex}`,
      version: 2,
    });
    for (const other of others) {
      expect(other).toMatchObject({
        status: "conflict",
        current: { title: `Titel ${winnerIndex}`, version: 2 },
        changedByName: editors[winnerIndex]?.name,
      });
    }
    expect(await changesOf(setId, "set-updated")).toHaveLength(1);
  });
});

describe("writes racing each other across rows and the set", () => {
  test("an edit racing the approval lands before it (and in its baseline) or is refused", async () => {
    const { region, editors } = await setWithEditors(2);
    const [editor, approver] = editors;
    if (!editor || !approver) throw new Error("no editors");
    for (let round = 0; round < 5; round += 1) {
      const setId = await newSet(region.id, editor.id);
      const requirementId = await newRequirement(setId, null, editor.id);
      const base = await requirementRow(requirementId);
      await changeSetStatus({
        setId,
        baseVersion: 1,
        transition: "submit_review",
        actorUserId: editor.id,
        language: "sv",
      });
      const [edit, approval] = await Promise.all([
        updateRequirement({
          setId,
          requirementId,
          baseVersion: 1,
          input: inputFrom(base, { text: `Ändring i runda ${round}` }),
          actorUserId: editor.id,
        }),
        changeSetStatus({ setId, baseVersion: 2, transition: "approve", actorUserId: approver.id, language: "sv" }),
      ]);
      expect(approval.status).toBe("saved");
      const approved = (await baselinesOf(setId)).find((baseline) => baseline.kind === "approved");
      // What was approved is what the set holds: no edit slipped in after the baseline was taken.
      expect(sortedSnapshot(approved?.snapshot ?? { sections: [], requirements: [] })).toEqual(
        sortedSnapshot(await getWorkingSnapshot(setId)),
      );
      expect((await requirementRow(requirementId)).text).toBe(
        edit.status === "saved" ? `Ändring i runda ${round}` : base.text,
      );
    }
  });

  test.skipIf(database.kind !== "postgres")(
    "an edit arriving while an approval is being committed is refused",
    async () => {
      const { region, editors } = await setWithEditors(1);
      const editor = editors[0];
      if (!editor) throw new Error("no editor");
      const setId = await newSet(region.id, editor.id);
      const requirementId = await newRequirement(setId, null, editor.id);
      const base = await requirementRow(requirementId);
      let edit: ReturnType<typeof updateRequirement> | undefined;
      // The approval holds the set row while the edit starts on another connection.
      await db.transaction(async (tx) => {
        await tx.update(requirementSets).set({ status: "approved" }).where(eq(requirementSets.id, setId));
        edit = updateRequirement({
          setId,
          requirementId,
          baseVersion: 1,
          input: inputFrom(base, { text: "Insmugen ändring" }),
          actorUserId: editor.id,
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect((await edit)?.status).toBe("conflict");
      expect(await requirementRow(requirementId)).toMatchObject({ text: base.text, version: 1 });
    },
  );

  test("two neighbours moved towards each other at once: one saves, the other is a conflict", async () => {
    const { region, editors } = await setWithEditors(2);
    const [left, right] = editors;
    if (!left || !right) throw new Error("no editors");
    for (let round = 0; round < 3; round += 1) {
      const setId = await newSet(region.id, left.id);
      const a = await newRequirement(setId, null, left.id);
      const b = await newRequirement(setId, null, left.id);
      const results = await Promise.all([
        moveRequirement({ setId, requirementId: a, baseVersion: 1, target: { kind: "down" }, actorUserId: left.id }),
        moveRequirement({ setId, requirementId: b, baseVersion: 1, target: { kind: "up" }, actorUserId: right.id }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["conflict", "saved"]);
      const order = (await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 10 })).rows;
      expect(order.map((row) => row.id)).toEqual([b, a]);
      expect((await requirementRow(a)).position).not.toBe((await requirementRow(b)).position);
    }
  });

  test("requirements added at once to one section get distinct positions", async () => {
    const { region, editors } = await setWithEditors(10);
    const setId = await newSet(region.id, editors[0]?.id ?? "");
    const results = await Promise.all(
      editors.map((editor, index) =>
        createRequirement({
          setId,
          sectionId: null,
          input: requirementInput({ ref: `TA-${String(index + 1).padStart(3, "0")}`, area: "TA" }),
          actorUserId: editor.id,
        }),
      ),
    );
    expect(results.every((result) => result.status === "created")).toBe(true);
    const positions = (await getWorkingSnapshot(setId)).requirements.map((row) => row.position).sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
  });

  test("the same ref added at once: one is created, the rest are refused as duplicates", async () => {
    const { region, editors } = await setWithEditors(5);
    const setId = await newSet(region.id, editors[0]?.id ?? "");
    const results = await Promise.all(
      editors.map((editor) =>
        createRequirement({
          setId,
          sectionId: null,
          input: requirementInput({ ref: "KV-001" }),
          actorUserId: editor.id,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([
      "created",
      "duplicate-ref",
      "duplicate-ref",
      "duplicate-ref",
      "duplicate-ref",
    ]);
    expect((await getWorkingSnapshot(setId)).requirements).toHaveLength(1);
  });
});
