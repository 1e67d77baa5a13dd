/**
 * Diff of two 5,000-requirement versions with 5 % changed, as the baseline comparison page does it:
 * `diffSets` over everything, then word diffs of the first 50 changed requirements (one screen).
 * The keyed join alone (match by id, compare fields) runs interleaved in the same process as the
 * floor, since these machines are too noisy for an absolute time on its own (PERFORMANCE.md).
 *
 * Run: npx tsx bench/set-diff.bench.ts
 */
import { pathToFileURL } from "node:url";

import {
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
  type RequirementSnapshot,
  type SectionSnapshot,
  type SetSnapshot,
} from "../app/utils/requirement-fields";
import { diffSets, fieldDiffs } from "../app/utils/set-diff";

export type BenchResult = { name: string; value: number; unit: string; goal: string };

const REQUIREMENTS = 5_000;
const CHANGED_SHARE = 0.05;
const SHOWN_CHANGES = 50;
const WARMUP = 30;
const ROUNDS = 21;
/** Runs per timed sample: one diff takes a few ms, below the timer's useful resolution under load. */
const RUNS_PER_SAMPLE = 5;

const WORDS = [
  "leverantören",
  "ska",
  "bör",
  "tillhandahålla",
  "systemet",
  "lösningen",
  "vårdpersonal",
  "patienten",
  "journalen",
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
  "inom",
  "uppföljning",
  "loggning",
  "spårbarhet",
  "informationssäkerhet",
  "integration",
  "svenska",
  "användare",
  "rapportering",
  "avtalsperioden",
  "driftstörning",
  "återställning",
  "säkerhetskopiering",
  "personuppgifter",
  "dataskyddsförordningen",
  "kvalitet",
  "granskning",
  "kompetens",
  "utbildning",
  "support",
  "vardagar",
  "timmar",
  "minuter",
  "senast",
  "enligt",
  "samtliga",
  "kunna",
  "stödja",
  "möjliggöra",
  "hantera",
];
const TAGS = ["support", "säkerhet", "fhir", "drift", "avtal", "tillgänglighet", "gdpr"];

/** mulberry32: small, fast and the same sequence on every machine. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  const sentence = (min: number, max: number) => {
    const words = Array.from({ length: min + int(max - min + 1) }, () => pick(WORDS));
    return `${words.join(" ")}.`;
  };
  return { next, int, pick, sentence };
}

function uuid(random: ReturnType<typeof createRandom>) {
  const hex = () => random.int(16).toString(16);
  const part = (length: number) => Array.from({ length }, hex).join("");
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

function generateVersions(): { from: SetSnapshot; to: SetSnapshot } {
  const random = createRandom(20_240_601);

  // One root section per area, four subsections each: 65 sections, about 77 requirements apiece.
  const sections: SectionSnapshot[] = [];
  const leaves: SectionSnapshot[] = [];
  AREAS.forEach((area, areaIndex) => {
    const root = { id: uuid(random), parentId: null, position: areaIndex, title: `${area} ${random.sentence(1, 3)}` };
    sections.push(root);
    for (let i = 0; i < 4; i++) {
      const leaf = { id: uuid(random), parentId: root.id, position: i, title: random.sentence(1, 4) };
      sections.push(leaf);
      leaves.push(leaf);
    }
  });

  const newRequirement = (sectionId: string, position: number, number: number): RequirementSnapshot => {
    const area = random.pick(AREAS);
    return {
      id: uuid(random),
      sectionId,
      position,
      ref: `${area}-${number}`,
      title: random.sentence(2, 6),
      text: random.sentence(20, 60),
      obligation: random.pick(OBLIGATIONS),
      type: random.pick(REQUIREMENT_TYPES),
      area,
      rationale: random.sentence(5, 20),
      verification: random.pick(VERIFICATION_METHODS),
      weight: random.next() < 0.3 ? 1 + random.int(100) : null,
      ambition: null,
      tags: [random.pick(TAGS), random.pick(TAGS)].filter((tag, index, all) => all.indexOf(tag) === index),
      version: 1,
    };
  };

  const requirements: RequirementSnapshot[] = [];
  for (let i = 0; i < REQUIREMENTS; i++) {
    const leaf = leaves[i % leaves.length];
    if (!leaf) throw new Error("no sections");
    requirements.push(newRequirement(leaf.id, Math.floor(i / leaves.length) * 10, i + 1));
  }
  const from: SetSnapshot = { sections, requirements };

  // 5 %: text edits, field edits, moves within and across sections, a few adds and removes.
  const edited = requirements.map((r) => ({ ...r, tags: [...r.tags] }));
  const touched = new Set<number>();
  const untouchedIndex = () => {
    for (;;) {
      const index = random.int(edited.length);
      if (!touched.has(index)) {
        touched.add(index);
        return index;
      }
    }
  };
  const target = (index: number) => {
    const r = edited[index];
    if (!r) throw new Error("index out of range");
    return r;
  };
  const budget = Math.round(REQUIREMENTS * CHANGED_SHARE);
  const plan = { text: Math.round(budget * 0.56), field: Math.round(budget * 0.2), move: Math.round(budget * 0.16) };
  const removes = Math.round(budget * 0.04);
  const adds = budget - plan.text - plan.field - plan.move - removes;

  for (let i = 0; i < plan.text; i++) {
    const r = target(untouchedIndex());
    const words = r.text.slice(0, -1).split(" ");
    for (let edits = 1 + random.int(3); edits > 0; edits--) {
      const at = random.int(words.length);
      if (random.next() < 0.5) words[at] = random.pick(WORDS);
      else words.splice(at, 0, random.pick(WORDS));
    }
    r.text = `${words.join(" ")}.`;
    r.version++;
  }
  for (let i = 0; i < plan.field; i++) {
    const r = target(untouchedIndex());
    switch (i % 4) {
      case 0:
        r.obligation = r.obligation === "ska" ? "bor" : "ska";
        break;
      case 1:
        r.verification =
          VERIFICATION_METHODS[(VERIFICATION_METHODS.indexOf(r.verification) + 1) % VERIFICATION_METHODS.length] ??
          r.verification;
        break;
      case 2:
        r.title = `${r.title.slice(0, -1)} ${random.pick(WORDS)}.`;
        break;
      default:
        r.weight = 1 + random.int(100);
    }
    r.version++;
  }
  for (let i = 0; i < plan.move; i++) {
    const r = target(untouchedIndex());
    // Two in three moves reorder within the section (half-steps land between neighbours).
    if (i % 3 !== 0) r.position = random.int(80) * 10 + 5;
    else r.sectionId = random.pick(leaves).id;
  }
  const removed = new Set(Array.from({ length: removes }, () => target(untouchedIndex()).id));
  const kept = edited.filter((r) => !removed.has(r.id));
  for (let i = 0; i < adds; i++) {
    kept.push(newRequirement(random.pick(leaves).id, random.int(80) * 10 + 5, REQUIREMENTS + i + 1));
  }
  // Both versions arrive parsed from JSON (a baseline's frozen jsonb, the working copy's rows), so
  // no string is shared between them and every comparison reads the characters.
  const parse = (snapshot: SetSnapshot): SetSnapshot => JSON.parse(JSON.stringify(snapshot));
  return { from: parse(from), to: parse({ sections, requirements: kept }) };
}

/** What every diff must do at least: join by id and compare the fields, without order or output. */
function keyedJoin(from: SetSnapshot, to: SetSnapshot): number {
  const before = new Map<string, RequirementSnapshot>();
  for (const r of from.requirements) before.set(r.id, r);
  let matched = 0;
  let differences = 0;
  for (const r of to.requirements) {
    const old = before.get(r.id);
    if (!old) {
      differences++;
      continue;
    }
    matched++;
    const same =
      old.text === r.text &&
      old.title === r.title &&
      old.ref === r.ref &&
      old.rationale === r.rationale &&
      old.obligation === r.obligation &&
      old.type === r.type &&
      old.area === r.area &&
      old.verification === r.verification &&
      old.weight === r.weight &&
      old.ambition === r.ambition &&
      old.tags.length === r.tags.length &&
      old.tags.every((tag, index) => tag === r.tags[index]);
    if (!same) differences++;
  }
  // Removed ones: everything in `from` that no requirement of `to` matched.
  return differences + (from.requirements.length - matched);
}

/** The page's work: the whole diff, then word diffs of the changes on the first screen. */
function diffWithWordDiffs(from: SetSnapshot, to: SetSnapshot): number {
  const diff = diffSets(from, to);
  let shown = 0;
  let parts = 0;
  for (const entry of diff.requirements) {
    if (entry.kind !== "changed") continue;
    for (const field of fieldDiffs(entry)) parts += field.words?.length ?? 1;
    if (++shown === SHOWN_CHANGES) break;
  }
  return parts + diff.summary.changed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function sampleMs(run: () => number): { ms: number; sink: number } {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < RUNS_PER_SAMPLE; i++) sink += run();
  return { ms: (performance.now() - start) / RUNS_PER_SAMPLE, sink };
}

export async function runSetDiffBenchmark(): Promise<BenchResult[]> {
  const { from, to } = generateVersions();
  const full = () => diffWithWordDiffs(from, to);
  const floor = () => keyedJoin(from, to);

  const check = diffSets(from, to).summary;
  const expectedChanges = Math.round(REQUIREMENTS * CHANGED_SHARE);
  const changes = check.added + check.removed + check.changed + check.moved;
  // A generator bug that made the diff trivial would make the figure meaningless.
  if (changes < expectedChanges * 0.9 || changes > expectedChanges * 1.1) {
    throw new Error(`expected about ${expectedChanges} changes, got ${JSON.stringify(check)}`);
  }

  // Sinks keep the JIT from dropping work whose result nobody reads.
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += full() + floor();

  const fullSamples: number[] = [];
  const floorSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first so neither always runs on a freshly collected heap.
    const order = round % 2 === 0 ? ["full", "floor"] : ["floor", "full"];
    for (const which of order) {
      const sample = sampleMs(which === "full" ? full : floor);
      sink += sample.sink;
      (which === "full" ? fullSamples : floorSamples).push(sample.ms);
    }
  }
  if (sink === 0) throw new Error("the benchmark did no work");

  const round2 = (value: number) => Math.round(value * 100) / 100;
  return [
    { name: "diff-5000-ms", value: round2(median(fullSamples)), unit: "ms", goal: "<= 25" },
    { name: "diff-5000-keyed-join-ms", value: round2(median(floorSamples)), unit: "ms", goal: "floor, for context" },
    // The figure that survives a noisy machine: the same rounds, as a multiple of the floor.
    {
      name: "diff-5000-vs-keyed-join",
      value: round2(median(fullSamples.map((ms, round) => ms / (floorSamples[round] ?? ms)))),
      unit: "x",
      goal: "context",
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await runSetDiffBenchmark()) console.log(JSON.stringify(result));
}
