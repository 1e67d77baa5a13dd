import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, test } from "vitest";

import {
  AdoptionMatrixChart,
  AdoptionMatrixLegend,
  AdoptionMatrixTable,
  type MatrixView,
} from "~/components/standard-matrix";
import type { MatrixCell, StatusCounts } from "~/models/standards.server";

/** Renders inside a data router whose root route carries the language, as the app's root does. */
async function render(element: ReactNode, language: "sv" | "en" = "sv"): Promise<string> {
  const routes = [{ id: "root", path: "/", loader: () => ({ language }), element }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

function counts(overrides: Partial<StatusCounts>): StatusCounts {
  return { adopted: 0, planned: 0, evaluating: 0, not_applicable: 0, none: 0, deviations: 0, ...overrides };
}

const common = [{ collaborationName: "3R", level: "required" as const }];
function cell(status: MatrixCell["status"], deviation = false): MatrixCell {
  return {
    status,
    statusDate: status === "adopted" ? "2025-01-14" : null,
    note: "",
    commonIn: deviation ? common : [],
    deviation,
  };
}

/** Two standards (FHIR common in 3R) × two regions; Stockholm is evaluating FHIR: a deviation. */
const VIEW: MatrixView = {
  regions: [
    { id: "r1", name: "Region Skåne", shortName: "Skåne" },
    { id: "r2", name: "Region Stockholm", shortName: "Stockholm" },
  ],
  rows: [
    {
      standard: { id: "s1", code: "HL7 FHIR", name: "FHIR", category: "interoperability", currentVersion: "R4" },
      commonIn: common,
      cells: [cell("adopted"), cell("evaluating", true)],
      totals: counts({ adopted: 1, evaluating: 1, deviations: 1 }),
    },
    {
      standard: { id: "s2", code: "MDR", name: "MDR", category: "law", currentVersion: "" },
      commonIn: [],
      cells: [cell("planned"), cell("none")],
      totals: counts({ planned: 1, none: 1 }),
    },
  ],
  regionTotals: [counts({ adopted: 1, planned: 1 }), counts({ evaluating: 1, none: 1, deviations: 1 })],
  overall: counts({ adopted: 1, planned: 1, evaluating: 1, none: 1, deviations: 1 }),
};

function textOf(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => (match[1] ?? "").replace(/<[^>]+>/g, ""));
}

describe("the adoption matrix chart", () => {
  test("is an image with a title and a text alternative that carries the figures", async () => {
    const html = await render(createElement(AdoptionMatrixChart, { view: VIEW }));
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="matrix-chart-title matrix-chart-desc"/);
    expect(html).toContain('<title id="matrix-chart-title">Införande av standarder per region</title>');
    const [desc] = textOf(html, /<desc id="matrix-chart-desc">([^<]*)<\/desc>/g);
    expect(desc).toContain("2 standarder (rader) och 2 regioner (kolumner)");
    expect(desc).toContain("Infört: 1, Planerat: 1, Utreds: 1, Ej aktuellt: 0, Inte registrerat: 1");
    expect(desc).toContain("Avvikelser från gemensamma standarder: 1");
  });

  test("gives every cell its status letter and a tooltip, and marks the deviation with more than colour", async () => {
    const html = await render(createElement(AdoptionMatrixChart, { view: VIEW }));
    expect(textOf(html, /<text class="matrix-letter"[^>]*>([^<]*)<\/text>/g)).toEqual(["I", "U", "P", "–"]);
    expect(html.match(/class="matrix-cell status-evaluating matrix-deviation"/g)).toHaveLength(1);
    expect(textOf(html, /<text class="matrix-deviation-mark"[^>]*>([^<]*)<\/text>/g)).toEqual(["!"]);
    expect(html).toContain(
      "<title>HL7 FHIR, Region Stockholm: Utreds – avviker från gemensam standard i 3R: krav</title>",
    );
    // ◆: the standard is required in a collaboration.
    expect(textOf(html, /<text class="matrix-row-label"[^>]*>(.*?)<\/text>/g)).toEqual(["HL7 FHIR ◆", "MDR"]);
    expect(html).toContain(">Infört per region</text>");
    // Totals: adopted per standard (of the regions) and per region.
    expect(textOf(html, /<text class="matrix-total"[^>]*>([^<]*)<\/text>/g)).toEqual(["1/2", "0/2", "1", "0"]);
  });

  test("speaks English when the page does", async () => {
    const html = await render(createElement(AdoptionMatrixChart, { view: VIEW }), "en");
    expect(textOf(html, /<text class="matrix-letter"[^>]*>([^<]*)<\/text>/g)).toEqual(["A", "E", "P", "–"]);
    expect(html).toContain("Adoption of standards per region");
  });
});

describe("the matrix as a table", () => {
  test("holds the same figures as the chart, with each status in words for screen readers", async () => {
    const html = await render(createElement(AdoptionMatrixTable, { view: VIEW }));
    expect(html).toContain("<caption");
    expect(textOf(html, /<th scope="col">(.*?)<\/th>/g)).toEqual([
      "Standard",
      "Skåne",
      "Stockholm",
      "Infört",
      "Planerat",
      "Avvikelser",
    ]);
    expect(textOf(html, /<th scope="rowgroup"[^>]*>([^<]*)<\/th>/g)).toEqual(["Interoperabilitet", "Lag/föreskrift"]);
    expect(
      textOf(html, /<span class="visually-hidden">((?:Infört|Planerat|Utreds|Ej aktuellt|Inte registrerat))<\/span>/g),
    ).toEqual(["Infört", "Utreds", "Planerat", "Inte registrerat"]);
    expect(html).toContain(", avviker från gemensam standard i 3R: krav");
    expect(html.match(/matrix-table-cell matrix-deviation/g)).toHaveLength(1);
  });

  test("the legend explains every letter and the deviation mark in words", async () => {
    const html = await render(createElement(AdoptionMatrixLegend));
    for (const line of ["I = Infört", "P = Planerat", "U = Utreds", "E = Ej aktuellt", "– = Inte registrerat"]) {
      expect(html.replace(/<!-- -->/g, "")).toContain(line);
    }
    expect(html).toContain("Avvikelse: standarden är gemensam");
  });
});
