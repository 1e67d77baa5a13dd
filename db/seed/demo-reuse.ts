/**
 * Demo reuse (issue 4): copies with provenance in two regions, one adapted with a reason, one
 * decline with a reason, and a source change waiting to be accepted.
 *
 *   - Region Halland starts a draft for its add-on modules and copies three requirements from the
 *     Sussa common baseline (Sörmland, shared with Sussa). Its copy of BL-001 is adapted, with the
 *     reason recorded; IS-002 is declined from the library, with its reason.
 *   - Region Stockholm copies an interoperability requirement from the 3R architecture set (VGR)
 *     into its private draft (its ref is taken there, so the copy gets the next free one), and an
 *     information-security requirement from Skåne's VIS specification (shared with 3R, in review).
 *     Skåne then sharpens that requirement, so Stockholm's copy waits with "källan har ändrats"
 *     and Stockholm's editor has a notification.
 *
 * Everything goes through the app's models as the demo users. Idempotent: a copy that already
 * exists is not made again, and the source change is made only together with its copy.
 */
import { and, eq, isNull } from "drizzle-orm";

import { createSet } from "../../app/models/requirement-sets.server";
import { updateRequirement } from "../../app/models/requirements.server";
import { copyRequirements, recordDecline, saveAdaptationReason } from "../../app/models/reuse.server";
import { buildPrincipal, loadAccess } from "../../app/utils/auth.server";
import { db } from "../../app/utils/db.server";
import type { Principal } from "../../app/utils/policy.server";
import type { RequestInfo } from "../../app/utils/request.server";
import type { Area } from "../../app/utils/requirement-fields";
import { regions, users } from "../schema/accounts";
import { requirementSets, requirements } from "../schema/requirements";

import type { DemoRegionSlug, DemoUserEmail } from "./demo-data";
import {
  HALLAND_REUSE_SET_TITLE,
  SKANE_SET_TITLE,
  STOCKHOLM_SET_TITLE,
  SUSSA_SET_TITLE,
  THREE_R_SET_TITLE,
} from "./demo-titles";

const SEED_REQUEST: RequestInfo = { requestId: "seed", ipAddress: null, userAgent: "samkrav-seed" };

const MARTIN: DemoUserEmail = "martin.carlsson@halland.example.se";
const IDA: DemoUserEmail = "ida.sandstrom@halland.example.se";
const EMMA: DemoUserEmail = "emma.sandberg@stockholm.example.se";
const ERIK: DemoUserEmail = "erik.svensson@skane.example.se";

async function regionId(slug: DemoRegionSlug): Promise<string> {
  const [row] = await db.select({ id: regions.id }).from(regions).where(eq(regions.slug, slug));
  if (!row) throw new Error(`Demo reuse needs region "${slug}"; seed the accounts first`);
  return row.id;
}

async function user(email: DemoUserEmail): Promise<{ id: string; principal: Principal }> {
  const [row] = await db
    .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`Demo reuse needs user "${email}"; seed the accounts first`);
  return { id: row.id, principal: buildPrincipal(row, await loadAccess(row.id)) };
}

async function setId(region: DemoRegionSlug, title: string): Promise<string> {
  const [row] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .where(and(eq(requirementSets.ownerRegionId, await regionId(region)), eq(requirementSets.title, title)));
  if (!row) throw new Error(`Demo reuse needs the set "${title}"; seed the demo sets first`);
  return row.id;
}

async function liveRequirement(inSet: string, ref: string) {
  const [row] = await db
    .select()
    .from(requirements)
    .where(and(eq(requirements.setId, inSet), eq(requirements.ref, ref), isNull(requirements.deletedAt)));
  if (!row) throw new Error(`Demo reuse refers to ${ref}, which the set does not have`);
  return row;
}

/** The live copy of `sourceId` in `inSet`, if one was made before. */
async function existingCopy(inSet: string, sourceId: string) {
  const [row] = await db
    .select()
    .from(requirements)
    .where(
      and(
        eq(requirements.setId, inSet),
        eq(requirements.sourceRequirementId, sourceId),
        isNull(requirements.deletedAt),
      ),
    );
  return row ?? null;
}

/** Copies `sourceRefs` of `sourceSet` that are not yet in `targetSet`; returns the ids of all copies by source ref. */
async function ensureCopies(
  actor: { principal: Principal },
  sourceSet: string,
  sourceRefs: readonly string[],
  targetSet: string,
): Promise<{ copies: Map<string, string>; created: Set<string> }> {
  const copies = new Map<string, string>();
  const created = new Set<string>();
  for (const ref of sourceRefs) {
    const source = await liveRequirement(sourceSet, ref);
    const before = await existingCopy(targetSet, source.id);
    if (before) {
      copies.set(ref, before.id);
      continue;
    }
    const result = await copyRequirements({
      principal: actor.principal,
      sourceRequirementIds: [source.id],
      targetSetId: targetSet,
      targetSectionId: null,
      request: SEED_REQUEST,
    });
    if (result.status !== "copied" || !result.copyIds[0])
      throw new Error(`Demo copy of ${ref} failed: ${result.status}`);
    copies.set(ref, result.copyIds[0]);
    created.add(ref);
  }
  return { copies, created };
}

async function rowOf(requirementId: string) {
  const [row] = await db.select().from(requirements).where(eq(requirements.id, requirementId));
  if (!row) throw new Error("demo copy vanished");
  return row;
}

/** An edit through the app's model, as `actorUserId`, of the fields given. */
async function edit(
  requirementId: string,
  actorUserId: string,
  changes: { text?: string; rationale?: string },
): Promise<void> {
  const row = await rowOf(requirementId);
  const result = await updateRequirement({
    setId: row.setId,
    requirementId,
    baseVersion: row.version,
    input: {
      ref: row.ref,
      title: row.title,
      text: changes.text ?? row.text,
      obligation: row.obligation,
      type: row.type,
      // Stored areas were validated when written.
      area: row.area as Area,
      rationale: changes.rationale ?? row.rationale,
      verification: row.verification,
      weight: row.weight,
      ambition: row.ambition,
      tags: row.tags,
    },
    actorUserId,
  });
  if (result.status !== "saved") throw new Error(`Demo edit failed: ${result.status}`);
}

async function seedHalland(): Promise<void> {
  const martin = await user(MARTIN);
  const ida = await user(IDA);
  const halland = await regionId("halland");
  const [existing] = await db
    .select({ id: requirementSets.id })
    .from(requirementSets)
    .where(and(eq(requirementSets.ownerRegionId, halland), eq(requirementSets.title, HALLAND_REUSE_SET_TITLE)));
  const target =
    existing?.id ??
    (await createSet({
      regionId: halland,
      title: HALLAND_REUSE_SET_TITLE,
      description:
        "Hallands krav vid upphandling av tilläggsmoduler. Bygger på Sussa samverkans gemensamma kravbild; " +
        "regionala avvikelser har ett angivet skäl.",
      procurementReference: "RH 2026-0412",
      actorUserId: martin.id,
    }));
  const sussa = await setId("sormland", SUSSA_SET_TITLE);
  const { copies, created } = await ensureCopies(martin, sussa, ["IS-004", "IS-005", "BL-001"], target);
  const adapted = copies.get("BL-001");
  if (adapted && created.has("BL-001")) {
    const row = await rowOf(adapted);
    await edit(adapted, ida.id, {
      text: `${row.text} Loggarna ska dessutom kunna skickas till Region Hallands gemensamma loggtjänst.`,
    });
    const after = await rowOf(adapted);
    await saveAdaptationReason({
      setId: target,
      requirementId: adapted,
      baseVersion: after.version,
      reason:
        "Halland följer upp loggar centralt i regionens loggtjänst sedan 2024; kravet kompletteras med " +
        "export dit. Beslut i Hallands informationssäkerhetsråd 2025-03-12.",
      actorUserId: ida.id,
    });
  }
  const declined = await liveRequirement(sussa, "IS-002");
  await recordDecline({
    regionId: halland,
    requirementId: declined.id,
    reason:
      "Region Halland ställer redan ett strängare krav på behandling inom Sverige i sitt regionala avtal; " +
      "Sussa-kravet skulle ge två krav om samma sak.",
    actorUserId: martin.id,
  });
}

async function seedStockholm(): Promise<void> {
  const emma = await user(EMMA);
  const erik = await user(ERIK);
  const target = await setId("stockholm", STOCKHOLM_SET_TITLE);
  await ensureCopies(emma, await setId("vgr", THREE_R_SET_TITLE), ["IN-001"], target);
  const skane = await setId("skane", SKANE_SET_TITLE);
  const { copies, created } = await ensureCopies(emma, skane, ["IS-003"], target);
  if (copies.get("IS-003") && created.has("IS-003")) {
    // Skåne sharpens its requirement after Stockholm copied it: the copy now waits with a changed source.
    const source = await liveRequirement(skane, "IS-003");
    await edit(source.id, erik.id, {
      text: `${source.text} Nycklar för säkerhetskopior ska förvaras åtskilda från de säkerhetskopierade data.`,
    });
  }
}

export async function seedDemoReuse(): Promise<void> {
  await seedHalland();
  await seedStockholm();
}
