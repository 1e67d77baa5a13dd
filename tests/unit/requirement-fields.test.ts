import { describe, expect, test } from "vitest";

import { sameFieldValue } from "~/utils/requirement-fields";

describe("sameFieldValue", () => {
  test("primitives by identity, null and empty text apart", () => {
    expect(sameFieldValue("Ska", "Ska")).toBe(true);
    expect(sameFieldValue(5, 5)).toBe(true);
    expect(sameFieldValue(null, null)).toBe(true);
    expect(sameFieldValue(null, "")).toBe(false);
    expect(sameFieldValue(5, "5")).toBe(false);
  });

  test("tags item by item, in order", () => {
    expect(sameFieldValue(["drift", "säkerhet"], ["drift", "säkerhet"])).toBe(true);
    expect(sameFieldValue(["drift", "säkerhet"], ["säkerhet", "drift"])).toBe(false);
    expect(sameFieldValue(["drift"], ["drift", "säkerhet"])).toBe(false);
  });

  test("imported attributes by name whatever the key order (jsonb stores keys sorted)", () => {
    expect(sameFieldValue({ Status: "Godkänd", Ägare: "IT" }, { Ägare: "IT", Status: "Godkänd" })).toBe(true);
    expect(sameFieldValue({ Status: "Godkänd" }, { Status: "Utkast" })).toBe(false);
    expect(sameFieldValue({ Status: "Godkänd" }, { Status: "Godkänd", Ägare: "IT" })).toBe(false);
    expect(sameFieldValue({ 0: "a" }, ["a"])).toBe(false);
  });
});
