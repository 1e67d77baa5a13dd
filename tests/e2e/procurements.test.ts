/**
 * Browser journeys of the procurements (issue 5): the lead region's editor writes a röd status
 * report (first refused for a period that ends before it starts), finds it at the top of the
 * page's status reports and the procurement red in the list, then records a decision in the
 * decision log. The report is written with the app's scripts blocked, as plain HTML forms. axe-core
 * runs on every procurement page: list, page, new, edit, share, status report and milestone.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import { SUSSA_TITLE } from "../../db/seed/demo-titles";
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

async function press(page: Page, target: Locator): Promise<void> {
  await target.click();
  await settle(page);
}

async function waitForPath(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForURL((url) => pattern.test(url.pathname));
  await settle(page);
}

/** Opens the Sussa procurement from the list and returns its id. */
async function openSussa(page: Page): Promise<string> {
  await visit(page, "/procurements");
  await press(page, page.getByRole("link", { name: SUSSA_TITLE, exact: true }));
  await waitForPath(page, /^\/procurements\/[0-9a-f-]{36}$/);
  await expectNoSeriousA11yViolations(page, "procurement page");
  return /^\/procurements\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? "";
}

describe("procurements", () => {
  test("the lead region's editor writes a röd status report and finds it first on the page and red in the list", async () => {
    // Without the app's scripts: every form here is a plain HTML form.
    const hanna = await freshPage({ javaScript: false });
    await signIn(hanna, "hanna.eriksson@sormland.example.se");
    const id = await openSussa(hanna);
    const sussaRow = () => hanna.getByRole("row").filter({ hasText: SUSSA_TITLE });
    await expect(hanna.locator("#status-reports article").first().textContent()).resolves.toContain("Senaste");

    await press(hanna, hanna.getByRole("link", { name: "Skriv statusrapport" }).first());
    await waitForPath(hanna, new RegExp(`^/procurements/${id}/reports/new$`));
    await expectNoSeriousA11yViolations(hanna, "status report form");
    const summary =
      "Utbildningsgraden i Dalarna är 62 procent sex veckor före driftstart, och go/no-go-kriteriet är 90 procent. " +
      "Driftstarten kan inte genomföras enligt plan.";
    await hanna.getByLabel("Perioden börjar", { exact: true }).fill("2026-12-31");
    await hanna.getByLabel("Perioden slutar", { exact: true }).fill("2026-10-01");
    await hanna.getByRole("radio", { name: "Röd" }).check();
    await hanna.getByLabel("Sammanfattning", { exact: true }).fill(summary);
    await press(hanna, hanna.getByRole("button", { name: "Spara statusrapporten" }));
    // Refused next to the field, with everything typed kept.
    const endError = hanna.getByText("Periodens slut kan inte ligga före dess början.");
    await endError.waitFor();
    await expect(hanna.getByLabel("Perioden slutar", { exact: true }).getAttribute("aria-invalid")).resolves.toBe(
      "true",
    );
    await expect(hanna.getByLabel("Sammanfattning", { exact: true }).inputValue()).resolves.toBe(summary);
    await expectNoSeriousA11yViolations(hanna, "status report refused");

    await hanna.getByLabel("Perioden börjar", { exact: true }).fill("2026-10-01");
    await hanna.getByLabel("Perioden slutar", { exact: true }).fill("2026-12-31");
    await hanna.getByRole("radio", { name: "Röd" }).check();
    await hanna.getByLabel("Risker", { exact: true }).fill("Driftstarten i Dalarna skjuts.");
    await hanna.getByLabel("Nästa steg", { exact: true }).fill("Extra utbildningsinsatser; nytt go/no-go-möte.");
    await press(hanna, hanna.getByRole("button", { name: "Spara statusrapporten" }));
    await waitForPath(hanna, new RegExp(`^/procurements/${id}$`));
    await hanna
      .getByRole("status")
      .filter({ hasText: "Statusrapporten är sparad. Den gäller den senaste perioden" })
      .first()
      .waitFor();
    const newest = hanna.locator("#status-reports article").first();
    await expect(newest.textContent()).resolves.toContain(summary);
    await expect(newest.textContent()).resolves.toContain("Röd");
    await expect(newest.textContent()).resolves.toContain("Senaste");
    await expect(newest.textContent()).resolves.toContain("Hanna Eriksson");
    await expectNoSeriousA11yViolations(hanna, "report saved");

    await visit(hanna, "/procurements");
    await expect(sussaRow().textContent()).resolves.toContain("Röd");
    await expect(sussaRow().textContent()).resolves.not.toContain("Gul");
    // The RAG filter finds it among the red ones.
    await visit(hanna, "/procurements?rag=red");
    await sussaRow().waitFor();
  });

  test("the lead region's editor records a decision in the decision log", async () => {
    const hanna = await freshPage();
    await signIn(hanna, "hanna.eriksson@sormland.example.se");
    const id = await openSussa(hanna);
    const form = hanna.locator("form").filter({ has: hanna.getByRole("heading", { name: "För in beslut" }) });
    await form.getByLabel("Instans", { exact: true }).fill("Styrgruppen Sussa");
    await form.getByLabel("Beslutsreferens", { exact: true }).fill("Styrgruppen Sussa 2026-12-01 § 7");
    await form.getByLabel("Beslutsdatum", { exact: true }).fill("2026-12-01");
    await form
      .getByLabel("Sammanfattning", { exact: true })
      .fill("Driftstarten i Dalarna flyttas till april 2027 efter go/no-go-bedömningen.");
    await press(hanna, form.getByRole("button", { name: "För in beslut" }));
    await waitForPath(hanna, new RegExp(`^/procurements/${id}$`));
    await hanna.getByRole("status").filter({ hasText: "Beslutet är infört i beslutsloggen." }).first().waitFor();
    const firstDecision = hanna.locator("#decisions tbody tr").first();
    await expect(firstDecision.textContent()).resolves.toContain("Styrgruppen Sussa 2026-12-01 § 7");
    await expect(firstDecision.textContent()).resolves.toContain("Driftstarten i Dalarna flyttas");
    await expectNoSeriousA11yViolations(hanna, "decision recorded");

    // The other procurement pages, checked with axe: edit, a milestone, a new procurement.
    await visit(hanna, `/procurements/${id}/edit`);
    await expect(hanna.getByLabel("Namn på upphandlingen", { exact: true }).inputValue()).resolves.toBe(SUSSA_TITLE);
    await visit(hanna, `/procurements/${id}`);
    await press(
      hanna,
      hanna
        .locator("#milestones")
        .getByRole("link", { name: /^Ändra/ })
        .first(),
    );
    await waitForPath(hanna, new RegExp(`^/procurements/${id}/milestones/[0-9a-f-]{36}$`));
    await expectNoSeriousA11yViolations(hanna, "milestone form");
    await visit(hanna, "/procurements/new");
  });

  test("the lead region's admin reaches the share step; a participating region reads but cannot write", async () => {
    const fredrik = await freshPage();
    await signIn(fredrik, "fredrik.olsson@sormland.example.se");
    const id = await openSussa(fredrik);
    await visit(fredrik, `/procurements/${id}/share`);
    await expect(fredrik.getByLabel(/^Delad med samverkan/).isChecked()).resolves.toBe(true);

    const martin = await freshPage();
    await signIn(martin, "martin.carlsson@halland.example.se");
    await visit(martin, `/procurements/${id}`);
    await expect(martin.getByRole("link", { name: "Skriv statusrapport" }).count()).resolves.toBe(0);
    const response = await martin.goto(`/procurements/${id}/reports/new`);
    expect(response?.status()).toBe(403);
  });
});
