/**
 * Browser journeys of the lessons feature (issue 5): a Skåne editor links a standard and a lesson
 * to a requirement and sees the lesson surface in the edit form and on the requirement page; the
 * lessons list, filtered in the URL, leads to a lesson and the requirements written because of
 * it; a requirement pinned to an older standard version says a newer one exists. axe-core runs on
 * every page visited (`visit` and the explicit checks after clicks).
 */
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

/** Clicks a link or button, waits until the app is idle again and checks the page with axe. */
async function press(page: Page, target: Locator): Promise<void> {
  await target.click();
  await settle(page);
  await expectNoSeriousA11yViolations(page);
}

/** Opens a requirement of the Skåne VIS set from Erik's workspace: set, outline section, requirement. */
async function openSkaneRequirement(page: Page, section: string, ref: string): Promise<void> {
  await visit(page, "/sets");
  await press(page, page.getByRole("link", { name: SKANE_SET_TITLE, exact: true }));
  await press(page, page.getByRole("navigation").getByRole("link", { name: section }).first());
  await press(page, page.getByRole("link", { name: new RegExp(`^${ref} `) }));
  await page.getByRole("heading", { level: 1, name: new RegExp(`^${ref} `) }).waitFor();
}

/** The option of a select whose text matches `pattern`, e.g. the current version of a standard. */
async function findOption(select: Locator, pattern: RegExp): Promise<{ value: string; text: string }> {
  const options = await select
    .locator("option")
    .evaluateAll((nodes) =>
      nodes.map((node) => ({ value: (node as HTMLOptionElement).value, text: node.textContent ?? "" })),
    );
  const option = options.find((candidate) => pattern.test(candidate.text));
  if (!option) throw new Error(`no option matching ${pattern}: ${options.map((o) => o.text).join(" | ")}`);
  return option;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const USABILITY_LESSON = "Användbarheten klarade inte tester i verklig vårdmiljö";

describe("lessons and a requirement's links", () => {
  test("an editor links a standard and a lesson to a requirement and sees the lesson surface in the edit form", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    // BS-003 (alarm fatigue): the usability lesson (area TA) does not surface on a BS requirement by itself.
    await openSkaneRequirement(page, "Beslutsstöd", "BS-003");
    await press(page, page.getByRole("link", { name: "Ändra", exact: true }));
    const surfaced = page.getByRole("region", { name: "Lärdomar att tänka på" });
    await surfaced.waitFor();
    expect(await surfaced.getByText(USABILITY_LESSON).count()).toBe(0);

    const standardSelect = page.getByLabel("Standard och version");
    // The medical-device regulation, at the catalogue's current version (the first option of its group).
    const mdr = await findOption(standardSelect, /MDR|2017\/745/);
    const code = mdr.text.split(" – ")[0] ?? "";
    await standardSelect.selectOption(mdr.value);
    await press(page, page.getByRole("button", { name: "Koppla standard" }));
    await page
      .getByRole("status")
      .filter({ hasText: `Kravet hänvisar nu till ${code}.` })
      .waitFor();
    const editor = page.getByRole("region", { name: "Standarder och lärdomar" });
    await editor.getByRole("button", { name: `Ta bort ${code}`, exact: true }).waitFor();

    const lessonSelect = page.getByLabel("Lärdom", { exact: true });
    await lessonSelect.selectOption((await findOption(lessonSelect, new RegExp(USABILITY_LESSON))).value);
    await press(page, page.getByRole("button", { name: "Koppla lärdom" }));
    await page.getByRole("status").filter({ hasText: "är kopplad till kravet" }).waitFor();

    // The lesson now surfaces in the edit form, marked as linked, with its recommendation.
    const item = page
      .getByRole("region", { name: "Lärdomar att tänka på" })
      .getByRole("listitem")
      .filter({ hasText: `Lärdom: ${USABILITY_LESSON}` });
    await item.waitFor();
    await item.getByText("Kopplad till kravet").waitFor();
    await item.getByText(/scenariotester med vårdpersonal/).waitFor();

    // And on the requirement page, with the standard; the lesson page lists the requirement.
    await press(page, page.getByRole("link", { name: "Avbryt" }));
    await page
      .getByRole("region", { name: "Lärdomar", exact: true })
      .getByRole("link", { name: `Lärdom: ${USABILITY_LESSON}` })
      .waitFor();
    await page
      .getByRole("region", { name: "Standarder", exact: true })
      .getByRole("link", { name: new RegExp(escapeRegExp(code)) })
      .waitFor();
    await press(page, page.getByRole("link", { name: `Lärdom: ${USABILITY_LESSON}` }));
    await page.getByRole("heading", { level: 1, name: `Lärdom: ${USABILITY_LESSON}` }).waitFor();
    const linked = page.getByRole("table", { name: /Kopplade krav som du kan se/ });
    await linked.getByRole("link", { name: /BS-003/ }).waitFor();
    await linked.getByRole("link", { name: /TA-002/ }).waitFor();
  });

  test("the lessons list, filtered in the URL, leads to a lesson and the requirements written because of it", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    await visit(page, "/lessons");
    await page.getByRole("heading", { level: 1, name: "Lärdomar" }).waitFor();
    // Sussa keeps its own lessons: a Skåne editor sees the other eleven.
    await page.getByRole("status").filter({ hasText: "11 lärdomar matchar." }).waitFor();

    await page.getByLabel("Kravområden").selectOption("BL");
    await page.getByLabel("Allvarlighetsgrad").selectOption("high");
    await press(page, page.getByRole("button", { name: "Visa", exact: true }));
    expect(new URL(page.url()).searchParams.get("area")).toBe("BL");
    expect(new URL(page.url()).searchParams.get("severity")).toBe("high");
    const table = page.getByRole("table", { name: /Lärdomar \(1\)/ });
    await press(page, table.getByRole("link", { name: "Anpassningen till patientdatalagen underskattades" }));

    await page
      .getByRole("heading", { level: 1, name: "Lärdom: Anpassningen till patientdatalagen underskattades" })
      .waitFor();
    await page.getByText(/verifiera dem med demonstration före tilldelning/).waitFor();
    const requirementsTable = page.getByRole("table", { name: /Kopplade krav som du kan se/ });
    await requirementsTable.getByRole("link", { name: /BL-001 Åtkomst utifrån medarbetaruppdrag i HSA/ }).waitFor();
    await press(page, requirementsTable.getByRole("link", { name: /BL-001/ }).first());
    await page
      .getByRole("region", { name: "Lärdomar", exact: true })
      .getByRole("listitem")
      .filter({ hasText: "Anpassningen till patientdatalagen underskattades" })
      .getByText("Kopplad till kravet")
      .waitFor();
  });

  test("a requirement pinned to an older version of a standard says a newer one exists", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    await openSkaneRequirement(page, "Journalföring och dokumentation", "JF-001");
    await page
      .getByRole("region", { name: "Standarder", exact: true })
      .getByText(/^Nyare version finns: .+ \(kravet hänvisar till .+\)$/)
      .waitFor();
  });

  test("without JavaScript, a new lesson is written and the unverified flag shows", async () => {
    const page = await freshPage({ javaScript: false });
    await signIn(page, "erik.svensson@skane.example.se");
    await visit(page, "/lessons/new");
    await page.getByLabel("Titel", { exact: true }).fill("Otydligt ska-krav ledde till överprövning");
    await page
      .getByLabel("Lärdom", { exact: true })
      .fill("Ett ska-krav som kan läsas på två sätt går inte att förkasta ett anbud för.");
    await page.getByLabel("Länk till källan").fill("javascript:alert(1)");
    await press(page, page.getByRole("button", { name: "Spara lärdomen" }));
    await page.getByText("Ange en webbadress som börjar med https:// eller http://.").waitFor();
    await page
      .getByLabel("Länk till källan")
      .fill("https://upphandling24.se/fel-att-diska-anbud-pa-grund-av-otydligt-krav");
    await page.getByLabel("Uppgiften behöver verifieras").check();
    await page.getByLabel(/^KV – /).check();
    await press(page, page.getByRole("button", { name: "Spara lärdomen" }));
    await page.getByRole("heading", { level: 1, name: "Lärdom: Otydligt ska-krav ledde till överprövning" }).waitFor();
    await page.getByText("Uppgiften behöver verifieras").first().waitFor();
    await page.getByText("Privat").first().waitFor();
    const lessonPath = new URL(page.url()).pathname;

    // The edit page, and the share step (for Skåne's admin; an editor is not offered it).
    await expect(page.getByRole("link", { name: "Delning", exact: true }).count()).resolves.toBe(0);
    await press(page, page.getByRole("link", { name: "Redigera", exact: true }));
    await page.getByRole("heading", { level: 1, name: "Redigera lärdom" }).waitFor();
    await expect(page.getByLabel("Titel", { exact: true }).inputValue()).resolves.toBe(
      "Otydligt ska-krav ledde till överprövning",
    );
    const admin = await freshPage({ javaScript: false });
    await signIn(admin, "anna.lindqvist@skane.example.se");
    await visit(admin, lessonPath);
    await press(admin, admin.getByRole("link", { name: "Delning", exact: true }));
    await admin.getByRole("heading", { level: 1, name: "Dela lärdomen" }).waitFor();
  });
});
