/**
 * Browser journeys of the steering group's overview (issue 5): the 3R steering chair opens it
 * from the collaboration page, reads the charts and their tables, and opens the printable
 * version; a Sussa steering member reads it with the app's scripts refused; the 3R chair follows
 * a red procurement to its latest status report and its decision log. The panels render with
 * whatever the demo data holds, and empty panels say so. axe-core runs on every page visited,
 * charts included.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { RunningServer } from "../support/spawn-server";

import {
  closePage,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  settle,
  signIn,
  startAppServer,
  visit,
} from "./support/browser";

let server: RunningServer;
let browser: Browser;
const pages: Page[] = [];

async function freshPage(options: { javaScript?: boolean } = {}): Promise<Page> {
  const page = await newPage(browser, server.url, options);
  pages.push(page);
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map(closePage));
});

const PANEL_HEADINGS = [
  "Upphandlingarnas tidslinje",
  "Status och senaste statusrapport",
  "Kravuppsättningar per status och region",
  "Granskningar och kommentarer",
  "Regionala avvikelser från biblioteket",
  "Gemensamma standarder",
  "Senaste lärdomar",
];

/** Opens a collaboration's page from the list, then its overview through the link there. */
async function openOverview(page: Page, collaboration: string): Promise<string> {
  await visit(page, "/collaborations");
  await page.getByRole("link", { name: collaboration, exact: true }).click();
  await page.waitForURL((url) => /^\/collaborations\/[0-9a-f-]{36}$/.test(url.pathname));
  await settle(page);
  await page.getByRole("link", { name: "Styrgruppens översikt", exact: true }).click();
  await page.waitForURL((url) => /^\/collaborations\/[0-9a-f-]{36}\/overview$/.test(url.pathname));
  await settle(page);
  await expectNoSeriousA11yViolations(page, `overview of ${collaboration}`);
  return new URL(page.url()).pathname;
}

function panel(page: Page, heading: string): Locator {
  return page.getByRole("region", { name: heading, exact: true });
}

/** Sum of the numbers in the cells of a table's footer row after its header cell. */
async function footerTotal(table: Locator): Promise<number> {
  const cells = await table.locator("tfoot td").allTextContents();
  return Number((cells.at(-1) ?? "").replace(/\s/g, ""));
}

/** Every panel is there, with a chart (named SVG and its table) or a sentence saying it is empty. */
async function expectPanels(page: Page): Promise<void> {
  for (const heading of PANEL_HEADINGS) await panel(page, heading).waitFor();

  const timeline = panel(page, "Upphandlingarnas tidslinje");
  const procurementCount = await timeline.locator("svg[role=img]").count();
  if (procurementCount === 0) {
    await timeline.getByText("Det finns inga upphandlingar i samverkans regioner som du kan se.").waitFor();
    await panel(page, "Status och senaste statusrapport")
      .getByText("Inga upphandlingar att visa status för.")
      .waitFor();
  } else {
    const chart = timeline.getByRole("img", { name: /^Tidslinje för \d+ upphandlingar$/ });
    await expect(chart.locator("desc").textContent()).resolves.toContain("dagens datum");
    await expect(chart.locator(".timeline-today").count()).resolves.toBe(1);
    await timeline.getByRole("table", { name: "Milstolpar per upphandling: planerat och faktiskt datum" }).waitFor();
  }

  // The demo seed has requirement sets in the member regions: a chart, and a table with the same total.
  const sets = panel(page, "Kravuppsättningar per status och region");
  const setsChart = sets.getByRole("img", { name: "Kravuppsättningar per status och region" });
  await setsChart.waitFor();
  const setsTable = sets.getByRole("table", { name: "Antal kravuppsättningar per region och status" });
  const barTotals = await setsChart
    .locator("g.chart-bar")
    .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute("data-total"))));
  const tableTotal = await footerTotal(setsTable);
  expect(tableTotal).toBeGreaterThan(0);
  expect(barTotals.reduce((sum, value) => sum + value, 0)).toBe(tableTotal);
  const tableRows = await setsTable.locator("tbody tr").count();
  expect(barTotals).toHaveLength(tableRows);

  await panel(page, "Granskningar och kommentarer")
    .getByRole("table", { name: "Väntande och försenade granskningar och olösta kommentarstrådar per region" })
    .waitFor();

  const standards = panel(page, "Gemensamma standarder");
  if ((await standards.locator("svg[role=img]").count()) === 0) {
    await standards.getByText("Samverkan har inte gjort någon standard gemensam ännu.").waitFor();
  } else {
    await standards.getByRole("img", { name: "Införande av gemensamma standarder" }).waitFor();
  }

  const lessons = panel(page, "Senaste lärdomar");
  if ((await lessons.getByRole("table").count()) === 0) {
    await lessons.getByText("Det finns inga lärdomar från samverkans regioner som du kan se.").waitFor();
  }
  await lessons.getByRole("link", { name: "Alla lärdomar" }).waitFor();
}

describe("the steering group's overview", () => {
  test("the 3R chair opens the overview from the collaboration page and reads every panel", async () => {
    const page = await freshPage();
    await signIn(page, "per.andersson@skane.example.se");
    const path = await openOverview(page, "3R");
    await page.getByRole("heading", { level: 1, name: "Styrgruppens översikt – 3R" }).waitFor();
    await page.getByText(/Medlemsregioner: .*Region Skåne/).waitFor();
    // The table of contents leads to each panel.
    const contents = page.getByRole("navigation", { name: "Innehåll" });
    await expect(contents.getByRole("link").count()).resolves.toBe(PANEL_HEADINGS.length);
    await expectPanels(page);

    // Paper: the menu, the table of contents and the print hint go; the charts stay.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("banner").isVisible()).resolves.toBe(false);
    await expect(contents.isVisible()).resolves.toBe(false);
    await expect(page.getByText("Utskriftsvänlig version", { exact: true }).isVisible()).resolves.toBe(false);
    await expect(
      panel(page, "Kravuppsättningar per status och region").getByRole("img").first().isVisible(),
    ).resolves.toBe(true);
    await page.emulateMedia({ media: "screen" });

    // The printable version is a link: no menu, no navigation at all, and it fits an A4 page's width.
    await page.getByRole("link", { name: "Utskriftsvänlig version", exact: true }).click();
    await page.waitForURL((url) => url.pathname === path && url.searchParams.get("print") === "1");
    await settle(page);
    await expectNoSeriousA11yViolations(page, "printable overview");
    await page.getByText(/^Utskriftsvänlig version utan meny\./).waitFor();
    await expect(page.getByRole("navigation").count()).resolves.toBe(0);
    await expect(page.getByRole("banner").isVisible()).resolves.toBe(false);
    await expect(page.getByRole("link", { name: "Logga ut" }).count()).resolves.toBe(0);
    await expectPanels(page);
    // A4 portrait less 10 mm margins each side is 190 mm, 718 CSS pixels: nothing may stick out.
    await page.setViewportSize({ width: 718, height: 1000 });
    await page.emulateMedia({ media: "print" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("link", { name: "Tillbaka till översikten" }).click();
    await page.waitForURL((url) => url.pathname === path && !url.searchParams.has("print"));
    await settle(page);
    await page.getByRole("navigation", { name: "Innehåll" }).waitFor();
  });

  test("a Sussa steering member reads the overview without the app's scripts", async () => {
    const page = await freshPage({ javaScript: false });
    await signIn(page, "kristina.larsson@orebro.example.se");
    await openOverview(page, "Sussa samverkan");
    await page.getByRole("heading", { level: 1, name: "Styrgruppens översikt – Sussa samverkan" }).waitFor();
    // The figures are in the server's HTML: the chart and the tables are there without a script.
    await expectPanels(page);
    await page.getByRole("link", { name: "Utskriftsvänlig version", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("print") === "1");
    await settle(page);
    await expectNoSeriousA11yViolations(page, "printable overview without scripts");
    await expect(page.getByRole("navigation").count()).resolves.toBe(0);
  });

  test("someone outside the collaboration gets the not-found page", async () => {
    const page = await freshPage();
    // Lars (VGR) is in 3R, not in Sussa: the Sussa overview does not exist for him.
    await signIn(page, "lars.nilsson@vgr.example.se");
    await visit(page, "/collaborations");
    await page.getByRole("link", { name: "Sussa samverkan", exact: true }).click();
    await page.waitForURL((url) => /^\/collaborations\/[0-9a-f-]{36}$/.test(url.pathname));
    await settle(page);
    await expect(page.getByRole("link", { name: "Styrgruppens översikt", exact: true }).count()).resolves.toBe(0);
    const response = await page.goto(`${new URL(page.url()).pathname}/overview`);
    expect(response?.status()).toBe(404);
    await settle(page);
    await expectNoSeriousA11yViolations(page, "overview not found");
  });

  test("a steering member follows a red procurement to its latest status report and its decision log", async () => {
    const page = await freshPage();
    await signIn(page, "per.andersson@skane.example.se");
    const overviewPath = await openOverview(page, "3R");
    // The status table lists red procurements first; take the first one.
    const status = panel(page, "Status och senaste statusrapport");
    const redRow = status
      .locator("tbody tr")
      .filter({ has: page.locator(".rag-red") })
      .first();
    await redRow.waitFor();
    const title = (await redRow.locator("th a").first().textContent())?.trim() ?? "";
    expect(title).not.toBe("");
    // The overview shows the latest report's period ("1 juli 2026 – 30 sep. 2026 · Rapportens status: Röd").
    const period = ((await redRow.locator(".overview-subline-strong").textContent()) ?? "").split("·")[0]?.trim() ?? "";
    expect(period).toMatch(/ – /);
    const decisionsLinkText = (await redRow.getByRole("link", { name: /^Beslutslogg/ }).textContent()) ?? "";
    const decisionCount = Number(/\((\d+)\)/.exec(decisionsLinkText)?.[1]);
    expect(decisionCount).toBeGreaterThan(0);

    await redRow.getByRole("link", { name: `Statusrapporter – ${title}` }).click();
    await page.waitForURL(
      (url) => /^\/procurements\/[0-9a-f-]{36}$/.test(url.pathname) && url.hash === "#status-reports",
    );
    await settle(page);
    await expectNoSeriousA11yViolations(page, "procurement from the overview");
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const reports = page.locator("#status-reports");
    const latest = reports.locator("article").first();
    // The newest report is at the top, marked as the latest, and it is the one the overview showed.
    await expect(latest.getByRole("heading", { level: 3 }).textContent()).resolves.toBe(`${period} Senaste`);
    await expect(latest.locator(".rag-red").count()).resolves.toBe(1);

    await visit(page, overviewPath);
    await panel(page, "Status och senaste statusrapport")
      .locator("tbody tr")
      .filter({ hasText: title })
      .getByRole("link", { name: /^Beslutslogg/ })
      .click();
    await page.waitForURL((url) => url.hash === "#decisions");
    await settle(page);
    const decisions = page.locator("#decisions");
    await decisions.getByRole("table", { name: `Beslut, senaste först (${decisionCount})` }).waitFor();
    await expect(decisions.locator("tbody tr").count()).resolves.toBe(decisionCount);
  });
});
