/**
 * The diff between two moments of a requirement set (a baseline and a later baseline, or a baseline
 * and the working copy). Pure and shared by server and browser.
 *
 * Requirements and sections are matched by id only: refs get renumbered and texts get rewritten,
 * so neither identifies a requirement across versions. The join is linear (Maps); ordering costs
 * at most one sort per section. Word diffs are the expensive part (PERFORMANCE.md: 2.3 ms for the keyed
 * join against 24.8 ms with word diffs of every change), so `diffSets` never computes them:
 * `fieldDiffs` does, for the one entry a caller is about to show.
 *
 * "Moved" is about relative order, not position numbers. Among the items that sit under the same
 * parent in both versions, the ones on a longest run that kept its relative order stay put; every
 * other one is moved. Moving one requirement to the top of a section therefore marks that one, not
 * every requirement it jumped over, and reordering sections never marks the requirements inside
 * them (a requirement's own `sectionId` and its order among its siblings are all that count).
 */
import { diffWords } from "diff";

import {
  COMPARED_FIELDS,
  type ComparedField,
  type RequirementSnapshot,
  type SectionSnapshot,
  type SetSnapshot,
} from "./requirement-fields";

export type RequirementChangeKind = "added" | "removed" | "changed" | "moved";

export type RequirementDiffEntry = {
  id: string;
  /** "changed" whenever a compared field differs, even if the requirement also moved. */
  kind: RequirementChangeKind;
  /** In COMPARED_FIELDS order; empty for added, removed and purely moved requirements. */
  changedFields: ComparedField[];
  moved: boolean;
  /** The requirement sits in another section (implies `moved`). */
  sectionChanged: boolean;
  from?: RequirementSnapshot;
  to?: RequirementSnapshot;
  /**
   * Set on added and moved requirements: the requirement it now follows among those that kept
   * their place in its section, or null when it comes before all of them. `applyDiff` needs it
   * to place the requirement, and a view can say "moved after …" with it.
   */
  anchorId?: string | null;
};

export type SectionChangeKind = "added" | "removed" | "renamed" | "moved";

export type SectionDiffEntry = {
  id: string;
  /** "renamed" whenever the title differs, even if the section also moved. */
  kind: SectionChangeKind;
  renamed: boolean;
  moved: boolean;
  /** The section hangs under another parent (implies `moved`). */
  parentChanged: boolean;
  from?: SectionSnapshot;
  to?: SectionSnapshot;
  /** As on requirements: the sibling it now follows among those that kept their place. */
  anchorId?: string | null;
};

export type SectionDiffSummary = { added: number; removed: number; renamed: number; moved: number; unchanged: number };

/** A requirement that both changed and moved counts in `changed` and in `moved`. */
export type SetDiffSummary = {
  added: number;
  removed: number;
  changed: number;
  moved: number;
  unchanged: number;
  sections: SectionDiffSummary;
};

/**
 * Entries are in display order: first everything present in `to`, in its tree order (requirements
 * outside any section, then each section depth-first by position, its own requirements before
 * its subsections'), then the removed ones in `from` tree order. Removed requirements go last
 * rather than between their former neighbours because their section or neighbours may be gone
 * or moved themselves; a view can still group them by `from.sectionId`.
 */
export type SetDiff = {
  requirements: RequirementDiffEntry[];
  sections: SectionDiffEntry[];
  summary: SetDiffSummary;
};

export type WordDiffPart = { kind: "same" | "added" | "removed"; text: string };

export type FieldDiff = {
  field: ComparedField;
  before: string;
  after: string;
  /** Word diff for text-like fields; null for enums and numbers, which show before → after. */
  words: WordDiffPart[] | null;
};

export type DiffFilter = { kinds?: RequirementChangeKind[]; areas?: string[] };

type Ordered = { id: string; position: number };

function byPosition(a: Ordered, b: Ordered): number {
  // Ties on position happen in hand-edited data; the id keeps the order the same everywhere.
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function isSorted(group: readonly Ordered[]): boolean {
  for (let i = 1; i < group.length; i++) {
    const previous = group[i - 1];
    const current = group[i];
    if (previous && current && byPosition(previous, current) > 0) return false;
  }
  return true;
}

function groupSorted<T extends Ordered>(items: readonly T[], parentOf: (item: T) => string | null) {
  const groups = new Map<string | null, T[]>();
  // Rows usually arrive grouped by parent. Comparing with the previous key is cheaper than
  // hashing it again: ids parsed from JSON are separate strings whose hash is not cached yet.
  let lastKey: string | null | undefined;
  let lastGroup: T[] = [];
  for (const item of items) {
    const key = parentOf(item);
    if (key !== lastKey) {
      lastKey = key;
      const existing = groups.get(key);
      if (existing) lastGroup = existing;
      else groups.set(key, (lastGroup = []));
    }
    lastGroup.push(item);
  }
  // Snapshots usually come ordered by position already; checking is cheaper than sorting.
  for (const group of groups.values()) if (!isSorted(group)) group.sort(byPosition);
  return groups;
}

const sectionParent = (section: SectionSnapshot) => section.parentId;
const requirementSection = (requirement: RequirementSnapshot) => requirement.sectionId;

/** Section ids depth-first by position; orphans and cycles (bad data) are appended, not lost. */
function sectionTreeOrder(sections: readonly SectionSnapshot[], children: Map<string | null, SectionSnapshot[]>) {
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (parentId: string | null) => {
    for (const child of children.get(parentId) ?? []) {
      if (visited.has(child.id)) continue;
      visited.add(child.id);
      order.push(child.id);
      visit(child.id);
    }
  };
  visit(null);
  if (visited.size < sections.length) {
    for (const section of [...sections].sort(byPosition)) {
      if (visited.has(section.id)) continue;
      visited.add(section.id);
      order.push(section.id);
      visit(section.id);
    }
  }
  return order;
}

/** Group keys of requirements in tree order: unsectioned first, then sections, then unknown sections. */
function requirementGroupOrder(sectionOrder: readonly string[], groups: Map<string | null, unknown>) {
  const keys: Array<string | null> = [null, ...sectionOrder];
  const known = new Set<string | null>(keys);
  for (const key of groups.keys()) if (!known.has(key)) keys.push(key);
  return keys;
}

/**
 * Which of `ranks` (distinct numbers, in new order) lie on one longest increasing subsequence:
 * the items that kept their relative order. O(n log n) patience sorting.
 */
function longestIncreasingRun(ranks: readonly number[]): boolean[] {
  const tails: number[] = [];
  const previous = new Array<number>(ranks.length).fill(-1);
  for (let i = 0; i < ranks.length; i++) {
    const rank = ranks[i] ?? 0;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((ranks[tails[middle] ?? 0] ?? 0) < rank) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  }
  const kept = new Array<boolean>(ranks.length).fill(false);
  for (let i = tails.length > 0 ? (tails[tails.length - 1] ?? -1) : -1; i >= 0; i = previous[i] ?? -1) kept[i] = true;
  return kept;
}

/** An item of the old version, with its parent and its rank among its siblings there. */
type Earlier<T> = { item: T; parentKey: string | null; rank: number; matched: boolean };

/** The old version indexed by id, and grouped by parent in order (to list what was removed). */
function indexEarlier<T extends Ordered>(groups: Map<string | null, T[]>) {
  const byId = new Map<string, Earlier<T>>();
  const grouped = new Map<string | null, Array<Earlier<T>>>();
  for (const [parentKey, group] of groups) {
    const records: Array<Earlier<T>> = [];
    for (let rank = 0; rank < group.length; rank++) {
      const item = group[rank];
      if (!item) continue;
      const record = { item, parentKey, rank, matched: false };
      byId.set(item.id, record);
      records.push(record);
    }
    grouped.set(parentKey, records);
  }
  return { byId, grouped };
}

/**
 * One parent's children in new order, each with its old record (one lookup per child) and
 * whether it stayed in place: same parent in both versions and on the longest run that kept its
 * relative order. Marks the old records it finds as matched.
 */
function placeChildren<T extends Ordered>(
  children: readonly T[],
  parentKey: string | null,
  earlierById: Map<string, Earlier<T>>,
) {
  const earlier: Array<Earlier<T> | undefined> = [];
  const stayerIndexes: number[] = [];
  const stayerRanks: number[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const old = child ? earlierById.get(child.id) : undefined;
    earlier.push(old);
    if (!old) continue;
    old.matched = true;
    if (old.parentKey === parentKey) {
      stayerIndexes.push(i);
      stayerRanks.push(old.rank);
    }
  }
  const kept = longestIncreasingRun(stayerRanks);
  const inPlace = new Array<boolean>(children.length).fill(false);
  stayerIndexes.forEach((childIndex, i) => {
    if (kept[i]) inPlace[childIndex] = true;
  });
  return { earlier, inPlace };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  let sameOrder = true;
  for (let i = 0; i < a.length && sameOrder; i++) sameOrder = a[i] === b[i];
  // Tags are usually stored in the same order; sorting is only needed when they are not.
  if (sameOrder) return true;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((tag, index) => tag === sortedB[index]);
}

type SameField = (a: RequirementSnapshot, b: RequirementSnapshot) => boolean;

/**
 * One comparison per compared field (the mapped type makes a field added to COMPARED_FIELDS a type
 * error here). Named property reads, unlike `a[field]` in a loop, stay monomorphic, which matters
 * when 95 % of 5,000 requirements are compared only to find them equal.
 */
const SAME_FIELD: { readonly [F in ComparedField]: SameField } = {
  ref: (a, b) => a.ref === b.ref,
  title: (a, b) => a.title === b.title,
  text: (a, b) => a.text === b.text,
  obligation: (a, b) => a.obligation === b.obligation,
  type: (a, b) => a.type === b.type,
  area: (a, b) => a.area === b.area,
  rationale: (a, b) => a.rationale === b.rationale,
  verification: (a, b) => a.verification === b.verification,
  weight: (a, b) => a.weight === b.weight,
  ambition: (a, b) => a.ambition === b.ambition,
  tags: (a, b) => sameTags(a.tags, b.tags),
};

/**
 * The fields that differ, in COMPARED_FIELDS order, or null when none does. Most requirements are
 * equal, so one chain of named reads settles them before the per-field loop (a unit test changes
 * each compared field alone, so a field missing from this chain fails there).
 */
function changedFieldsOf(from: RequirementSnapshot, to: RequirementSnapshot): ComparedField[] | null {
  if (
    from.text === to.text &&
    from.title === to.title &&
    from.ref === to.ref &&
    from.rationale === to.rationale &&
    from.obligation === to.obligation &&
    from.type === to.type &&
    from.area === to.area &&
    from.verification === to.verification &&
    from.weight === to.weight &&
    from.ambition === to.ambition &&
    sameTags(from.tags, to.tags)
  )
    return null;
  let changed: ComparedField[] | null = null;
  for (const field of COMPARED_FIELDS) {
    if (!SAME_FIELD[field](from, to)) (changed ??= []).push(field);
  }
  return changed;
}

type SectionPlace = { old: SectionSnapshot | undefined; inPlace: boolean; anchorId: string | null };

export function diffSets(from: SetSnapshot, to: SetSnapshot): SetDiff {
  const summary: SetDiffSummary = {
    added: 0,
    removed: 0,
    changed: 0,
    moved: 0,
    unchanged: 0,
    sections: { added: 0, removed: 0, renamed: 0, moved: 0, unchanged: 0 },
  };

  // Sections: few, so they are placed first and then walked in tree order.
  const fromChildren = groupSorted(from.sections, sectionParent);
  const toChildren = groupSorted(to.sections, sectionParent);
  const earlierSections = indexEarlier(fromChildren);
  const sectionPlaces = new Map<string, SectionPlace>();
  for (const [parentId, children] of toChildren) {
    const { earlier, inPlace } = placeChildren(children, parentId, earlierSections.byId);
    let anchorId: string | null = null;
    children.forEach((child, i) => {
      sectionPlaces.set(child.id, { old: earlier[i]?.item, inPlace: inPlace[i] ?? false, anchorId });
      if (inPlace[i]) anchorId = child.id;
    });
  }
  const toSectionsById = new Map(to.sections.map((section) => [section.id, section]));
  const toSectionOrder = sectionTreeOrder(to.sections, toChildren);
  const fromSectionOrder = sectionTreeOrder(from.sections, fromChildren);

  const sectionEntries: SectionDiffEntry[] = [];
  for (const id of toSectionOrder) {
    const after = toSectionsById.get(id);
    const place = sectionPlaces.get(id);
    if (!after || !place) continue;
    const before = place.old;
    if (!before) {
      summary.sections.added++;
      sectionEntries.push({
        id,
        kind: "added",
        renamed: false,
        moved: false,
        parentChanged: false,
        to: after,
        anchorId: place.anchorId,
      });
      continue;
    }
    const renamed = before.title !== after.title;
    const moved = !place.inPlace;
    if (!renamed && !moved) {
      summary.sections.unchanged++;
      continue;
    }
    if (renamed) summary.sections.renamed++;
    if (moved) summary.sections.moved++;
    sectionEntries.push({
      id,
      kind: renamed ? "renamed" : "moved",
      renamed,
      moved,
      parentChanged: before.parentId !== after.parentId,
      from: before,
      to: after,
      ...(moved ? { anchorId: place.anchorId } : {}),
    });
  }
  for (const id of fromSectionOrder) {
    const old = earlierSections.byId.get(id);
    if (!old || old.matched) continue;
    summary.sections.removed++;
    sectionEntries.push({ id, kind: "removed", renamed: false, moved: false, parentChanged: false, from: old.item });
  }

  // Requirements: one lookup by id per requirement of `to`, none per unchanged one of `from`.
  const earlierRequirements = indexEarlier(groupSorted(from.requirements, requirementSection));
  const toGroups = groupSorted(to.requirements, requirementSection);

  const requirementEntries: RequirementDiffEntry[] = [];
  for (const sectionId of requirementGroupOrder(toSectionOrder, toGroups)) {
    const group = toGroups.get(sectionId);
    if (!group) continue;
    const { earlier, inPlace } = placeChildren(group, sectionId, earlierRequirements.byId);
    let anchorId: string | null = null;
    for (let i = 0; i < group.length; i++) {
      const after = group[i];
      if (!after) continue;
      const before = earlier[i]?.item;
      if (!before) {
        summary.added++;
        requirementEntries.push({
          id: after.id,
          kind: "added",
          changedFields: [],
          moved: false,
          sectionChanged: false,
          to: after,
          anchorId,
        });
        continue;
      }
      const changedFields = changedFieldsOf(before, after);
      const moved = !inPlace[i];
      const entryAnchor = anchorId;
      if (!moved) anchorId = after.id;
      if (!changedFields && !moved) {
        summary.unchanged++;
        continue;
      }
      if (changedFields) summary.changed++;
      if (moved) summary.moved++;
      requirementEntries.push({
        id: after.id,
        kind: changedFields ? "changed" : "moved",
        changedFields: changedFields ?? [],
        moved,
        sectionChanged: before.sectionId !== after.sectionId,
        from: before,
        to: after,
        ...(moved ? { anchorId: entryAnchor } : {}),
      });
    }
  }
  for (const sectionId of requirementGroupOrder(fromSectionOrder, earlierRequirements.grouped)) {
    for (const old of earlierRequirements.grouped.get(sectionId) ?? []) {
      if (old.matched) continue;
      summary.removed++;
      requirementEntries.push({
        id: old.item.id,
        kind: "removed",
        changedFields: [],
        moved: false,
        sectionChanged: false,
        from: old.item,
      });
    }
  }

  return { requirements: requirementEntries, sections: sectionEntries, summary };
}

/**
 * Word-level diff. jsdiff's word tokenizer counts Latin-1 letters (å, ä, ö, é) as word characters
 * and makes each punctuation mark its own token, and it keeps whitespace attached to words so a
 * rewrite is not shown as a string of kept spaces between replaced words.
 */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  if (before === after) return before === "" ? [] : [{ kind: "same", text: before }];
  if (before === "") return [{ kind: "added", text: after }];
  if (after === "") return [{ kind: "removed", text: before }];
  const parts: WordDiffPart[] = [];
  for (const change of diffWords(before, after)) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}

const TEXT_FIELDS: ReadonlySet<ComparedField> = new Set<ComparedField>(["ref", "title", "text", "rationale", "tags"]);

/** The value as the diff view shows it; enum codes stay codes, the view translates them. */
function displayValue(requirement: RequirementSnapshot, field: ComparedField): string {
  if (field === "tags") return [...requirement.tags].sort().join(", ");
  const value = requirement[field];
  return value === null ? "" : String(value);
}

/** Before/after of each changed field, with word diffs for text-like fields. Computed on each call. */
export function fieldDiffs(entry: RequirementDiffEntry): FieldDiff[] {
  const { from, to } = entry;
  if (!from || !to) return [];
  return entry.changedFields.map((field) => {
    const before = displayValue(from, field);
    const after = displayValue(to, field);
    return { field, before, after, words: TEXT_FIELDS.has(field) ? wordDiff(before, after) : null };
  });
}

/**
 * Entries of the given kinds in the given areas. Kind "moved" also matches changed requirements
 * that moved, as the summary counts them; an area matches on either side, so a requirement that
 * left an area still shows for that area.
 */
export function filterEntries(diff: SetDiff, filter: DiffFilter): RequirementDiffEntry[] {
  const kinds = filter.kinds && filter.kinds.length > 0 ? new Set(filter.kinds) : null;
  const areas = filter.areas && filter.areas.length > 0 ? new Set(filter.areas) : null;
  return diff.requirements.filter((entry) => {
    if (kinds && !kinds.has(entry.kind) && !(entry.moved && kinds.has("moved"))) return false;
    if (areas && !(entry.to && areas.has(entry.to.area)) && !(entry.from && areas.has(entry.from.area))) return false;
    return true;
  });
}

/**
 * Order one parent's children: in-place ones keep their `from` order, the others (added or moved
 * in) follow their anchor in `to` order. Positions become 0, 1, 2 …; the diff does not carry the
 * new position numbers of untouched items, only their order.
 */
function orderWithAnchors<T extends Ordered>(inPlace: T[], floating: Array<{ item: T; anchorId: string | null }>) {
  inPlace.sort(byPosition);
  const byAnchor = new Map<string | null, T[]>();
  for (const { item, anchorId } of floating) {
    const list = byAnchor.get(anchorId);
    if (list) list.push(item);
    else byAnchor.set(anchorId, [item]);
  }
  for (const list of byAnchor.values()) list.sort(byPosition);
  const ordered: T[] = [...(byAnchor.get(null) ?? [])];
  for (const item of inPlace) ordered.push(item, ...(byAnchor.get(item.id) ?? []));
  return ordered.map((item, position) => ({ ...item, position }));
}

/**
 * Rebuilds `to` from `from` and the diff. Everything compared comes back exactly, and so do
 * section membership and order; untouched items keep their `from` record (so their `version`),
 * and positions are renumbered from 0 within each parent.
 */
export function applyDiff(from: SetSnapshot, diff: SetDiff): SetSnapshot {
  const sectionEntries = new Map(diff.sections.map((entry) => [entry.id, entry]));
  const sectionGroups = new Map<
    string | null,
    { inPlace: SectionSnapshot[]; floating: Array<{ item: SectionSnapshot; anchorId: string | null }> }
  >();
  const sectionGroup = (key: string | null) => {
    let group = sectionGroups.get(key);
    if (!group) sectionGroups.set(key, (group = { inPlace: [], floating: [] }));
    return group;
  };
  for (const section of from.sections) {
    const entry = sectionEntries.get(section.id);
    if (!entry) sectionGroup(section.parentId).inPlace.push(section);
    // A renamed section that kept its place keeps its `from` position so it sorts with its siblings.
    else if (entry.kind === "renamed" && !entry.moved && entry.to)
      sectionGroup(section.parentId).inPlace.push({ ...entry.to, position: section.position });
  }
  for (const entry of diff.sections) {
    if (entry.to && (entry.kind === "added" || entry.moved)) {
      sectionGroup(entry.to.parentId).floating.push({ item: entry.to, anchorId: entry.anchorId ?? null });
    }
  }
  const sections = [...sectionGroups.values()].flatMap((group) => orderWithAnchors(group.inPlace, group.floating));

  const requirementEntries = new Map(diff.requirements.map((entry) => [entry.id, entry]));
  const requirementGroups = new Map<
    string | null,
    { inPlace: RequirementSnapshot[]; floating: Array<{ item: RequirementSnapshot; anchorId: string | null }> }
  >();
  const requirementGroup = (key: string | null) => {
    let group = requirementGroups.get(key);
    if (!group) requirementGroups.set(key, (group = { inPlace: [], floating: [] }));
    return group;
  };
  for (const requirement of from.requirements) {
    const entry = requirementEntries.get(requirement.id);
    if (!entry) requirementGroup(requirement.sectionId).inPlace.push(requirement);
    else if (entry.kind === "changed" && !entry.moved && entry.to)
      requirementGroup(requirement.sectionId).inPlace.push({ ...entry.to, position: requirement.position });
  }
  for (const entry of diff.requirements) {
    if (entry.to && (entry.kind === "added" || entry.moved)) {
      requirementGroup(entry.to.sectionId).floating.push({ item: entry.to, anchorId: entry.anchorId ?? null });
    }
  }
  const requirements = [...requirementGroups.values()].flatMap((group) =>
    orderWithAnchors(group.inPlace, group.floating),
  );

  return { sections, requirements };
}
