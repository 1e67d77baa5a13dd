import { describe, expect, test } from "vitest";

import { contentDiffs, isAdapted } from "~/models/reuse.server";
import type { RequirementContent } from "~/utils/requirement-fields";

const snapshot: RequirementContent = {
  ref: "IS-004",
  title: "Loggning av åtkomst",
  text: "Systemet ska logga all åtkomst till patientuppgifter.",
  obligation: "ska",
  type: "technical",
  area: "IS",
  rationale: "Patientdatalagen.",
  verification: "yes_no",
  weight: null,
  ambition: null,
  tags: ["PDL"],
};

describe("adapted copies and content diffs", () => {
  test("a copy equal to its snapshot, or differing only in ref, is used as is", () => {
    expect(isAdapted(snapshot, snapshot)).toBe(false);
    expect(isAdapted({ ...snapshot, ref: "IS-017" }, snapshot)).toBe(false);
    expect(isAdapted(snapshot, null)).toBe(false);
  });

  test("any other content difference makes the copy adapted", () => {
    expect(isAdapted({ ...snapshot, text: `${snapshot.text} Även läsning.` }, snapshot)).toBe(true);
    expect(isAdapted({ ...snapshot, obligation: "bor" }, snapshot)).toBe(true);
    expect(isAdapted({ ...snapshot, tags: ["PDL", "logg"] }, snapshot)).toBe(true);
  });

  test("the diff lists changed fields in display order, words for text and before → after for the rest", () => {
    const diffs = contentDiffs(snapshot, { ...snapshot, text: "Systemet ska logga all läsning.", obligation: "bor" });
    expect(diffs.map((diff) => diff.field)).toEqual(["text", "obligation"]);
    expect(diffs[0]?.words?.some((part) => part.kind === "added" && part.text.includes("läsning"))).toBe(true);
    expect(diffs[1]).toMatchObject({ before: "ska", after: "bor", words: null });
    expect(contentDiffs(snapshot, snapshot)).toEqual([]);
  });
});
