import { eq } from "drizzle-orm";

import { requirementSets } from "../../db/schema/requirements";
import { createManualBaseline } from "~/models/baselines.server";
import { createSet } from "~/models/requirement-sets.server";
import { createRequirement, type RequirementInput } from "~/models/requirements.server";
import { createSection } from "~/models/sections.server";
import { db } from "~/utils/db.server";
import type { Visibility } from "~/utils/requirement-fields";

let counter = 0;

export function requirementInput(overrides: Partial<RequirementInput> = {}): RequirementInput {
  counter += 1;
  return {
    ref: `IS-${String(counter).padStart(3, "0")}`,
    title: `Loggning av åtkomst ${counter}`,
    text: "Systemet ska logga all åtkomst till patientuppgifter.",
    obligation: "ska",
    type: "technical",
    area: "IS",
    rationale: "Krav enligt patientdatalagen.",
    verification: "yes_no",
    weight: null,
    ambition: null,
    tags: [],
    ...overrides,
  };
}

/** A draft set with one section, one requirement in it and one baseline; shared as asked. */
export async function createSetFixture({
  ownerRegionId,
  authorId,
  sharing = { visibility: "private" },
  title = "Testuppsättning",
}: {
  ownerRegionId: string;
  authorId: string;
  sharing?: { visibility: Visibility; collaborationId?: string };
  title?: string;
}): Promise<{ setId: string; sectionId: string; requirementId: string; baselineId: string }> {
  const setId = await createSet({
    regionId: ownerRegionId,
    title,
    description: "",
    procurementReference: "",
    actorUserId: authorId,
  });
  const section = await createSection({ setId, parentId: null, title: "Informationssäkerhet", actorUserId: authorId });
  if (!section.sectionId) throw new Error("no section");
  const requirement = await createRequirement({
    setId,
    sectionId: section.sectionId,
    input: requirementInput(),
    actorUserId: authorId,
  });
  if (requirement.status !== "created") throw new Error(`no requirement: ${requirement.status}`);
  const baselineId = await createManualBaseline({ setId, name: "Första baslinjen", actorUserId: authorId });
  if (sharing.visibility !== "private") {
    await db
      .update(requirementSets)
      .set({ visibility: sharing.visibility, collaborationId: sharing.collaborationId ?? null })
      .where(eq(requirementSets.id, setId));
  }
  return { setId, sectionId: section.sectionId, requirementId: requirement.requirementId, baselineId };
}
