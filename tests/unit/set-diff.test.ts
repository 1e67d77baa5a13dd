import fc from "fast-check";
import { describe, expect, test } from "vitest";

import {
  AMBITION_LEVELS,
  AREAS,
  COMPARED_FIELDS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
  type ComparedField,
  type RequirementSnapshot,
  type SectionSnapshot,
  type SetSnapshot,
} from "~/utils/requirement-fields";
import { applyDiff, diffSets, fieldDiffs, filterEntries, wordDiff, type SetDiff } from "~/utils/set-diff";

function requirement(overrides: Partial<RequirementSnapshot> & { id: string }): RequirementSnapshot {
  return {
    sectionId: null,
    position: 0,
    ref: "JF-1",
    title: "Tillgänglighet",
    text: "Leverantören ska tillhandahålla support på svenska.",
    obligation: "ska",
    type: "technical",
    area: "JF",
    rationale: "Vårdpersonal behöver hjälp dygnet runt.",
    verification: "description",
    weight: null,
    ambition: null,
    tags: ["support"],
    version: 1,
    ...overrides,
  };
}

function section(overrides: Partial<SectionSnapshot> & { id: string }): SectionSnapshot {
  return { parentId: null, position: 0, title: "Avsnitt", ...overrides };
}

/**
 * Section A (with subsection A1) and section B; r1–r3 in A, r4–r5 in B, r6 in A1.
 * Tree order: A, r1, r2, r3, A1, r6, B, r4, r5.
 */
function baseSnapshot(): SetSnapshot {
  return {
    sections: [
      section({ id: "s-a", position: 0, title: "Allmänna krav" }),
      section({ id: "s-a1", parentId: "s-a", position: 0, title: "Säkerhet" }),
      section({ id: "s-b", position: 1, title: "Integration" }),
    ],
    requirements: [
      requirement({ id: "r1", sectionId: "s-a", position: 0, ref: "JF-1" }),
      requirement({ id: "r2", sectionId: "s-a", position: 1, ref: "JF-2", title: "Behörigheter" }),
      requirement({ id: "r3", sectionId: "s-a", position: 2, ref: "JF-3", title: "Loggning" }),
      requirement({ id: "r4", sectionId: "s-b", position: 0, ref: "IN-1", area: "IN", title: "HL7 FHIR" }),
      requirement({ id: "r5", sectionId: "s-b", position: 1, ref: "IN-2", area: "IN", title: "Journalexport" }),
      requirement({ id: "r6", sectionId: "s-a1", position: 0, ref: "IS-1", area: "IS", title: "Tvåfaktorsinloggning" }),
    ],
  };
}

/** A copy of the base snapshot with some requirements or sections replaced field by field. */
function edited(
  requirementEdits: Record<string, Partial<RequirementSnapshot>>,
  sectionEdits: Record<string, Partial<SectionSnapshot>> = {},
): SetSnapshot {
  const base = baseSnapshot();
  return {
    sections: base.sections.map((s) => ({ ...s, ...sectionEdits[s.id] })),
    requirements: base.requirements.map((r) => ({ ...r, ...requirementEdits[r.id] })),
  };
}

function entry(diff: SetDiff, id: string) {
  const found = diff.requirements.find((e) => e.id === id);
  if (!found) throw new Error(`no diff entry for ${id}`);
  return found;
}

/** Compares snapshots up to ordering: by id, positions as rank among siblings, tags as a set. */
function normalise(snapshot: SetSnapshot) {
  const ranks = <T extends { id: string; position: number }>(items: T[], parentOf: (item: T) => string | null) => {
    const groups = new Map<string | null, T[]>();
    for (const item of items) groups.set(parentOf(item), [...(groups.get(parentOf(item)) ?? []), item]);
    const rank = new Map<string, number>();
    for (const group of groups.values()) {
      group
        .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
        .forEach((item, index) => rank.set(item.id, index));
    }
    return rank;
  };
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sectionRank = ranks(snapshot.sections, (s) => s.parentId);
  const requirementRank = ranks(snapshot.requirements, (r) => r.sectionId);
  return {
    sections: [...snapshot.sections].sort(byId).map((s) => ({ ...s, position: sectionRank.get(s.id) })),
    requirements: [...snapshot.requirements]
      .sort(byId)
      .map((r) => ({ ...r, tags: [...r.tags].sort(), position: requirementRank.get(r.id) })),
  };
}

describe("constructed changes", () => {
  test("identical snapshots have no entries and count everything unchanged", () => {
    const diff = diffSets(baseSnapshot(), baseSnapshot());
    expect(diff.requirements).toEqual([]);
    expect(diff.sections).toEqual([]);
    expect(diff.summary).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      moved: 0,
      unchanged: 6,
      sections: { added: 0, removed: 0, renamed: 0, moved: 0, unchanged: 3 },
    });
  });

  test("renumbering refs changes only the ref field and moves nothing", () => {
    const to = edited({
      r1: { ref: "JF-10" },
      r2: { ref: "JF-20" },
      r3: { ref: "JF-30" },
      r4: { ref: "IN-10" },
      r5: { ref: "IN-20" },
      r6: { ref: "IS-10" },
    });
    const diff = diffSets(baseSnapshot(), to);
    expect(diff.requirements).toHaveLength(6);
    for (const e of diff.requirements) {
      expect(e.kind).toBe("changed");
      expect(e.changedFields).toEqual(["ref"]);
      expect(e.moved).toBe(false);
    }
    expect(diff.summary).toMatchObject({ changed: 6, moved: 0, unchanged: 0 });
    expect(fieldDiffs(entry(diff, "r1"))).toEqual([
      {
        field: "ref",
        before: "JF-1",
        after: "JF-10",
        words: [
          { kind: "same", text: "JF-" },
          { kind: "removed", text: "1" },
          { kind: "added", text: "10" },
        ],
      },
    ]);
  });

  test("reordering requirements within a section marks only the ones that left their order", () => {
    // A: r1 r2 r3 → r3 r1 r2 (r3 jumped to the top); B: r4 r5 → r5 r4 (a swap: one of them moved).
    const to = edited({ r3: { position: -1 }, r4: { position: 5 } });
    const diff = diffSets(baseSnapshot(), to);
    expect(diff.requirements.map((e) => [e.id, e.kind, e.moved, e.sectionChanged])).toEqual([
      ["r3", "moved", true, false],
      ["r5", "moved", true, false],
    ]);
    expect(entry(diff, "r3").changedFields).toEqual([]);
    expect(entry(diff, "r3").anchorId).toBeNull();
    expect(entry(diff, "r5").anchorId).toBeNull();
    expect(diff.summary).toMatchObject({ changed: 0, moved: 2, unchanged: 4 });
  });

  test("changing position numbers without changing the order is no change", () => {
    const to = edited({ r1: { position: 10 }, r2: { position: 20 }, r3: { position: 30 } });
    expect(diffSets(baseSnapshot(), to).requirements).toEqual([]);
  });

  test("reordering sections moves sections, not the requirements inside them", () => {
    const to = edited({}, { "s-a": { position: 2 } });
    const diff = diffSets(baseSnapshot(), to);
    expect(diff.requirements).toEqual([]);
    expect(diff.summary.unchanged).toBe(6);
    expect(diff.sections).toHaveLength(1);
    expect(diff.sections[0]).toMatchObject({ kind: "moved", moved: true, renamed: false, parentChanged: false });
    expect(diff.summary.sections).toEqual({ added: 0, removed: 0, renamed: 0, moved: 1, unchanged: 2 });
  });

  test("a section moved under another parent is moved with parentChanged, its requirements are not", () => {
    const to = edited({}, { "s-a1": { parentId: "s-b", position: 0 } });
    const diff = diffSets(baseSnapshot(), to);
    expect(diff.sections).toEqual([
      expect.objectContaining({ id: "s-a1", kind: "moved", moved: true, parentChanged: true, anchorId: null }),
    ]);
    expect(diff.requirements).toEqual([]);
  });

  test("a renamed section is renamed, not moved", () => {
    const diff = diffSets(baseSnapshot(), edited({}, { "s-b": { title: "Integrationer och API:er" } }));
    expect(diff.sections).toEqual([
      expect.objectContaining({ id: "s-b", kind: "renamed", renamed: true, moved: false }),
    ]);
  });

  test("a requirement moved to another section is moved with sectionChanged", () => {
    const to = edited({ r2: { sectionId: "s-b", position: 9 } });
    const diff = diffSets(baseSnapshot(), to);
    expect(diff.requirements).toHaveLength(1);
    expect(entry(diff, "r2")).toMatchObject({
      kind: "moved",
      changedFields: [],
      moved: true,
      sectionChanged: true,
      anchorId: "r5",
    });
    expect(diff.summary).toMatchObject({ changed: 0, moved: 1, unchanged: 5 });
  });

  test("a text change is one changed field whose word diff holds only the changed Swedish words", () => {
    const to = edited({
      r1: { text: "Leverantören ska tillhandahålla support på svenska och engelska, även helgdagar." },
    });
    const diff = diffSets(baseSnapshot(), to);
    const e = entry(diff, "r1");
    expect(e).toMatchObject({ kind: "changed", changedFields: ["text"], moved: false });
    const [text] = fieldDiffs(e);
    expect(text?.field).toBe("text");
    const words = text?.words ?? [];
    const joined = (kind: string) =>
      words
        .filter((part) => part.kind === kind)
        .map((part) => part.text)
        .join("|")
        .trim();
    expect(joined("removed")).toBe("");
    expect(joined("added")).toBe("och engelska, även helgdagar");
    // Kept and added text together give the new text back.
    expect(
      words
        .filter((part) => part.kind !== "removed")
        .map((part) => part.text)
        .join(""),
    ).toBe(to.requirements[0]?.text);
  });

  test("word diff keeps å, ä and ö inside words and punctuation apart", () => {
    expect(
      wordDiff("Systemet ska stödja åtkomst för användare.", "Systemet ska stödja åtkomst för vårdpersonal!"),
    ).toEqual([
      { kind: "same", text: "Systemet ska stödja åtkomst för " },
      { kind: "removed", text: "användare." },
      { kind: "added", text: "vårdpersonal!" },
    ]);
    expect(wordDiff("Lösningen bör ha öppna gränssnitt.", "Lösningen ska ha öppna gränssnitt.")).toEqual([
      { kind: "same", text: "Lösningen " },
      { kind: "removed", text: "bör" },
      { kind: "added", text: "ska" },
      { kind: "same", text: " ha öppna gränssnitt." },
    ]);
    expect(wordDiff("", "Ny text")).toEqual([{ kind: "added", text: "Ny text" }]);
    expect(wordDiff("Samma", "Samma")).toEqual([{ kind: "same", text: "Samma" }]);
  });

  test("an obligation change from ska to bör is a changed field without a word diff", () => {
    const diff = diffSets(baseSnapshot(), edited({ r4: { obligation: "bor" } }));
    const e = entry(diff, "r4");
    expect(e).toMatchObject({ kind: "changed", changedFields: ["obligation"], moved: false });
    expect(fieldDiffs(e)).toEqual([{ field: "obligation", before: "ska", after: "bor", words: null }]);
  });

  test("each compared field is detected when it alone changes", () => {
    const changes: { [F in ComparedField]: Partial<RequirementSnapshot> } = {
      ref: { ref: "JF-9" },
      title: { title: "Åtkomstloggning" },
      text: { text: "Leverantören bör tillhandahålla support." },
      obligation: { obligation: "bor" },
      type: { type: "award" },
      area: { area: "LM" },
      rationale: { rationale: "" },
      verification: { verification: "demonstration" },
      weight: { weight: 5 },
      ambition: { ambition: "basic" },
      tags: { tags: ["support", "drift"] },
    };
    for (const field of COMPARED_FIELDS) {
      const diff = diffSets(baseSnapshot(), edited({ r2: changes[field] }));
      expect(diff.requirements.map((e) => [e.id, e.kind, e.changedFields])).toEqual([["r2", "changed", [field]]]);
    }
  });

  test("tags are compared as a set; weight and ambition show empty for none", () => {
    const diff = diffSets(
      baseSnapshot(),
      edited({ r1: { tags: ["b", "a"] }, r2: { weight: 10, ambition: "leading" } }),
    );
    const base = diffSets(baseSnapshot(), edited({ r1: { tags: ["a", "b"] } }));
    expect(diffSets(edited({ r1: { tags: ["a", "b"] } }), edited({ r1: { tags: ["b", "a"] } })).requirements).toEqual(
      [],
    );
    expect(fieldDiffs(entry(base, "r1"))[0]).toMatchObject({ field: "tags", before: "support", after: "a, b" });
    expect(fieldDiffs(entry(diff, "r2"))).toEqual([
      { field: "weight", before: "", after: "10", words: null },
      { field: "ambition", before: "", after: "leading", words: null },
    ]);
  });

  test("added and removed requirements: added in tree order, removed at the end", () => {
    const base = baseSnapshot();
    const to: SetSnapshot = {
      sections: base.sections,
      requirements: [
        ...base.requirements.filter((r) => r.id !== "r4" && r.id !== "r1"),
        requirement({ id: "r7", sectionId: "s-a1", position: 1, ref: "IS-2", area: "IS" }),
        requirement({ id: "r8", sectionId: "s-a", position: -5, ref: "JF-0" }),
      ],
    };
    const diff = diffSets(base, to);
    expect(diff.requirements.map((e) => [e.id, e.kind])).toEqual([
      ["r8", "added"],
      ["r7", "added"],
      ["r1", "removed"],
      ["r4", "removed"],
    ]);
    expect(entry(diff, "r7").anchorId).toBe("r6");
    expect(entry(diff, "r8").anchorId).toBeNull();
    expect(entry(diff, "r4").from?.id).toBe("r4");
    expect(diff.summary).toMatchObject({ added: 2, removed: 2, changed: 0, moved: 0, unchanged: 4 });
  });

  test("a requirement both changed and moved is kind changed and counts in changed and moved", () => {
    const to = edited({ r1: { sectionId: "s-b", position: 0.5, title: "Tillgänglighet dygnet runt" } });
    const diff = diffSets(baseSnapshot(), to);
    expect(entry(diff, "r1")).toMatchObject({
      kind: "changed",
      changedFields: ["title"],
      moved: true,
      sectionChanged: true,
      anchorId: "r4",
    });
    expect(diff.summary).toMatchObject({ changed: 1, moved: 1, unchanged: 5 });
    expect(filterEntries(diff, { kinds: ["moved"] }).map((e) => e.id)).toEqual(["r1"]);
    expect(filterEntries(diff, { kinds: ["changed"] }).map((e) => e.id)).toEqual(["r1"]);
  });

  test("filters by kind and by area on either side", () => {
    const to = edited({ r1: { area: "IS" }, r4: { obligation: "bor" }, r5: { position: -1 } });
    const diff = diffSets(baseSnapshot(), to);
    expect(filterEntries(diff, {}).map((e) => e.id)).toEqual(["r1", "r5", "r4"]);
    expect(filterEntries(diff, { areas: ["JF"] }).map((e) => e.id)).toEqual(["r1"]);
    expect(filterEntries(diff, { areas: ["IS"] }).map((e) => e.id)).toEqual(["r1"]);
    expect(filterEntries(diff, { areas: ["IN"], kinds: ["moved"] }).map((e) => e.id)).toEqual(["r5"]);
    expect(filterEntries(diff, { kinds: ["added", "removed"] })).toEqual([]);
  });

  test("the diff survives JSON (loader data) and still rebuilds the new version", () => {
    const from = baseSnapshot();
    const to = edited(
      { r2: { sectionId: "s-a1", position: 0 }, r5: { text: "Ny text." } },
      { "s-b": { position: -1 } },
    );
    const diff: SetDiff = JSON.parse(JSON.stringify(diffSets(from, to)));
    expect(normalise(applyDiff(from, diff))).toEqual(normalise(to));
  });
});

const SWEDISH_WORDS = [
  "leverantören",
  "ska",
  "bör",
  "systemet",
  "vårdpersonal",
  "patientjournal",
  "åtkomst",
  "behörighet",
  "gränssnitt",
  "säkerhet",
  "tillgänglighet",
  "öppna",
  "standarder",
  "regionen",
  "läkemedel",
  "remiss",
  "dygnet",
  "runt",
  "och",
  "för",
  "med",
  "utan",
  "avbrott",
  "kravställning",
  "uppföljning",
] as const;
const TAGS = ["support", "säkerhet", "fhir", "drift", "avtal"] as const;

const wordsArb = (min: number, max: number) =>
  fc.array(fc.constantFrom(...SWEDISH_WORDS), { minLength: min, maxLength: max }).map((words) => words.join(" "));

const fieldsArb = fc.record({
  ref: fc.integer({ min: 1, max: 99 }).map((n) => `KRAV-${n}`),
  title: wordsArb(1, 4),
  text: wordsArb(1, 15).map((text) => `${text}.`),
  obligation: fc.constantFrom(...OBLIGATIONS),
  type: fc.constantFrom(...REQUIREMENT_TYPES),
  area: fc.constantFrom(...AREAS),
  rationale: wordsArb(0, 8),
  verification: fc.constantFrom(...VERIFICATION_METHODS),
  weight: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  ambition: fc.option(fc.constantFrom(...AMBITION_LEVELS), { nil: null }),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
});
type Fields = Pick<RequirementSnapshot, ComparedField>;

const positionArb = fc.integer({ min: 0, max: 30 });

const snapshotArb = fc
  .record({
    sections: fc.array(fc.record({ parentPick: fc.nat(), position: positionArb, title: wordsArb(1, 3) }), {
      maxLength: 10,
    }),
    requirements: fc.array(
      fc.record({
        sectionPick: fc.nat(),
        position: positionArb,
        version: fc.integer({ min: 1, max: 5 }),
        fields: fieldsArb,
      }),
      { maxLength: 60 },
    ),
  })
  .map(({ sections: sectionSpecs, requirements: requirementSpecs }): SetSnapshot => {
    const sections: SectionSnapshot[] = [];
    const depth = new Map<string, number>();
    sectionSpecs.forEach((spec, index) => {
      // Depth 1 at the root, at most 3: a parent must sit at depth 1 or 2.
      const parents = [null, ...sections.filter((s) => (depth.get(s.id) ?? 0) < 3).map((s) => s.id)];
      const parentId = parents[spec.parentPick % parents.length] ?? null;
      const id = `s${index}`;
      depth.set(id, parentId === null ? 1 : (depth.get(parentId) ?? 0) + 1);
      sections.push({ id, parentId, position: spec.position, title: spec.title });
    });
    const sectionIds = [null, ...sections.map((s) => s.id)];
    const requirements = requirementSpecs.map((spec, index): RequirementSnapshot => ({
      id: `r${index}`,
      sectionId: sectionIds[spec.sectionPick % sectionIds.length] ?? null,
      position: spec.position,
      version: spec.version,
      ...spec.fields,
    }));
    return { sections, requirements };
  });

const editArb = fc.oneof(
  fc.record({ op: fc.constant("field"), pick: fc.nat(), field: fc.constantFrom(...COMPARED_FIELDS), fresh: fieldsArb }),
  fc.record({ op: fc.constant("renumber"), start: fc.nat({ max: 500 }) }),
  fc.record({ op: fc.constant("moveRequirement"), pick: fc.nat(), sectionPick: fc.nat(), position: positionArb }),
  fc.record({ op: fc.constant("reorderRequirement"), pick: fc.nat(), position: positionArb }),
  fc.record({ op: fc.constant("addRequirement"), sectionPick: fc.nat(), position: positionArb, fresh: fieldsArb }),
  fc.record({ op: fc.constant("deleteRequirement"), pick: fc.nat() }),
  fc.record({ op: fc.constant("addSection"), parentPick: fc.nat(), position: positionArb, title: wordsArb(1, 3) }),
  fc.record({ op: fc.constant("removeSection"), pick: fc.nat(), keepRequirements: fc.boolean() }),
  fc.record({ op: fc.constant("reorderSection"), pick: fc.nat(), position: positionArb }),
  fc.record({ op: fc.constant("reparentSection"), pick: fc.nat(), parentPick: fc.nat(), position: positionArb }),
  fc.record({ op: fc.constant("renameSection"), pick: fc.nat(), title: wordsArb(1, 3) }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function sameFields(a: Fields, b: Fields): boolean {
  return COMPARED_FIELDS.every((field) =>
    field === "tags" ? [...a.tags].sort().join("\u0000") === [...b.tags].sort().join("\u0000") : a[field] === b[field],
  );
}

/** Applies an edit script to a copy of `from`, the way people edit a working copy. */
function applyEdits(from: SetSnapshot, edits: Edit[]): SetSnapshot {
  let sections = from.sections.map((s) => ({ ...s }));
  let requirements = from.requirements.map((r) => ({ ...r, tags: [...r.tags] }));
  let added = 0;
  const pickFrom = <T>(items: T[], pick: number): T | undefined => items[pick % Math.max(items.length, 1)];
  const sectionChoices = () => [null, ...sections.map((s) => s.id)];
  const depthOf = (id: string | null): number => {
    let depth = 0;
    for (let current = id; current !== null && depth < 10; depth++) {
      current = sections.find((s) => s.id === current)?.parentId ?? null;
    }
    return depth;
  };
  const subtreeOf = (id: string) => {
    const ids = new Set([id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of sections) {
        if (s.parentId !== null && ids.has(s.parentId) && !ids.has(s.id)) {
          ids.add(s.id);
          grew = true;
        }
      }
    }
    return ids;
  };
  const heightOf = (id: string): number =>
    1 + Math.max(0, ...sections.filter((s) => s.parentId === id).map((s) => heightOf(s.id)));

  for (const edit of edits) {
    switch (edit.op) {
      case "field": {
        const target = pickFrom(requirements, edit.pick);
        if (target) Object.assign(target, { [edit.field]: edit.fresh[edit.field] });
        break;
      }
      case "renumber":
        requirements.forEach((r, index) => (r.ref = `${r.area}-${edit.start + index}`));
        break;
      case "moveRequirement": {
        const target = pickFrom(requirements, edit.pick);
        if (target) {
          target.sectionId = pickFrom(sectionChoices(), edit.sectionPick) ?? null;
          target.position = edit.position;
        }
        break;
      }
      case "reorderRequirement": {
        const target = pickFrom(requirements, edit.pick);
        if (target) target.position = edit.position;
        break;
      }
      case "addRequirement":
        requirements.push({
          id: `r-new-${added++}`,
          sectionId: pickFrom(sectionChoices(), edit.sectionPick) ?? null,
          position: edit.position,
          version: 1,
          ...edit.fresh,
        });
        break;
      case "deleteRequirement": {
        const target = pickFrom(requirements, edit.pick);
        requirements = requirements.filter((r) => r !== target);
        break;
      }
      case "addSection": {
        const parents = sectionChoices().filter((id) => depthOf(id) < 3);
        sections.push({
          id: `s-new-${added++}`,
          parentId: pickFrom(parents, edit.parentPick) ?? null,
          position: edit.position,
          title: edit.title,
        });
        break;
      }
      case "removeSection": {
        const target = pickFrom(sections, edit.pick);
        if (!target) break;
        sections = sections.filter((s) => s !== target);
        for (const s of sections) if (s.parentId === target.id) s.parentId = target.parentId;
        if (edit.keepRequirements) {
          for (const r of requirements) if (r.sectionId === target.id) r.sectionId = target.parentId;
        } else {
          requirements = requirements.filter((r) => r.sectionId !== target.id);
        }
        break;
      }
      case "reorderSection": {
        const target = pickFrom(sections, edit.pick);
        if (target) target.position = edit.position;
        break;
      }
      case "reparentSection": {
        const target = pickFrom(sections, edit.pick);
        if (!target) break;
        const subtree = subtreeOf(target.id);
        const height = heightOf(target.id);
        const parents = sectionChoices().filter((id) => (id === null || !subtree.has(id)) && depthOf(id) + height <= 3);
        target.parentId = pickFrom(parents, edit.parentPick) ?? null;
        target.position = edit.position;
        break;
      }
      case "renameSection": {
        const target = pickFrom(sections, edit.pick);
        if (target) target.title = edit.title;
        break;
      }
    }
  }

  // The app bumps a requirement's version exactly when its content changes.
  const before = new Map(from.requirements.map((r) => [r.id, r]));
  for (const r of requirements) {
    const old = before.get(r.id);
    if (old && !sameFields(old, r)) r.version = old.version + 1;
  }
  return { sections, requirements };
}

const scenarioArb = snapshotArb.chain((from) =>
  fc.array(editArb, { maxLength: 25 }).map((edits) => ({ from, to: applyEdits(from, edits) })),
);

describe("properties over random sets and edit scripts", () => {
  test("applying the diff to the old version rebuilds the new one", () => {
    fc.assert(
      fc.property(scenarioArb, ({ from, to }) => {
        expect(normalise(applyDiff(from, diffSets(from, to)))).toEqual(normalise(to));
      }),
      { numRuns: 300 },
    );
  });

  test("summary counts match the entries", () => {
    fc.assert(
      fc.property(scenarioArb, ({ from, to }) => {
        const diff = diffSets(from, to);
        const count = (predicate: (e: SetDiff["requirements"][number]) => boolean) =>
          diff.requirements.filter(predicate).length;
        const inBoth = to.requirements.filter((r) => from.requirements.some((old) => old.id === r.id)).length;
        expect(diff.summary.added).toBe(count((e) => e.kind === "added"));
        expect(diff.summary.removed).toBe(count((e) => e.kind === "removed"));
        expect(diff.summary.changed).toBe(count((e) => e.kind === "changed"));
        expect(diff.summary.moved).toBe(count((e) => e.moved));
        expect(diff.summary.unchanged).toBe(inBoth - count((e) => e.kind === "changed" || e.kind === "moved"));
        expect(
          diff.summary.added + diff.summary.unchanged + count((e) => e.kind === "changed" || e.kind === "moved"),
        ).toBe(to.requirements.length);
        const sectionCount = (predicate: (e: SetDiff["sections"][number]) => boolean) =>
          diff.sections.filter(predicate).length;
        expect(diff.summary.sections).toEqual({
          added: sectionCount((e) => e.kind === "added"),
          removed: sectionCount((e) => e.kind === "removed"),
          renamed: sectionCount((e) => e.renamed),
          moved: sectionCount((e) => e.moved),
          unchanged: to.sections.length - sectionCount((e) => e.kind !== "removed"),
        });
        for (const e of diff.requirements) {
          expect(e.changedFields.length > 0).toBe(e.kind === "changed");
          if (e.sectionChanged) expect(e.moved).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("a snapshot diffed against itself has no changes", () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const diff = diffSets(snapshot, structuredClone(snapshot));
        expect(diff.requirements).toEqual([]);
        expect(diff.sections).toEqual([]);
        expect(diff.summary.unchanged).toBe(snapshot.requirements.length);
        expect(diff.summary.sections.unchanged).toBe(snapshot.sections.length);
      }),
      { numRuns: 200 },
    );
  });
});
