/**
 * Browser journeys of import and export (issue 6): an editor exports the Skåne set as XLSX and
 * DOCX and the downloads open in independent readers (exceljs, mammoth); an editor imports a
 * spreadsheet of her own with two bad rows, reads the row-by-row report, fixes how the file's
 * ska/bör words are read, and imports; the new set has the requirements; a 10,000-row file is
 * imported with a progress bar that counts the saved rows. axe-core runs on every page of the flow.
 */
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import { SKANE_SET_TITLE } from "../../db/seed/demo-titles";
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

async function freshPage(): Promise<Page> {
  const page = await newPage(browser, server.url);
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

async function press(page: Page, target: Locator): Promise<void> {
  await target.click();
  await settle(page);
  await expectNoSeriousA11yViolations(page);
}

/** Submits a form by its button and waits for the server's answer and the page after it. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), button.click()]);
  await settle(page);
  await expectNoSeriousA11yViolations(page);
}

/** Clicks a download button and returns the file's bytes and suggested name. */
async function download(page: Page, target: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), target.click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** A region's own spreadsheet: its own header words, a title row above them, two rows with an unknown ska/bör word. */
async function ownSpreadsheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Kravlista");
  sheet.addRow(["Krav för journalsystem, utkast från Region Skåne"]);
  sheet.addRow(["Kravnummer", "Rubrik", "Kravtext", "Ska/Bör", "Kravtyp", "Kravområde", "Verifiering", "Kommentar"]);
  const rows = [
    [
      "IS-101",
      "Loggning av åtkomst",
      "Systemet ska logga all åtkomst till patientuppgifter.",
      "Ska",
      "Teknisk",
      "IS",
      "Demonstration",
      "",
    ],
    [
      "IS-102",
      "Loggranskning",
      "Loggarna ska kunna granskas per patient.",
      "Bör",
      "Teknisk",
      "IS",
      "Demonstration",
      "Från förstudien",
    ],
    [
      "IS-103",
      "Spärrar",
      "Systemet ska hantera spärrar enligt patientdatalagen.",
      "Kanske",
      "Teknisk",
      "IS",
      "Scenariotest",
      "",
    ],
    ["IS-104", "Behörighet", "Behörigheter ska styras av roller.", "SKA", "Teknisk", "IS", "Demonstration", ""],
    ["IS-105", "Nödåtkomst", "Nödåtkomst ska loggas särskilt.", "Kanske", "Teknisk", "IS", "Demonstration", ""],
  ];
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A big CSV as Swedish Excel saves it: 10,000 requirements under a header of the region's own words. */
function bigCsv(rows: number): Buffer {
  const lines = ["Kravnummer;Rubrik;Kravtext;Ska/Bör;Kravtyp;Kravområde;Verifiering"];
  for (let index = 1; index <= rows; index += 1) {
    const ref = `IS-${String(index).padStart(5, "0")}`;
    lines.push(
      `${ref};Krav ${index};Systemet ska uppfylla krav nummer ${index} i förteckningen.;Ska;Teknisk;IS;Demonstration`,
    );
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`);
}

describe("import and export", () => {
  test("an editor exports the set as XLSX and DOCX, and both open in independent readers", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    await visit(page, "/sets");
    await press(page, page.getByRole("link", { name: SKANE_SET_TITLE, exact: true }));
    await press(page, page.getByRole("link", { name: "Exportera", exact: true }));
    await page.getByRole("heading", { level: 1, name: "Exportera" }).waitFor();

    const xlsx = await download(page, page.getByRole("button", { name: "Excel (.xlsx)" }));
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const requirementsSheet = workbook.getWorksheet("Krav");
    expect(requirementsSheet?.getRow(1).getCell(1).value).toBe("Kravnummer");
    expect(requirementsSheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(requirementsSheet?.rowCount ?? 0).toBeGreaterThan(10);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Krav", "Avsnitt", "Om uppsättningen"]);

    const docx = await download(page, page.getByRole("button", { name: "Word-bilaga (.docx)" }));
    expect(docx.name).toMatch(/\.docx$/);
    const { value: text } = await mammoth.extractRawText({ buffer: docx.bytes });
    expect(text).toContain("Bilaga kravspecifikation");
    expect(text).toContain(SKANE_SET_TITLE);
  });

  test("an editor imports her own spreadsheet: two bad rows, the report, a fixed mapping, the import", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    await visit(page, "/sets");
    await press(page, page.getByRole("link", { name: /importera en ny uppsättning från en fil/ }));
    await page.getByRole("heading", { level: 1, name: "Importera ny kravuppsättning" }).waitFor();
    await page.getByLabel("Fil att importera").setInputFiles({
      name: "journalkrav.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await ownSpreadsheet(),
    });
    // The upload answers with a document redirect: wait for the wizard page itself to load and hydrate.
    await Promise.all([
      page.waitForURL(/\/imports\//),
      page.getByRole("button", { name: "Ladda upp och granska" }).click(),
    ]);
    await settle(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("heading", { level: 1, name: "Importera journalkrav.xlsx" }).waitFor();

    // The report names both bad rows (5 and 7 as the spreadsheet numbers them, under a title row and the header), the column and the value.
    const report = page.getByRole("table", { name: "Fel och varningar per rad" });
    await expect(report.getByRole("row").filter({ hasText: "Kanske" }).count()).resolves.toBe(2);
    const badRows = report.getByRole("row").filter({ hasText: "Kanske" });
    await expect(badRows.locator("td:nth-child(1)").allInnerTexts()).resolves.toEqual(["5", "7"]);
    await expect(badRows.locator("td:nth-child(2)").allInnerTexts()).resolves.toEqual(["Ska/Bör", "Ska/Bör"]);
    await expect(page.getByRole("button", { name: "Importera 5 krav" }).isDisabled()).resolves.toBe(true);

    // Fix how the file's word is read: "Kanske" means a bör-krav.
    await page.getByLabel("Spara Kanske som").selectOption({ label: "Bör-krav" });
    // The choices form posts as a document (it works without JavaScript and reloads the whole preview).
    await Promise.all([
      page.waitForEvent("load"),
      page.getByRole("button", { name: "Uppdatera förhandsvisningen" }).click(),
    ]);
    await settle(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByText("Inga fel hittades.").waitFor();
    await page.getByText("5 krav i filen: 5 skapas, 0 ändras och 0 är oförändrade.").waitFor();

    await page.getByLabel("Namn på den nya kravuppsättningen").fill("Journalkrav från Excel");
    await submit(page, page.getByRole("button", { name: "Importera 5 krav" }));
    await page.getByRole("heading", { level: 1, name: "Journalkrav från Excel" }).waitFor();
    await page.getByText("Importen är klar: 5 nya, 0 ändrade och 0 oförändrade krav.").waitFor();
    await page.getByRole("link", { name: /^IS-103 Spärrar/ }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  test("a 10,000-row file imports with a progress bar that counts the rows as they are saved", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    await visit(page, "/sets");
    await press(page, page.getByRole("link", { name: /importera en ny uppsättning från en fil/ }));
    await page.getByLabel("Fil att importera").setInputFiles({
      name: "stor-kravlista.csv",
      mimeType: "text/csv",
      buffer: bigCsv(10_000),
    });
    await Promise.all([
      page.waitForURL(/\/imports\//),
      page.getByRole("button", { name: "Ladda upp och granska" }).click(),
    ]);
    await settle(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByText("Inga fel hittades.").waitFor();

    await page.getByLabel("Namn på den nya kravuppsättningen").fill("Stor kravlista");
    await page.getByRole("button", { name: /^Importera 10\s000 krav$/ }).click();
    // The bar counts while the rows are written (it asks the server twice a second).
    const count = page.getByTestId("import-progress-count");
    await count.waitFor();
    await expect(count.textContent()).resolves.toMatch(/^\d[\d\s]* av 10\s000 krav sparade$/);
    await expect(page.locator(".import-progress progress").getAttribute("max")).resolves.toBe("10000");
    await page.getByRole("heading", { level: 1, name: "Stor kravlista" }).waitFor({ timeout: 60_000 });
    await page.getByText(/^Importen är klar: 10\s000 nya, 0 ändrade och 0 oförändrade krav\.$/).waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page);
  });
});
