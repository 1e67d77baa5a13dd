import { count, eq } from "drizzle-orm";
import { expect, test } from "vitest";

import { collaborations, users } from "../../db/schema/accounts";
import {
  collaborationStandards,
  regionStandardAdoptions,
  requirementStandardLinks,
  standards,
  standardVersions,
} from "../../db/schema/standards";
import { DEMO_REGIONS } from "../../db/seed/demo-data";
import {
  DEMO_COMMON_STANDARDS,
  DEMO_REQUIREMENT_LINKS,
  DEMO_STANDARDS,
  seedDemoStandards,
} from "../../db/seed/demo-standards";
import { seedDemoData } from "../../db/seed/seed";
import { getAdoptionMatrix, listLinkedRequirements, updateStandard } from "~/models/standards.server";
import { db } from "~/utils/db.server";

import { principalFor, TEST_REQUEST } from "./set-helpers";

// The harness gives this file a fresh, migrated database.

async function counts() {
  const tally = async (table: typeof standards | typeof standardVersions | typeof collaborationStandards) =>
    (await db.select({ n: count() }).from(table))[0]?.n;
  const [adoptions] = await db.select({ n: count() }).from(regionStandardAdoptions);
  const [links] = await db.select({ n: count() }).from(requirementStandardLinks);
  return {
    standards: await tally(standards),
    versions: await tally(standardVersions),
    markings: await tally(collaborationStandards),
    adoptions: adoptions?.n,
    links: links?.n,
  };
}

async function userByEmail(email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

async function standardByCode(code: string) {
  const [row] = await db.select().from(standards).where(eq(standards.code, code));
  if (!row) throw new Error(`no standard ${code}`);
  return row;
}

test("demo standards: the §3 catalogue, common standards of 3R and Sussa, adoption in all twelve regions; a rerun adds nothing", async () => {
  // seedDemoData runs seedDemoStandards after the sets, reuse, comments and reviews.
  await seedDemoData(db, { passwordHash: "x" });
  const first = await counts();
  expect(first.standards).toBe(DEMO_STANDARDS.length);
  expect(first.versions).toBe(DEMO_STANDARDS.reduce((sum, standard) => sum + standard.versions.length, 0));
  expect(first.markings).toBe(
    DEMO_COMMON_STANDARDS["3r"].markings.length + DEMO_COMMON_STANDARDS.sussa.markings.length,
  );
  expect(first.links).toBe(DEMO_REQUIREMENT_LINKS.length);

  // Each standard's current version is its newest; SNOMED CT and ICD-10-SE keep the earlier release.
  expect(await standardByCode("SNOMED CT")).toMatchObject({
    currentVersion: "Sweden Extension 2024-11-30",
    category: "terminology",
    ownerBody: "SNOMED International; Socialstyrelsen (nationellt releasecenter)",
  });
  expect((await standardByCode("ICD-10-SE")).currentVersion).toBe("ICD-10-SE 2025");
  expect(await standardByCode("WCAG 2.2")).toMatchObject({ lifecycle: "incoming", category: "accessibility" });
  expect((await standardByCode("Pascal")).ownerBody).toBe("Inera AB");
  for (const standard of await db.select({ link: standards.link }).from(standards)) {
    expect(standard.link === "" || standard.link.startsWith("https://")).toBe(true);
  }

  // Every region has recorded something, and the statuses vary.
  const byRegion = await db
    .select({ regionId: regionStandardAdoptions.regionId, n: count() })
    .from(regionStandardAdoptions)
    .groupBy(regionStandardAdoptions.regionId);
  expect(byRegion).toHaveLength(DEMO_REGIONS.length);
  const statuses = await db.selectDistinct({ status: regionStandardAdoptions.status }).from(regionStandardAdoptions);
  expect(statuses.map((row) => row.status).sort()).toEqual(["adopted", "evaluating", "not_applicable", "planned"]);

  // 3R's decisions carry references in the steering group's format, and the regions deviate a little.
  const [threeR] = await db.select({ id: collaborations.id }).from(collaborations).where(eq(collaborations.slug, "3r"));
  const markings = await db
    .select({ reference: collaborationStandards.decisionReference })
    .from(collaborationStandards)
    .where(eq(collaborationStandards.collaborationId, threeR?.id ?? ""));
  expect(markings.every((row) => /^Styrgruppen 3R \d{4}-\d{2}-\d{2} § \d+$/.test(row.reference))).toBe(true);
  const matrix = await getAdoptionMatrix({ filters: { collaborationId: threeR?.id ?? "" } });
  expect(matrix.regions.map((region) => region.shortName)).toEqual(["Skåne", "Stockholm", "VGR"]);
  expect(matrix.deviations.length).toBeGreaterThanOrEqual(2);
  expect(matrix.deviations.length).toBeLessThanOrEqual(8);
  expect(matrix.deviations.map((d) => `${d.regionName}: ${d.standardCode}`)).toContain("Region Stockholm: SNOMED CT");

  // Requirements written against the 2024 releases are flagged; Stockholm's private draft is Stockholm's alone.
  const anna = await principalFor(await userByEmail("anna.lindqvist@skane.example.se"));
  const jonas = await principalFor(await userByEmail("jonas.lindberg@stockholm.example.se"));
  const snomed = await standardByCode("SNOMED CT");
  expect((await listLinkedRequirements({ standardId: snomed.id, principal: anna })).outdated).toBeGreaterThanOrEqual(1);
  const fhir = await standardByCode("HL7 FHIR");
  const fhirForAnna = await listLinkedRequirements({ standardId: fhir.id, principal: anna });
  const fhirForJonas = await listLinkedRequirements({ standardId: fhir.id, principal: jonas });
  expect(fhirForAnna.requirements.some((row) => row.regionName === "Region Stockholm")).toBe(false);
  expect(fhirForJonas.requirements.some((row) => row.regionName === "Region Stockholm")).toBe(true);

  // A change made in the demo survives a rerun, and the rerun adds no rows.
  const edited = await updateStandard({
    standardId: snomed.id,
    baseVersion: snomed.version,
    input: {
      code: snomed.code,
      name: snomed.name,
      ownerBody: snomed.ownerBody,
      category: snomed.category,
      link: snomed.link,
      description: "Ändrad under demon.",
      lifecycle: snomed.lifecycle,
    },
    actorUserId: (await userByEmail("plattform@samkrav.example.se")).id,
    request: TEST_REQUEST,
  });
  expect(edited.status).toBe("saved");
  await seedDemoStandards();
  expect(await counts()).toEqual(first);
  expect((await standardByCode("SNOMED CT")).description).toBe("Ändrad under demon.");
});
