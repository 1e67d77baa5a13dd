import { z } from "zod";

import { UuidSchema } from "./schemas";

/**
 * Form schemas of a requirement's links to standards and lessons, shared by server and browser.
 * A standards picker option is "standard:<id>" (the catalogue's current version) or
 * "version:<id>" (one recorded version), so one select picks the standard and its version.
 */

export type StandardChoice = { kind: "current" | "version"; id: string };

const CHOICE = /^(standard|version):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function standardChoiceValue(choice: StandardChoice): string {
  return `${choice.kind === "current" ? "standard" : "version"}:${choice.id}`;
}

export const StandardChoiceSchema = z
  .string({ error: "requirementLinks.standardRequired" })
  .regex(CHOICE, "requirementLinks.standardUnknown")
  .transform((value): StandardChoice => {
    const [, kind, id] = CHOICE.exec(value) ?? [];
    return { kind: kind === "standard" ? "current" : "version", id: (id ?? "").toLowerCase() };
  });

/** An empty picker is "choose one", not "unknown". */
const emptyAsMissing = (value: unknown) => (value === "" ? undefined : value);

export const LinkStandardSchema = z.object({ standard: z.preprocess(emptyAsMissing, StandardChoiceSchema) });
export const UnlinkStandardSchema = z.object({ standardId: UuidSchema });
export const LinkLessonSchema = z.object({
  lessonId: z.preprocess(
    emptyAsMissing,
    z.string({ error: "requirementLinks.lessonRequired" }).uuid("requirementLinks.lessonUnknown"),
  ),
});

/** The optional links on the new-requirement form (several of each). */
export const NewRequirementLinksSchema = z.object({
  standards: z.array(StandardChoiceSchema).max(50, "requirementLinks.tooMany"),
  lessons: z.array(z.string().uuid("requirementLinks.lessonUnknown")).max(50, "requirementLinks.tooMany"),
});

/** Whether a requirement's pin lags behind the catalogue: "Nyare version finns". */
export function hasNewerVersion(standard: { pinnedVersion: string | null; currentVersion: string }): boolean {
  return (
    standard.pinnedVersion !== null &&
    standard.currentVersion !== "" &&
    standard.pinnedVersion !== standard.currentVersion
  );
}
