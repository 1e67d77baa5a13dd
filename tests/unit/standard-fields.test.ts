import { describe, expect, test } from "vitest";

import { en } from "~/i18n/en";
import { sv } from "~/i18n/sv";
import {
  ADOPTION_CELL_STATUSES,
  AdoptionSchema,
  adoptionStatusLetter,
  isDeviation,
  isPinnedVersionOutdated,
  MarkCommonSchema,
  NewStandardSchema,
  standardLinkState,
  swedishToday,
} from "~/utils/standard-fields";

describe("a requirement's reference to a standard", () => {
  test.each([
    [null, "R4", "unpinned"],
    ["", "R4", "unpinned"],
    ["   ", "R4", "unpinned"],
    ["R4", "R4", "current"],
    [" R4 ", "R4", "current"],
    ["R3", "R4", "outdated"],
    // A standard that has no current version flags nobody.
    ["R3", "", "current"],
  ] as const)("pinned %j against current %j is %s", (pinnedVersion, currentVersion, state) => {
    expect(standardLinkState({ pinnedVersion, currentVersion })).toBe(state);
    expect(isPinnedVersionOutdated({ pinnedVersion, currentVersion })).toBe(state === "outdated");
  });
});

describe("deviations", () => {
  test("only adopted and planned keep a region in step with a common standard", () => {
    expect(ADOPTION_CELL_STATUSES.filter((status) => !isDeviation(status))).toEqual(["adopted", "planned"]);
  });

  test("every status has its own letter in both languages, so the matrix never relies on colour", () => {
    for (const dictionary of [sv, en]) {
      const letters = ADOPTION_CELL_STATUSES.map((status) => dictionary[adoptionStatusLetter[status]]);
      expect(new Set(letters).size).toBe(letters.length);
      expect(letters.every((letter) => letter.length === 1)).toBe(true);
    }
  });
});

describe("form schemas", () => {
  const base = {
    code: "HL7 FHIR",
    name: "HL7 Fast Healthcare Interoperability Resources",
    category: "interoperability",
    lifecycle: "current",
  };

  test("a catalogue entry needs code, name, a known category and lifecycle; the rest may be empty", () => {
    const parsed = NewStandardSchema.safeParse(base);
    expect(parsed.success && parsed.data).toEqual({
      ...base,
      ownerBody: "",
      link: "",
      description: "",
      firstVersion: "",
    });
  });

  test.each(["https://build.fhir.org/ig/HL7Sweden/", "http://example.se"])("the link %s is accepted", (link) => {
    expect(NewStandardSchema.safeParse({ ...base, link }).success).toBe(true);
  });

  test.each(["javascript:alert(1)", "data:text/html,x", "ftp://example.se", "www.example.se", "https://"])(
    "the link %s is refused",
    (link) => {
      const parsed = NewStandardSchema.safeParse({ ...base, link });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(["standards.linkInvalid"]);
    },
  );

  test("a planned adoption may be dated ahead; the other statuses may not", () => {
    const form = { intent: "adopt", statusDate: "2999-01-01", baseVersion: "0" };
    expect(AdoptionSchema.safeParse({ ...form, status: "planned" }).success).toBe(true);
    const adopted = AdoptionSchema.safeParse({ ...form, status: "adopted" });
    expect(adopted.error?.issues).toEqual([
      expect.objectContaining({ path: ["statusDate"], message: "standards.statusDateFuture" }),
    ]);
    const today = AdoptionSchema.safeParse({ ...form, status: "adopted", statusDate: swedishToday() });
    expect(today.success && today.data).toMatchObject({ statusDate: swedishToday(), note: "", baseVersion: 0 });
    const undated = AdoptionSchema.safeParse({ intent: "adopt", status: "evaluating", baseVersion: "2" });
    expect(undated.success && undated.data.statusDate).toBeNull();
  });

  test("a common marking needs a decision reference and a real, past decision date", () => {
    const form = {
      intent: "mark-common",
      collaborationId: "11111111-1111-4111-8111-111111111111",
      level: "required",
      decisionReference: "Styrgruppen 3R 2026-11-20 § 4",
      decidedOn: "2026-11-20",
    };
    expect(MarkCommonSchema.safeParse(form).success).toBe(true);
    const messages = (overrides: Record<string, string>) =>
      MarkCommonSchema.safeParse({ ...form, ...overrides }).error?.issues.map((issue) => issue.message);
    expect(messages({ decisionReference: "  " })).toEqual(["validation.required"]);
    expect(messages({ decidedOn: "2026-02-30" })).toEqual(["standards.decidedOnInvalid"]);
    expect(messages({ decidedOn: "2999-01-01" })).toEqual(["standards.decidedOnFuture"]);
    expect(messages({ level: "must" })).toEqual(["standards.levelInvalid"]);
  });
});
