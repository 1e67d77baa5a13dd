import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";

import { lessonSeverityEnum, louPhaseEnum } from "../../db/schema/lessons";
import { ragStatusEnum } from "../../db/schema/procurements";
import { commonStandardLevelEnum, standardAdoptionStatusEnum } from "../../db/schema/standards";
import { dayNumber, timeDomain, yearTicks } from "~/components/charts/chart-scale";
import { StackedBarChart, type StackedBar, type StackedSeries } from "~/components/charts/stacked-bar-chart";
import { TimelineChart, type TimelineRow } from "~/components/charts/timeline-chart";
import { LESSON_SEVERITIES } from "~/utils/lesson-fields";
import { ADOPTION_STATUSES, COMMON_LEVELS } from "~/utils/standard-fields";
import { RAG_STATUSES } from "~/utils/procurement-fields";
import { LOU_PHASES, louPhaseLabel } from "~/utils/lou-phases";
import { en } from "~/i18n/en";
import { sv } from "~/i18n/sv";

/**
 * The server-rendered charts of the steering group's overview: accessible names from a title and
 * a description, geometry that matches the figures (bar lengths proportional to counts, the today
 * marker where today falls between two dates), and text rather than colour alone.
 */

type Tag = { name: string; attrs: Record<string, string> };

/** Every opening tag of the markup with its attributes, in document order. */
function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z]+)((?:\s+[a-zA-Z0-9-:]+="[^"]*")*)\s*\/?>/g)].map((match) => ({
    name: match[1] ?? "",
    attrs: Object.fromEntries([...(match[2] ?? "").matchAll(/([a-zA-Z0-9-:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  }));
}

function numberAttr(tag: Tag | undefined, name: string): number {
  const value = tag?.attrs[name];
  if (value === undefined) throw new Error(`no ${name} on ${JSON.stringify(tag)}`);
  return Number(value);
}

/** The text inside the element with this id. */
function textOf(html: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html);
  return match?.[1] ?? "";
}

function expectAccessibleSvg(html: string, id: string, title: string, description: string) {
  const svg = tags(html).find((tag) => tag.name === "svg");
  expect(svg?.attrs.role).toBe("img");
  // The title names the chart; the description is its text alternative, read after the name.
  expect(svg?.attrs["aria-labelledby"]).toBe(`${id}-title`);
  expect(svg?.attrs["aria-describedby"]).toBe(`${id}-desc`);
  expect(textOf(html, `${id}-title`)).toBe(title);
  expect(textOf(html, `${id}-desc`)).toBe(description);
  expect(html.indexOf(`<title id="${id}-title"`)).toBeGreaterThan(-1);
  expect(html.indexOf(`<desc id="${id}-desc"`)).toBeGreaterThan(-1);
}

const LEGEND = { planned: "Planerat datum", actual: "Faktiskt datum", slip: "Förskjutning", today: "Idag" };

function renderTimeline(rows: TimelineRow[], today: string): string {
  return renderToStaticMarkup(
    createElement(TimelineChart, {
      id: "tl",
      title: "Tidslinje",
      description: "Planerat och faktiskt",
      rows,
      today,
      todayLabel: `Idag ${today}`,
      legend: LEGEND,
    }),
  );
}

describe("the timeline chart", () => {
  const rows: TimelineRow[] = [
    {
      id: "p1",
      label: "Vårdinformationssystem SDV",
      detail: "Region Skåne · Utvärdering · Röd",
      milestones: [
        { key: "1", label: "Behovsanalys", planned: "2019-12-01", actual: "2020-01-01" },
        { key: "2", label: "Tilldelningsbeslut", planned: "2022-01-01", actual: null },
      ],
    },
    {
      id: "p2",
      label: "Framtidens vårdinformationsmiljö",
      detail: "VGR · Avbruten · Gul",
      milestones: [{ key: "1", label: "Avtal", planned: "2021-06-01", actual: "2021-06-01" }],
    },
  ];

  test("has a title and a description that name it, and readable text for every row", () => {
    const html = renderTimeline(rows, "2021-01-01");
    expectAccessibleSvg(html, "tl", "Tidslinje", "Planerat och faktiskt");
    expect(html).toContain("Vårdinformationssystem SDV");
    expect(html).toContain("Region Skåne · Utvärdering · Röd");
    for (const word of Object.values(LEGEND)) expect(html).toContain(word);
    expect(html).toContain("Idag 2021-01-01");
  });

  test("marks today where it falls between two dates", () => {
    const html = renderTimeline(rows, "2021-01-01");
    const all = tags(html);
    const actual = all.find((tag) => tag.attrs.class === "timeline-actual" && tag.attrs["data-date"] === "2020-01-01");
    const planned = all.find(
      (tag) => tag.attrs.class === "timeline-planned" && tag.attrs["data-date"] === "2022-01-01",
    );
    const todayIndex = all.findIndex((tag) => tag.attrs.class === "timeline-today");
    expect(all[todayIndex]?.attrs["data-date"]).toBe("2021-01-01");
    const todayLine = all[todayIndex + 1];
    expect(todayLine?.name).toBe("line");
    const start = numberAttr(actual, "cx");
    // The planned date is a diamond path "M{x},{y-r} …": its first x is the date's x.
    const end = Number(/^M([\d.]+),/.exec(planned?.attrs.d ?? "")?.[1]);
    const todayX = numberAttr(todayLine, "x1");
    const fraction = (todayX - start) / (end - start);
    const expected =
      (dayNumber("2021-01-01") - dayNumber("2020-01-01")) / (dayNumber("2022-01-01") - dayNumber("2020-01-01"));
    expect(fraction).toBeCloseTo(expected, 3);
    expect(numberAttr(todayLine, "x2")).toBe(todayX);
  });

  test("moves the today marker with the date and keeps it inside the chart", () => {
    const early = tags(renderTimeline(rows, "2020-06-01"));
    const late = tags(renderTimeline(rows, "2024-03-01"));
    const todayX = (all: Tag[]) =>
      numberAttr(all[all.findIndex((tag) => tag.attrs.class === "timeline-today") + 1], "x1");
    expect(todayX(early)).toBeLessThan(todayX(late));
    const svg = late.find((tag) => tag.name === "svg");
    const width = Number(svg?.attrs.viewBox?.split(" ")[2]);
    expect(todayX(late)).toBeLessThan(width);
    // The axis reaches past today: a year tick for 2024 is drawn.
    expect(renderTimeline(rows, "2024-03-01")).toContain(">2024<");
  });

  test("draws planned dates as hollow diamonds, actual dates as filled circles, and a slip line only where they differ", () => {
    const all = tags(renderTimeline(rows, "2021-01-01"));
    expect(all.filter((tag) => tag.attrs.class === "timeline-planned")).toHaveLength(3);
    expect(all.filter((tag) => tag.attrs.class === "timeline-actual")).toHaveLength(2);
    for (const diamond of all.filter((tag) => tag.attrs.class === "timeline-planned")) {
      expect(diamond.attrs.fill).toBe("#ffffff");
    }
    // 2019-12-01 → 2020-01-01 slipped; 2021-06-01 kept its date; 2022-01-01 has not happened.
    expect(all.filter((tag) => tag.attrs.class === "timeline-slip")).toHaveLength(1);
  });

  test("the time axis covers whole years around every date and today", () => {
    const domain = timeDomain(["2019-12-01", "2022-01-01"], "2021-01-01");
    expect(domain).toEqual({ startDay: dayNumber("2019-01-01"), endDay: dayNumber("2023-01-01") });
    expect(yearTicks(domain).map((tick) => tick.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(yearTicks(timeDomain(["2000-05-01"], "2026-01-01")).map((tick) => tick.year)[1]).toBe(2002);
  });
});

function renderBars(series: StackedSeries[], bars: StackedBar[], id = "sb"): string {
  return renderToStaticMarkup(
    createElement(StackedBarChart, { id, title: "Kravuppsättningar", description: "Per status", series, bars }),
  );
}

/** The rect of each segment, by bar and series. */
function segments(
  html: string,
): Array<{ bar: number; series: string; value: number; x: number; width: number; fill: string }> {
  const all = tags(html);
  const result: Array<{ bar: number; series: string; value: number; x: number; width: number; fill: string }> = [];
  let bar = -1;
  all.forEach((tag, index) => {
    if (tag.attrs.class === "chart-bar") bar += 1;
    if (tag.attrs.class !== "chart-segment") return;
    const rect = all[index + 1];
    result.push({
      bar,
      series: tag.attrs["data-series"] ?? "",
      value: Number(tag.attrs["data-value"]),
      x: numberAttr(rect, "x"),
      width: numberAttr(rect, "width"),
      fill: rect?.attrs.fill ?? "",
    });
  });
  return result;
}

describe("the stacked bar chart", () => {
  const series: StackedSeries[] = [
    { key: "draft", label: "Utkast" },
    { key: "in_review", label: "Under granskning" },
    { key: "published", label: "Publicerad" },
  ];
  const bars: StackedBar[] = [
    { key: "skane", label: "Region Skåne", values: { draft: 3, in_review: 1, published: 2 } },
    { key: "vgr", label: "Västra Götalandsregionen", values: { draft: 1, in_review: 0, published: 2 } },
    { key: "sthlm", label: "Region Stockholm", values: { draft: 0, in_review: 0, published: 0 } },
  ];

  test("has a title and a description that name it", () => {
    expectAccessibleSvg(renderBars(series, bars), "sb", "Kravuppsättningar", "Per status");
  });

  test("draws segments proportional to their counts, bars proportional to their totals", () => {
    const found = segments(renderBars(series, bars));
    const unit = (found[0]?.width ?? 0) / 3;
    for (const segment of found) expect(segment.width).toBeCloseTo(segment.value * unit, 1);
    const barWidth = (bar: number) => found.filter((s) => s.bar === bar).reduce((sum, s) => sum + s.width, 0);
    expect(barWidth(0) / barWidth(1)).toBeCloseTo(6 / 3, 2);
    // Segments follow each other without gaps, in the order of the series.
    const first = found.filter((s) => s.bar === 0);
    expect(first.map((s) => s.series)).toEqual(["draft", "in_review", "published"]);
    expect(first[1]?.x).toBeCloseTo((first[0]?.x ?? 0) + (first[0]?.width ?? 0), 1);
    // A zero count draws nothing, and an all-zero bar draws no segment at all.
    expect(found.filter((s) => s.bar === 1).map((s) => s.series)).toEqual(["draft", "published"]);
    expect(found.filter((s) => s.bar === 2)).toEqual([]);
  });

  test("writes each bar's label and total, the counts that fit, and a legend in words", () => {
    const html = renderBars(series, bars);
    for (const bar of bars) expect(html).toContain(bar.label);
    for (const s of series) expect(html).toContain(`>${s.label}<`);
    const totals = tags(html)
      .filter((tag) => tag.attrs.class === "chart-bar")
      .map((tag) => Number(tag.attrs["data-total"]));
    expect(totals).toEqual([6, 3, 0]);
    expect(html).toMatch(/class="chart-total"[^>]*>6</);
    expect(html).toMatch(/class="chart-value"[^>]*>3</);
  });

  test("gives each series its own fill pattern, with ids unique to the chart", () => {
    const html = renderBars(series, bars, "sets-chart");
    const fills = new Map(segments(html).map((s) => [s.series, s.fill]));
    expect(new Set(fills.values()).size).toBe(series.length);
    for (const fill of fills.values()) {
      const id = /^url\(#(.+)\)$/.exec(fill)?.[1] ?? "";
      expect(id.startsWith("sets-chart-")).toBe(true);
      expect(html).toContain(`<pattern id="${id}"`);
    }
  });

  test("an empty chart draws no bars and does not divide by zero", () => {
    const html = renderBars(series, []);
    expect(segments(html)).toEqual([]);
    expect(html).not.toContain("NaN");
  });
});

describe("the overview's enum labels", () => {
  test("match the database enums", () => {
    expect([...LOU_PHASES]).toEqual(louPhaseEnum.enumValues);
    expect([...RAG_STATUSES]).toEqual(ragStatusEnum.enumValues);
    expect([...LESSON_SEVERITIES]).toEqual(lessonSeverityEnum.enumValues);
    expect([...ADOPTION_STATUSES]).toEqual(standardAdoptionStatusEnum.enumValues);
    expect([...COMMON_LEVELS]).toEqual(commonStandardLevelEnum.enumValues);
  });

  test("name every LOU phase in both languages, cancelled as Avbruten", () => {
    for (const phase of LOU_PHASES) {
      expect(sv[louPhaseLabel[phase]]).not.toBe("");
      expect(en[louPhaseLabel[phase]]).not.toBe("");
    }
    expect(sv[louPhaseLabel.cancelled]).toBe("Avbruten");
    expect(sv[louPhaseLabel.needs_analysis]).toBe("Behovsanalys");
  });
});
