import { eq } from "drizzle-orm";

import { memberships, regions, users } from "../db/schema/accounts";
import { requirements, requirementSets, setSections } from "../db/schema/requirements";
import type { Database } from "../app/utils/db-connect.server";
import { AREAS, OBLIGATIONS, REQUIREMENT_TYPES, VERIFICATION_METHODS } from "../app/utils/requirement-fields";

/** Deterministic PRNG (mulberry32): the same data on every run. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "systemet",
  "ska",
  "bör",
  "stödja",
  "patientens",
  "journal",
  "läkemedelslista",
  "vårdpersonal",
  "behörighet",
  "loggning",
  "enligt",
  "patientdatalagen",
  "tillgänglighet",
  "integration",
  "HL7",
  "FHIR",
  "remiss",
  "provsvar",
  "beslutsstöd",
  "signering",
  "SITHS",
  "nationell",
  "tjänsteplattform",
  "migrering",
  "arkivering",
  "utbildning",
  "driftstart",
  "vårdenhet",
  "spärr",
  "samtycke",
  "nödåtkomst",
  "strukturerad",
  "dokumentation",
  "mallar",
];

function sentence(random: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(WORDS[Math.floor(random() * WORDS.length)] ?? "krav");
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * A region, an editor and a set of `count` requirements in 20 chapters of sections (two levels),
 * written with bulk inserts. Returns the ids a benchmark needs.
 */
export async function generateBenchSet(db: Database, { count, seed = 1 }: { count: number; seed?: number }) {
  const random = prng(seed);
  const slug = `bench-${seed}-${count}`;
  const [region] = await db
    .insert(regions)
    .values({ name: `Region Benchmark ${slug}`, shortName: slug, slug })
    .returning({ id: regions.id });
  if (!region) throw new Error("no region");
  const [user] = await db
    .insert(users)
    .values({ email: `${slug}@bench.example.se`, name: "Bänk Editor", passwordHash: "not-used" })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  await db.insert(memberships).values({ userId: user.id, regionId: region.id, role: "editor" });
  const [set] = await db
    .insert(requirementSets)
    .values({ ownerRegionId: region.id, title: `Kravspecifikation ${count} krav`, createdByUserId: user.id })
    .returning({ id: requirementSets.id });
  if (!set) throw new Error("no set");
  const chapters = await db
    .insert(setSections)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        setId: set.id,
        title: `Kapitel ${i + 1} ${sentence(random, 2)}`,
        position: i + 1,
      })),
    )
    .returning({ id: setSections.id });
  const subsections = await db
    .insert(setSections)
    .values(
      chapters.flatMap((chapter) =>
        [1, 2].map((position) => ({ setId: set.id, parentId: chapter.id, title: `Avsnitt ${position}`, position })),
      ),
    )
    .returning({ id: setSections.id });
  const targets = [...chapters, ...subsections];
  const rows = Array.from({ length: count }, (_, i) => {
    const area = AREAS[i % AREAS.length] ?? "IS";
    const obligation = OBLIGATIONS[Math.floor(random() * OBLIGATIONS.length)] ?? "ska";
    return {
      setId: set.id,
      sectionId: targets[i % targets.length]?.id ?? null,
      position: Math.floor(i / targets.length) + 1,
      ref: `${area}-${String(i + 1).padStart(4, "0")}`,
      title: sentence(random, 5),
      text: `${sentence(random, 25)} ${sentence(random, 20)}`,
      obligation,
      type: REQUIREMENT_TYPES[Math.floor(random() * REQUIREMENT_TYPES.length)] ?? "technical",
      area,
      rationale: sentence(random, 12),
      verification: VERIFICATION_METHODS[Math.floor(random() * VERIFICATION_METHODS.length)] ?? "yes_no",
      weight: obligation === "bor" ? Math.floor(random() * 10) * 10 : null,
      createdByUserId: user.id,
      updatedByUserId: user.id,
    };
  });
  for (let start = 0; start < rows.length; start += 500) {
    await db.insert(requirements).values(rows.slice(start, start + 500));
  }
  const [check] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .where(eq(requirementSets.id, set.id));
  if (!check) throw new Error("set vanished");
  return { setId: set.id, userId: user.id, regionId: region.id };
}
