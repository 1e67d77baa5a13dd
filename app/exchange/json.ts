import { z } from "zod";

import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  SET_STATUSES,
  VERIFICATION_METHODS,
  VISIBILITIES,
} from "~/utils/requirement-fields";

import { ExchangeFileError } from "./exchange-error";
import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, type ExchangeSet } from "./exchange-set";
import type { ImportedSet } from "./imported-set";

/**
 * Samkrav's own lossless format: the ExchangeSet as JSON, for backups and for moving a set
 * between installations. The schema below is the contract; its JSON Schema is published at
 * `/schemas/requirement-set-v1.schema.json` (generated from it, see scripts/write-json-schema.ts).
 */

const Uuid = z.string().uuid();
const Timestamp = z.string().datetime({ offset: true });

export const ExchangeSetSchema = z
  .object({
    format: z.literal(EXCHANGE_FORMAT).describe("Always samkrav-requirement-set."),
    formatVersion: z.literal(EXCHANGE_FORMAT_VERSION).describe("Bumped on incompatible changes."),
    exportedAt: Timestamp,
    set: z.object({
      id: Uuid,
      title: z.string(),
      description: z.string(),
      procurementReference: z.string(),
      ownerRegionName: z.string(),
      status: z.enum(SET_STATUSES),
      visibility: z.enum(VISIBILITIES),
      collaborationName: z.string().nullable(),
      version: z.number().int().min(1),
      baseline: z.object({ id: Uuid, name: z.string(), createdAt: Timestamp }).nullable(),
    }),
    sections: z
      .array(z.object({ id: Uuid, parentId: Uuid.nullable(), title: z.string() }))
      .describe("Tree pre-order: a parent before its children, siblings in their order."),
    requirements: z
      .array(
        z.object({
          id: Uuid,
          sectionId: Uuid.nullable(),
          ref: z.string(),
          title: z.string(),
          text: z.string(),
          obligation: z.enum(OBLIGATIONS),
          type: z.enum(REQUIREMENT_TYPES),
          area: z.enum(AREAS),
          rationale: z.string(),
          verification: z.enum(VERIFICATION_METHODS),
          weight: z.number().int().nullable(),
          ambition: z.enum(AMBITION_LEVELS).nullable(),
          tags: z.array(z.string()),
          version: z.number().int().min(1),
          linkedStandards: z.array(z.string()),
          source: z.string(),
          importedAttributes: z.record(z.string(), z.string()),
        }),
      )
      .describe("Reading order: requirements outside sections first, then section by section in tree order."),
  })
  .describe("A Samkrav requirement set (kravuppsättning) with its sections and requirements.");

/** The published JSON Schema, generated from the zod schema so the two cannot drift. */
export function exchangeJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://samkrav.se/schemas/requirement-set-v1.schema.json",
    title: "Samkrav requirement set, format version 1",
    ...z.toJSONSchema(ExchangeSetSchema, { target: "draft-2020-12" }),
  };
}

export function writeSetJson(set: ExchangeSet): string {
  return `${JSON.stringify(set, null, 2)}\n`;
}

const FormatHeader = z.object({ format: z.literal(EXCHANGE_FORMAT), formatVersion: z.number().int() });

/**
 * Reads a Samkrav JSON export. Structure that is not ours is refused as a whole; a file from a
 * newer format version says so. Field values are checked row by row afterwards like any import.
 */
export function readSetJson(bytes: Uint8Array): ExchangeSet {
  let parsed: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExchangeFileError("notSamkravJson", {}, error instanceof Error ? error.message : undefined);
  }
  const header = FormatHeader.safeParse(parsed);
  if (!header.success) throw new ExchangeFileError("notSamkravJson");
  if (header.data.formatVersion !== EXCHANGE_FORMAT_VERSION) {
    throw new ExchangeFileError("unsupportedVersion", { version: header.data.formatVersion });
  }
  const set = ExchangeSetSchema.safeParse(parsed);
  if (!set.success) {
    const first = set.error.issues[0];
    throw new ExchangeFileError("notSamkravJson", {}, first ? `${first.path.join(".")}: ${first.message}` : undefined);
  }
  return set.data;
}

/** An ExchangeSet as an import: ids kept, sections keyed by their UUIDs, rows numbered from 1. */
export function exchangeSetToImported(set: ExchangeSet): ImportedSet {
  return {
    title: set.set.title,
    description: set.set.description,
    sections: set.sections.map((section) => ({
      key: section.id,
      parentKey: section.parentId,
      title: section.title,
      id: section.id,
    })),
    requirements: set.requirements.map((requirement, index) => ({
      row: index + 1,
      id: requirement.id,
      sectionKey: requirement.sectionId,
      ref: requirement.ref,
      title: requirement.title,
      text: requirement.text,
      obligation: requirement.obligation,
      type: requirement.type,
      area: requirement.area,
      rationale: requirement.rationale,
      verification: requirement.verification,
      weight: requirement.weight,
      ambition: requirement.ambition,
      tags: requirement.tags,
      importedAttributes: requirement.importedAttributes,
      linkedStandards: requirement.linkedStandards,
    })),
    issues: [],
  };
}
