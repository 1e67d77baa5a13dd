import { parseWithZod } from "@conform-to/zod/v4";
import { expect, test } from "vitest";

import { DecideSchema, EstablishSchema, OpenRoundSchema, swedishToday } from "~/components/review-forms";

/** The review forms' schemas as Conform runs them on a posted form, in the browser and on the server. */

function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
  return data;
}

function errors(result: { status?: "success" | "error"; error?: Record<string, string[] | null> | null }) {
  return result.status === "error" ? (result.error ?? null) : null;
}

const reviewer = "6f1c1f3e-2b0a-4c55-9a51-2f7b0f4d9a10";

test("swedishToday is the calendar day in Sweden", () => {
  // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
  expect(swedishToday(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  expect(swedishToday(new Date("2026-06-15T10:00:00Z"))).toBe("2026-06-15");
});

test("a due date must be a real day, today or later", () => {
  const base = { intent: "open", reviewers: reviewer, required: reviewer, baseVersion: "3" };
  for (const dueDate of ["", "abc", "2026-13-01", "2026-02-30", "20261201"]) {
    const result = parseWithZod(form({ ...base, dueDate }), { schema: OpenRoundSchema });
    expect(errors(result)?.dueDate, dueDate).toEqual(["reviews.dueDateInvalid"]);
  }
  const past = parseWithZod(form({ ...base, dueDate: "2020-01-01" }), { schema: OpenRoundSchema });
  expect(errors(past)?.dueDate).toEqual(["reviews.dueDatePast"]);
  const today = parseWithZod(form({ ...base, dueDate: swedishToday() }), { schema: OpenRoundSchema });
  expect(today.status).toBe("success");
  if (today.status === "success") {
    expect(today.value).toMatchObject({ reviewers: [reviewer], required: [reviewer], message: "", baseVersion: 3 });
  }
});

test("at least one reviewer, and at least one of them required", () => {
  const base = { intent: "open", dueDate: "2099-01-01", baseVersion: "1" };
  expect(errors(parseWithZod(form(base), { schema: OpenRoundSchema }))?.reviewers).toEqual(["reviews.noReviewers"]);
  expect(errors(parseWithZod(form({ ...base, reviewers: reviewer }), { schema: OpenRoundSchema }))?.reviewers).toEqual([
    "reviews.noRequiredReviewer",
  ]);
});

test("requesting changes needs a comment; approving does not", () => {
  const base = { intent: "decide", baseVersion: "1" };
  expect(
    errors(parseWithZod(form({ ...base, decision: "request_changes", comment: "  " }), { schema: DecideSchema }))
      ?.comment,
  ).toEqual(["reviews.commentRequired"]);
  expect(errors(parseWithZod(form({ ...base, decision: "maybe" }), { schema: DecideSchema }))?.decision).toEqual([
    "reviews.decisionInvalid",
  ]);
  expect(parseWithZod(form({ ...base, decision: "approve" }), { schema: DecideSchema }).status).toBe("success");
});

test("fastställelse needs a decision reference and a decision date not after today", () => {
  const base = { intent: "establish", decidedOn: swedishToday() };
  expect(errors(parseWithZod(form(base), { schema: EstablishSchema }))?.decisionReference).toEqual([
    "validation.required",
  ]);
  expect(
    errors(
      parseWithZod(form({ ...base, decisionReference: "§ 4", decidedOn: "2999-01-01" }), { schema: EstablishSchema }),
    )?.decidedOn,
  ).toEqual(["reviews.decidedOnFuture"]);
  expect(
    parseWithZod(form({ ...base, decisionReference: "Styrgruppen 3R 2026-11-20 § 4" }), { schema: EstablishSchema })
      .status,
  ).toBe("success");
});
