import { and, count, eq, isNull } from "drizzle-orm";
import { expect, test } from "vitest";

import { collaborations, regions, users } from "../../db/schema/accounts";
import { lessons, lessonSetLinks, requirementLessonLinks } from "../../db/schema/lessons";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { requirementStandardLinks } from "../../db/schema/standards";
import { DEMO_LESSONS, seedDemoLessons } from "../../db/seed/demo-lessons";
import { SKANE_SET_TITLE } from "../../db/seed/demo-titles";
import { seedDemoData } from "../../db/seed/seed";
import { listLessons } from "~/models/lessons.server";
import { getRequirementLinks } from "~/models/requirement-links.server";
import { db } from "~/utils/db.server";
import { hasNewerVersion } from "~/utils/requirement-link-schemas";

import { principalFor } from "./set-helpers";

// The harness gives this file a fresh, migrated database.

async function counts() {
  const [lessonCount] = await db.select({ n: count() }).from(lessons);
  const [requirementLinks] = await db.select({ n: count() }).from(requirementLessonLinks);
  const [setLinks] = await db.select({ n: count() }).from(lessonSetLinks);
  const [standardLinks] = await db.select({ n: count() }).from(requirementStandardLinks);
  return {
    lessons: lessonCount?.n,
    requirementLinks: requirementLinks?.n,
    setLinks: setLinks?.n,
    standardLinks: standardLinks?.n,
  };
}

async function requirementOf(regionSlug: string, setTitle: string, ref: string) {
  const [row] = await db
    .select({ id: requirements.id, area: requirements.area })
    .from(requirements)
    .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(
      and(
        eq(regions.slug, regionSlug),
        eq(requirementSets.title, setTitle),
        eq(requirements.ref, ref),
        isNull(requirements.deletedAt),
      ),
    );
  if (!row) throw new Error(`no requirement ${ref}`);
  return row;
}

async function userByEmail(email: string) {
  const [row] = await db
    .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

test("demo lessons: the thirteen of DOMAIN.md §5, shared and linked where they matter; a rerun adds nothing", async () => {
  await seedDemoData(db, { passwordHash: "x" });

  const rows = await db
    .select({
      title: lessons.title,
      region: regions.slug,
      visibility: lessons.visibility,
      collaboration: collaborations.slug,
      unverified: lessons.unverified,
      sourceUrl: lessons.sourceUrl,
    })
    .from(lessons)
    .innerJoin(regions, eq(regions.id, lessons.ownerRegionId))
    .leftJoin(collaborations, eq(collaborations.id, lessons.collaborationId));
  expect(rows).toHaveLength(13);
  for (const demo of DEMO_LESSONS) {
    const row = rows.find((candidate) => candidate.title === demo.input.title);
    expect(row, demo.input.title).toMatchObject({
      region: demo.regionSlug,
      visibility: demo.sharing === "portal" ? "portal" : "collaboration",
      collaboration: demo.sharing === "portal" ? null : demo.sharing,
      unverified: demo.input.unverified,
    });
    expect(row?.sourceUrl).toMatch(/^https?:\/\//);
  }
  // DOMAIN.md marks lessons 10 and 13 "(verify)"; lesson 12 (Transportstyrelsen) is Sörmland's.
  expect(DEMO_LESSONS.filter((lesson) => lesson.input.unverified).map((lesson) => lesson.number)).toEqual([10, 13]);
  expect(DEMO_LESSONS.find((lesson) => lesson.number === 12)?.regionSlug).toBe("sormland");

  // Erik (Skåne) writes requirements: the PDL lesson is linked to the HSA access requirement, the
  // Sussa migration lesson surfaces on the medication-list migration, Sussa-only lessons never show.
  const erik = await principalFor(await userByEmail("erik.svensson@skane.example.se"));
  const bl001 = await requirementOf("skane", SKANE_SET_TITLE, "BL-001");
  const bl001Links = await getRequirementLinks({ requirementId: bl001.id, area: bl001.area, principal: erik });
  expect(bl001Links.lessons.filter((lesson) => lesson.linked).map((lesson) => lesson.title)).toContain(
    "Anpassningen till patientdatalagen underskattades",
  );
  expect(bl001Links.standards.map((link) => link.code).join(" ")).toMatch(/HSLF|PDL/);
  const mg005 = await requirementOf("skane", SKANE_SET_TITLE, "MG-005");
  const mg005Links = await getRequirementLinks({ requirementId: mg005.id, area: mg005.area, principal: erik });
  expect(mg005Links.lessons).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ title: "Migreringen av läkemedelslistor tog klinisk tid", linked: true }),
    ]),
  );
  const eriksList = await listLessons({
    principal: erik,
    filters: { q: "", archived: false, sort: "date", page: 1 },
  });
  expect(eriksList.total).toBe(11);
  expect(eriksList.lessons.map((lesson) => lesson.title)).not.toContain(
    "Avtalsändringar ledde till krav på upphandlingsskadeavgift",
  );

  // Standards (seeded by demo-standards.ts) show on the same requirements: IN-004 refers to HL7
  // FHIR, and JF-001's Snomed CT pin lags behind the catalogue.
  const in004 = await requirementOf("skane", SKANE_SET_TITLE, "IN-004");
  const in004Links = await getRequirementLinks({ requirementId: in004.id, area: in004.area, principal: erik });
  expect(in004Links.standards.map((link) => link.code).join(" ")).toMatch(/FHIR/);
  const jf001 = await requirementOf("skane", SKANE_SET_TITLE, "JF-001");
  const jf001Links = await getRequirementLinks({ requirementId: jf001.id, area: jf001.area, principal: erik });
  expect(
    jf001Links.standards
      .filter(hasNewerVersion)
      .map((link) => link.code)
      .join(" "),
  ).toMatch(/SNOMED/i);

  const before = await counts();
  await seedDemoLessons();
  expect(await counts()).toEqual(before);
});
