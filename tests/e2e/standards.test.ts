/**
 * Browser journeys of the standards feature (issue 5): a reader goes from the catalogue, through
 * its URL filters and sorting, to a standard's page; Skåne's admin records the region's adoption
 * of a standard (with JavaScript off, as plain forms), and the adoption matrix changes in the SVG
 * grid, in its text alternative and in the equivalent table. axe-core runs on every page visited.
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

/** Clicks a link or button and waits until the page is idle again. */
async function press(page: Page, target: Locator): Promise<void> {
  await target.click();
  await settle(page);
}

async function waitForPath(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForURL((url) => pattern.test(url.pathname));
  await settle(page);
}

/** What the matrix shows for one region and standard, in the SVG grid and in the table. */
async function matrixState(page: Page, regionShortName: string, code: string) {
  const cell = page.locator(
    `svg.matrix-chart g.matrix-cell[data-region="${regionShortName}"][data-standard="${code}"]`,
  );
  const table = page.locator("table.matrix-table");
  const headers = await table.locator("thead th").allTextContents();
  const column = headers.indexOf(regionShortName);
  if (column < 0) throw new Error(`no column ${regionShortName} in ${headers.join(", ")}`);
  const row = table.locator("tbody tr").filter({ has: page.getByRole("link", { name: code, exact: true }) });
  const tableCell = row.locator("th, td").nth(column);
  return {
    svgClass: (await cell.getAttribute("class")) ?? "",
    svgLetter: await cell.locator("text.matrix-letter").textContent(),
    svgTitle: await cell.locator("title").textContent(),
    tableText: (await tableCell.locator(".visually-hidden").allTextContents()).join(""),
    summary: (await page.locator("#matrix-chart-desc").textContent()) ?? "",
    deviationsHeading: (await page.locator("#matrix-deviations-heading").textContent()) ?? "",
  };
}

/** Chooses the 3R collaboration in the matrix's filter and shows it (a GET form: the filter is in the URL). */
async function show3R(page: Page): Promise<void> {
  await visit(page, "/standards/matrix");
  await page.getByLabel("Samverkan", { exact: true }).selectOption({ label: "3R" });
  await press(page, page.getByRole("button", { name: "Visa", exact: true }));
  await page.waitForURL((url) => url.searchParams.has("collaboration"));
  await settle(page);
  await expectNoSeriousA11yViolations(page, "matrix for 3R");
}

describe("standards", () => {
  test("a reader filters and sorts the catalogue through the URL and opens a standard's page", async () => {
    const karin = await freshPage();
    await signIn(karin, "karin.holm@skane.example.se");
    await visit(karin, "/standards");
    await expect(karin.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Standarder");
    // A viewer may read the catalogue but not add to it.
    await expect(karin.getByRole("link", { name: "Ny standard" }).count()).resolves.toBe(0);

    await karin.getByLabel("Kategori", { exact: true }).selectOption({ value: "terminology" });
    await press(karin, karin.getByRole("button", { name: "Visa", exact: true }));
    await karin.waitForURL((url) => url.searchParams.get("category") === "terminology");
    await settle(karin);
    await expectNoSeriousA11yViolations(karin, "catalogue filtered");
    const codes = async () => karin.locator("table.standards-table tbody th a").allTextContents();
    await expect(codes()).resolves.toEqual(["ATC", "ICD-10-SE", "ICD-11", "KVÅ", "SNOMED CT"]);
    await expect(karin.getByRole("status").filter({ hasText: "Antal standarder: 5" }).count()).resolves.toBe(1);

    // Sorting by lifecycle keeps the filter; the second click turns the order round.
    await press(karin, karin.getByRole("link", { name: /^Livscykel/ }));
    await karin.waitForURL((url) => url.searchParams.get("sort") === "lifecycle");
    await settle(karin);
    await expect(karin.locator("th[aria-sort]").textContent()).resolves.toContain("Livscykel");
    await expect(codes()).resolves.toEqual(["ATC", "ICD-10-SE", "KVÅ", "SNOMED CT", "ICD-11"]);
    await press(karin, karin.getByRole("link", { name: /^Livscykel/ }));
    await karin.waitForURL((url) => url.searchParams.get("dir") === "desc");
    await settle(karin);
    await expect(codes()).resolves.toEqual(["ICD-11", "ATC", "ICD-10-SE", "KVÅ", "SNOMED CT"]);
    await expectNoSeriousA11yViolations(karin, "catalogue sorted");

    await press(karin, karin.getByRole("link", { name: "SNOMED CT", exact: true }));
    await waitForPath(karin, /^\/standards\/[0-9a-f-]{36}$/);
    await expectNoSeriousA11yViolations(karin, "standard page");
    const main = karin.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("SNOMED CT");
    // Requirements written against the May 2024 release are flagged now that November's is current.
    await expect(main.textContent()).resolves.toMatch(/\d+ krav hänvisar till en äldre version\./);
    const linked = main.locator("#linked-requirements table");
    await expect(linked.getByRole("link", { name: /JF-001/ }).count()).resolves.toBe(1);
    await expect(linked.locator("tbody tr").first().textContent()).resolves.toContain("Äldre version");
    // The steering groups' decisions and every region's adoption.
    await expect(main.getByText("Styrgruppen 3R 2026-06-04 § 8", { exact: true }).count()).resolves.toBe(1);
    await expect(main.locator("#adoption tbody tr").count()).resolves.toBe(12);
    // A viewer gets no forms.
    await expect(main.getByRole("button").count()).resolves.toBe(0);
  });

  test("Skåne's admin records an adoption without JavaScript and the matrix changes, in the grid and the table", async () => {
    const anna = await freshPage({ javaScript: false });
    await signIn(anna, "anna.lindqvist@skane.example.se");

    // Before: Skåne is evaluating openEHR, which 3R recommends, so the matrix shows a deviation.
    await show3R(anna);
    const before = await matrixState(anna, "Skåne", "openEHR");
    expect(before.svgClass).toContain("status-evaluating");
    expect(before.svgClass).toContain("matrix-deviation");
    expect(before.svgLetter).toBe("U");
    expect(before.tableText).toContain("Utreds");
    expect(before.tableText).toContain("avviker från gemensam standard i 3R: rekommendation");
    const deviationsBefore = Number(/\((\d+)\)/.exec(before.deviationsHeading)?.[1]);
    const plannedBefore = Number(/Planerat: (\d+)/.exec(before.summary)?.[1]);

    // To the standard's page from the matrix's table.
    const row = anna.locator("table.matrix-table tbody tr").filter({
      has: anna.getByRole("link", { name: "openEHR", exact: true }),
    });
    await press(anna, row.getByRole("link", { name: "openEHR", exact: true }));
    await waitForPath(anna, /^\/standards\/[0-9a-f-]{36}$/);
    await expectNoSeriousA11yViolations(anna, "openEHR page");
    const standardPath = new URL(anna.url()).pathname;
    const form = anna.locator("form").filter({ hasText: "Registrera införande för Region Skåne" });

    // A date ahead is only for planned adoption: the error comes back next to the field.
    await form.getByRole("radio", { name: "Infört", exact: true }).check();
    await form.getByLabel("Datum", { exact: true }).fill("2099-01-01");
    await press(anna, form.getByRole("button", { name: "Spara införandet" }));
    const dateField = form.getByLabel("Datum", { exact: true });
    await expect(dateField.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(anna.getByRole("main").textContent()).resolves.toContain(
      "Datumet kan bara ligga efter dagens datum när införandet är planerat.",
    );
    await expectNoSeriousA11yViolations(anna, "adoption form with an error");

    await form.getByRole("radio", { name: "Planerat", exact: true }).check();
    await form.getByLabel("Datum", { exact: true }).fill("2027-09-01");
    await form
      .getByLabel("Anteckning", { exact: true })
      .fill("Förstudien är klar; införs med regionens gemensamma kliniska datalager.");
    await press(anna, form.getByRole("button", { name: "Spara införandet" }));
    await waitForPath(anna, new RegExp(`^${standardPath}$`));
    await anna
      .getByRole("status")
      .filter({ hasText: "Införandet av openEHR i Region Skåne är registrerat." })
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(anna, "adoption saved");
    const skaneRow = anna.locator("#adoption tbody tr").filter({ hasText: "Region Skåne" });
    await expect(skaneRow.textContent()).resolves.toContain("Planerat");
    await expect(skaneRow.textContent()).resolves.toContain("gemensamma kliniska datalager");

    // After: planned keeps Skåne in step with 3R; the grid, its text alternative and the table agree.
    await show3R(anna);
    const after = await matrixState(anna, "Skåne", "openEHR");
    expect(after.svgClass).toContain("status-planned");
    expect(after.svgClass).not.toContain("matrix-deviation");
    expect(after.svgLetter).toBe("P");
    expect(after.svgTitle).toContain("Planerat");
    expect(after.tableText).toBe("Planerat");
    expect(Number(/\((\d+)\)/.exec(after.deviationsHeading)?.[1])).toBe(deviationsBefore - 1);
    expect(Number(/Planerat: (\d+)/.exec(after.summary)?.[1])).toBe(plannedBefore + 1);
    await expect(
      anna
        .locator("section")
        .filter({ has: anna.locator("#matrix-deviations-heading") })
        .textContent(),
    ).resolves.not.toMatch(/Region Skåne\s*openEHR/);
  });

  test("a platform admin adds, edits and versions a standard; the 3R chair changes a common marking", async () => {
    const ingrid = await freshPage();
    await signIn(ingrid, "plattform@samkrav.example.se");
    await visit(ingrid, "/standards");
    await press(ingrid, ingrid.getByRole("link", { name: "Ny standard", exact: true }));
    await waitForPath(ingrid, /^\/standards\/new$/);
    await expectNoSeriousA11yViolations(ingrid, "new standard");
    const fill = async (label: string, value: string) => ingrid.getByLabel(label, { exact: true }).fill(value);
    // The catalogue already has HL7 FHIR: the code is refused, whatever its case, next to the field.
    await fill("Kod", "hl7 fhir");
    await fill("Namn", "International Patient Summary");
    await fill("Ägare", "HL7 International");
    await ingrid.getByLabel("Kategori", { exact: true }).selectOption({ label: "Interoperabilitet" });
    await ingrid.getByLabel("Livscykel", { exact: true }).selectOption({ label: "På väg in" });
    await fill("Länk", "https://hl7.org/fhir/uv/ips/");
    await fill("Gällande version", "1.1.0");
    await press(ingrid, ingrid.getByRole("button", { name: "Lägg till standarden" }));
    const code = ingrid.getByLabel("Kod", { exact: true });
    await expect(code.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(ingrid.getByRole("main").textContent()).resolves.toContain(
      "Det finns redan en standard med den koden i katalogen.",
    );
    await expectNoSeriousA11yViolations(ingrid, "new standard, duplicate code");
    await code.fill("IPS");
    await press(ingrid, ingrid.getByRole("button", { name: "Lägg till standarden" }));
    await waitForPath(ingrid, /^\/standards\/[0-9a-f-]{36}$/);
    await ingrid.getByRole("status").filter({ hasText: "Standarden IPS är tillagd i katalogen." }).first().waitFor();
    await expectNoSeriousA11yViolations(ingrid, "new standard's page");
    const standardPath = new URL(ingrid.url()).pathname;

    await press(ingrid, ingrid.getByRole("link", { name: "Redigera", exact: true }));
    await waitForPath(ingrid, /\/edit$/);
    await expectNoSeriousA11yViolations(ingrid, "edit standard");
    await fill("Beskrivning", "Sammanfattning av patientens viktigaste uppgifter för vård över gränser.");
    await press(ingrid, ingrid.getByRole("button", { name: "Spara", exact: true }));
    await waitForPath(ingrid, new RegExp(`^${standardPath}$`));
    await ingrid.getByRole("status").filter({ hasText: "Ändringarna i IPS är sparade." }).first().waitFor();
    await expect(ingrid.locator(".standard-details").textContent()).resolves.toContain("vård över gränser");

    await fill("Version", "2.0.0");
    await press(ingrid, ingrid.getByRole("button", { name: "Lägg till versionen" }));
    await ingrid.getByRole("status").filter({ hasText: "Version 2.0.0 är nu gällande." }).first().waitFor();
    await expect(ingrid.locator(".standard-details").textContent()).resolves.toContain("2.0.0");
    await expect(ingrid.locator("section").filter({ hasText: "Versioner" }).locator("tbody tr").count()).resolves.toBe(
      2,
    );
    await expectNoSeriousA11yViolations(ingrid, "version added");

    // The 3R steering group's chair raises WCAG 2.2 from recommendation to requirement.
    const per = await freshPage();
    await signIn(per, "per.andersson@skane.example.se");
    await visit(per, "/standards?q=WCAG+2.2");
    await press(per, per.getByRole("link", { name: "WCAG 2.2", exact: true }));
    await waitForPath(per, /^\/standards\/[0-9a-f-]{36}$/);
    await expectNoSeriousA11yViolations(per, "WCAG 2.2 as the 3R chair");
    const form = per.locator("form").filter({ hasText: "Standarden är gemensam som rekommendation." });
    await form.getByRole("radio", { name: "krav", exact: true }).check();
    await form.getByLabel("Beslutsreferens", { exact: true }).fill("Styrgruppen 3R 2026-12-01 § 3");
    await press(per, form.getByRole("button", { name: "Ändra beslutet" }));
    await per.getByRole("status").filter({ hasText: "Beslutet för 3R är registrerat" }).first().waitFor();
    const decisions = per.locator("table").filter({ hasText: "Beslutsreferens" });
    const threeR = decisions.locator("tbody tr").filter({ hasText: "3R" });
    await expect(threeR.textContent()).resolves.toContain("krav");
    await expect(threeR.textContent()).resolves.toContain("Styrgruppen 3R 2026-12-01 § 3");
    await expectNoSeriousA11yViolations(per, "common marking changed");
  });
});
