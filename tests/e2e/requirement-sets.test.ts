import type { Browser, Locator, Page, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { RunningServer } from "../support/spawn-server";

import {
  closePage,
  demoName,
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

const SKANE_EDITOR = "erik.svensson@skane.example.se";
const OTHER_SKANE_EDITOR = "fatima.haddad@skane.example.se";

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

/** A page that records every response with a 5xx status, so a test can assert there were none. */
async function freshPage({ javaScript = true }: { javaScript?: boolean } = {}): Promise<{
  page: Page;
  serverErrors: string[];
}> {
  const page = await newPage(browser, server.url, { javaScript });
  pages.push(page);
  const serverErrors: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500)
      serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return { page, serverErrors };
}

function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Moves focus to `target` with Tab or Shift+Tab only (whichever way it lies from the focused
 * element in document order).
 */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await target.waitFor();
  const behind = await target.evaluate((element) => {
    const active = document.activeElement;
    if (!active || active === document.body) return false;
    return Boolean(active.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING);
  });
  for (const key of behind ? ["Shift+Tab", "Tab"] : ["Tab", "Shift+Tab"]) {
    for (let step = 0; step < max; step += 1) {
      if (await isFocused(target)) return;
      await page.keyboard.press(key);
    }
  }
  if (await isFocused(target)) return;
  const name = await target.evaluate((element) => element.outerHTML.slice(0, 200));
  throw new Error(`could not reach ${name} with the keyboard on ${page.url()}`);
}

/** Focuses a text field with Tab, selects what is in it and types `text` over it. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  if (text === "") await page.keyboard.press("Delete");
  else await page.keyboard.type(text);
  await expect(field.inputValue()).resolves.toBe(text);
  await settleAfterTyping(page);
}

/**
 * Typing sends a keep-alive (a fetcher POST, then a revalidation of the page's loaders). A person
 * does not submit within those few milliseconds; a test must wait for them, or it races them
 * (see the report: a submission redirecting while that revalidation runs can leave a blank page).
 */
async function settleAfterTyping(page: Page): Promise<void> {
  await settle(page);
}

/** Focuses a (closed) select with Tab and walks to the option with `value` using the arrow keys. */
async function chooseWithKeyboard(page: Page, select: Locator, value: string): Promise<void> {
  await tabTo(page, select);
  const values = await select
    .locator("option")
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  const wanted = values.indexOf(value);
  if (wanted < 0) throw new Error(`no option ${value} among ${values.join(", ")}`);
  for (let step = 0; step <= values.length; step += 1) {
    const current = values.indexOf(await select.inputValue());
    if (current === wanted) return;
    await page.keyboard.press(current < wanted ? "ArrowDown" : "ArrowUp");
  }
  throw new Error(`could not choose ${value} with the arrow keys`);
}

/** Activates a link or button with Enter after reaching it with Tab, and waits for the page. */
async function activate(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

/** The POST that a form submission makes to `path` (a document request or Remix's `.data` fetch). */
function waitForPost(page: Page, path: string): Promise<Response> {
  return page.waitForResponse((response) => {
    if (response.request().method() !== "POST") return false;
    const pathname = new URL(response.url()).pathname.replace(/\.data$/, "");
    return pathname === path;
  });
}

function setTab(page: Page, name: string): Locator {
  return page.getByRole("navigation", { name: "Kravuppsättningens delar" }).getByRole("link", { name, exact: true });
}

function setIdFrom(page: Page): string {
  const match = /^\/sets\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a set page: ${page.url()}`);
  return match[1];
}

async function waitForPath(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForURL((url) => pattern.test(url.pathname));
  await settle(page);
}

type NewRequirement = {
  section: string;
  area: string;
  ref: string;
  title: string;
  text: string;
  obligation: "ska" | "bor";
};

/** Quick set-up with mouse and fill (journeys 2 and 3 test other things). */
async function createSetQuickly(page: Page, title: string): Promise<string> {
  await visit(page, "/sets");
  await page.getByLabel("Namn", { exact: true }).fill(title);
  await settleAfterTyping(page);
  await page.getByRole("button", { name: "Skapa kravuppsättning" }).click();
  await waitForPath(page, /^\/sets\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { level: 1, name: title, exact: true }).waitFor();
  return setIdFrom(page);
}

async function addRequirementQuickly(page: Page, setId: string, ref: string, title: string, text: string) {
  await visit(page, `/sets/${setId}/requirements/new`);
  await page.getByLabel("Krav-id", { exact: true }).fill(ref);
  await page.getByLabel("Rubrik", { exact: true }).fill(title);
  await page.getByLabel("Kravtext", { exact: true }).fill(text);
  await settleAfterTyping(page);
  await page.getByRole("button", { name: "Spara krav" }).click();
  await waitForPath(page, /^\/sets\/[0-9a-f-]{36}$/);
  const link = page.getByRole("link", { name: `${ref} ${title}` });
  await link.waitFor();
  const href = (await link.getAttribute("href")) ?? "";
  const requirementId = href.split("/").pop() ?? "";
  expect(requirementId).toMatch(/^[0-9a-f-]{36}$/);
  return requirementId;
}

describe("requirement sets", () => {
  test("keyboard only: create a set, sections and requirements, baseline, edit and compare", async () => {
    const { page, serverErrors } = await freshPage();
    await signIn(page, SKANE_EDITOR);
    await expectNoSeriousA11yViolations(page, "home");

    // Kravuppsättningar from the main menu.
    await activate(
      page,
      page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kravuppsättningar" }),
    );
    await page.getByRole("heading", { level: 1, name: "Kravuppsättningar i Region Skåne" }).waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page, "sets");

    // The create form: Tab to each field, type, submit with Enter.
    const setTitle = "Tangentbordsupphandling journalsystem";
    await typeInto(page, page.getByLabel("Namn", { exact: true }), setTitle);
    await typeInto(page, page.getByLabel("Beskrivning", { exact: true }), "Skapad enbart med tangentbordet.");
    const procurement = page.getByLabel("Upphandling", { exact: true });
    await typeInto(page, procurement, "RS 2026-0042");
    await page.keyboard.press("Enter");
    await waitForPath(page, /^\/sets\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: setTitle }).waitFor();
    const setId = setIdFrom(page);
    await expect(page.locator(".set-meta").textContent()).resolves.toContain("0 ska-krav, 0 bör-krav, 0 totalt");
    await expectNoSeriousA11yViolations(page, "new set");

    // Struktur: two sections.
    await activate(page, setTab(page, "Struktur"));
    await waitForPath(page, new RegExp(`^/sets/${setId}/sections$`));
    await page.getByRole("heading", { level: 1, name: "Avsnitt" }).waitFor();
    await expectNoSeriousA11yViolations(page, "sections");
    const sectionTitles = ["Funktion", "Säkerhet"];
    for (const [index, title] of sectionTitles.entries()) {
      await typeInto(page, page.getByLabel("Avsnittets namn", { exact: true }), title);
      await page.keyboard.press("Enter");
      await page
        .locator(".section-tree")
        .getByText(`${index + 1} ${title}`, { exact: true })
        .waitFor();
      await settle(page);
    }
    await expectNoSeriousA11yViolations(page, "sections with two");

    // Five requirements with "Lägg till krav".
    const requirements: NewRequirement[] = [
      {
        section: "1 Funktion",
        area: "IS",
        ref: "IS-001",
        title: "Journalåtkomst",
        text: "Systemet ska visa journalen inom två sekunder.",
        obligation: "ska",
      },
      {
        section: "1 Funktion",
        area: "IS",
        ref: "IS-002",
        title: "Utskrift",
        text: "Systemet ska kunna skriva ut journalanteckningar.",
        obligation: "ska",
      },
      {
        section: "1 Funktion",
        area: "TA",
        ref: "TA-001",
        title: "Tillgänglighet",
        text: "Gränssnittet bör uppfylla WCAG 2.1 AA.",
        obligation: "bor",
      },
      {
        section: "2 Säkerhet",
        area: "IS",
        ref: "IS-003",
        title: "Inloggningslogg",
        text: "Systemet ska logga varje inloggning.",
        obligation: "ska",
      },
      {
        section: "2 Säkerhet",
        area: "IN",
        ref: "IN-001",
        title: "Stark autentisering",
        text: "Leverantören bör stödja SITHS-kort.",
        obligation: "bor",
      },
    ];
    await activate(page, setTab(page, "Krav"));
    await waitForPath(page, new RegExp(`^/sets/${setId}$`));
    for (const requirement of requirements) {
      await activate(page, page.getByRole("link", { name: "Lägg till krav", exact: true }));
      await waitForPath(page, new RegExp(`^/sets/${setId}/requirements/new$`));
      await page.getByRole("heading", { level: 1, name: "Nytt krav" }).waitFor();
      await expectNoSeriousA11yViolations(page, "new requirement");
      const sectionSelect = page.getByLabel("Avsnitt", { exact: true });
      const sectionValue = await sectionSelect
        .locator("option", { hasText: requirement.section })
        .getAttribute("value");
      await chooseWithKeyboard(page, sectionSelect, sectionValue ?? "");
      await chooseWithKeyboard(page, page.getByLabel("Kravområde", { exact: true }), requirement.area);
      await typeInto(page, page.getByLabel("Krav-id", { exact: true }), requirement.ref);
      await typeInto(page, page.getByLabel("Rubrik", { exact: true }), requirement.title);
      await typeInto(page, page.getByLabel("Kravtext", { exact: true }), requirement.text);
      await chooseWithKeyboard(page, page.getByLabel("Ska eller bör", { exact: true }), requirement.obligation);
      await activate(page, page.getByRole("button", { name: "Spara krav", exact: true }));
      await waitForPath(page, new RegExp(`^/sets/${setId}$`));
      await page
        .getByRole("status")
        .filter({ hasText: `Kravet ${requirement.ref} är skapat.` })
        .first()
        .waitFor();
    }

    // The set page lists all five, with the counts.
    await activate(page, page.getByRole("link", { name: "Alla krav", exact: true }));
    // The link is `to="."` from the index route, which Remix resolves to `?index`.
    await page.waitForURL((url) => url.pathname === `/sets/${setId}` && !url.searchParams.has("section"));
    await settle(page);
    await expect(page.locator("#requirements-heading").textContent()).resolves.toContain("visar 5 av 5");
    await expect(page.locator(".set-meta").textContent()).resolves.toContain("3 ska-krav, 2 bör-krav, 5 totalt");
    const list = page.locator("ol.requirement-list > li.requirement-row");
    await expect(list.count()).resolves.toBe(5);
    for (const requirement of requirements) {
      await page.getByRole("link", { name: `${requirement.ref} ${requirement.title}`, exact: true }).waitFor();
    }
    await expectNoSeriousA11yViolations(page, "set with five requirements");

    // The outline filters by section, also through the delegated listener (client-side).
    await page.evaluate(() => Object.assign(window, { samkravOutlineNoReload: true }));
    const outline = page.getByRole("navigation", { name: "Innehåll" });
    await activate(page, outline.getByRole("link", { name: /^1 / }));
    await page.waitForURL((url) => url.pathname === `/sets/${setId}` && url.searchParams.has("section"));
    await settle(page);
    await expect(page.evaluate(() => "samkravOutlineNoReload" in window)).resolves.toBe(true);
    await expect(outline.getByRole("link", { name: /^1 / }).getAttribute("aria-current")).resolves.toBe("page");
    await activate(page, outline.getByRole("link", { name: "Alla krav", exact: true }));
    await page.waitForURL((url) => url.pathname === `/sets/${setId}` && !url.searchParams.has("section"));
    await settle(page);

    // A baseline.
    await activate(page, setTab(page, "Baslinjer"));
    await waitForPath(page, new RegExp(`^/sets/${setId}/baselines$`));
    await expectNoSeriousA11yViolations(page, "baselines");
    await typeInto(page, page.getByLabel("Namn", { exact: true }), "Till referensgruppen");
    await page.keyboard.press("Enter");
    await waitForPath(page, new RegExp(`^/sets/${setId}/baselines/[0-9a-f-]{36}$`));
    await page.getByRole("status").filter({ hasText: "Baslinjen Till referensgruppen är sparad." }).first().waitFor();
    await expectNoSeriousA11yViolations(page, "baseline");

    // Edit one requirement's text.
    const edited = requirements[3];
    if (!edited) throw new Error("missing requirement");
    await activate(page, setTab(page, "Krav"));
    await waitForPath(page, new RegExp(`^/sets/${setId}$`));
    // Row links are plain anchors with one delegated listener: Enter still navigates on the
    // client (the marker survives, so no new document was loaded).
    await page.evaluate(() => Object.assign(window, { samkravNoReload: true }));
    await activate(page, page.getByRole("link", { name: `${edited.ref} ${edited.title}`, exact: true }));
    await waitForPath(page, new RegExp(`^/sets/${setId}/requirements/[0-9a-f-]{36}$`));
    await expect(page.evaluate(() => "samkravNoReload" in window)).resolves.toBe(true);
    await expectNoSeriousA11yViolations(page, "requirement");
    await activate(page, page.getByRole("link", { name: "Ändra", exact: true }));
    await waitForPath(page, new RegExp(`^/sets/${setId}/requirements/[0-9a-f-]{36}/edit$`));
    await page.getByRole("heading", { level: 1, name: `Ändra ${edited.ref}` }).waitFor();
    await expectNoSeriousA11yViolations(page, "edit requirement");
    const newText = "Systemet ska logga varje misslyckad inloggning.";
    await typeInto(page, page.getByLabel("Kravtext", { exact: true }), newText);
    await activate(page, page.getByRole("button", { name: "Spara krav", exact: true }));
    await waitForPath(page, new RegExp(`^/sets/${setId}/requirements/[0-9a-f-]{36}$`));
    await expect(page.locator("article.requirement").textContent()).resolves.toContain(newText);

    // Jämför: the latest baseline against the working copy.
    await activate(page, setTab(page, "Jämför"));
    await waitForPath(page, new RegExp(`^/sets/${setId}/diff$`));
    const counts = page.getByTestId("diff-counts");
    await counts.waitFor();
    await expect(counts.locator(".diff-changed").textContent()).resolves.toBe("1 ändrade");
    await expect(counts.locator(".diff-added").textContent()).resolves.toBe("0 tillagda");
    await expect(counts.locator(".diff-removed").textContent()).resolves.toBe("0 borttagna");
    const entry = page.locator("article.diff-entry.diff-changed");
    await expect(entry.count()).resolves.toBe(1);
    await expect(entry.getByRole("heading").textContent()).resolves.toContain(`${edited.ref} ${edited.title}`);
    await expect(entry.locator("ins", { hasText: "misslyckad" }).count()).resolves.toBe(1);
    await expectNoSeriousA11yViolations(page, "diff");

    expect(serverErrors).toEqual([]);
  });

  test("two editors save the same requirement: the second sees the conflict and keeps their text", async () => {
    const erik = await freshPage();
    const fatima = await freshPage();
    await Promise.all([signIn(erik.page, SKANE_EDITOR), signIn(fatima.page, OTHER_SKANE_EDITOR)]);
    const setId = await createSetQuickly(erik.page, "Konfliktprov");
    const requirementId = await addRequirementQuickly(
      erik.page,
      setId,
      "IS-001",
      "Behörighet",
      "Systemet ska styra behörighet per vårdenhet.",
    );
    const editPath = `/sets/${setId}/requirements/${requirementId}/edit`;

    // Both open the same form.
    await visit(erik.page, editPath);
    await visit(fatima.page, editPath);

    // Erik saves first.
    const eriksText = "Systemet ska styra behörighet per vårdenhet och roll.";
    await erik.page.getByLabel("Kravtext", { exact: true }).fill(eriksText);
    await settleAfterTyping(erik.page);
    await erik.page.getByRole("button", { name: "Spara krav" }).click();
    await waitForPath(erik.page, new RegExp(`^/sets/${setId}/requirements/${requirementId}$`));
    await expect(erik.page.locator("article.requirement").textContent()).resolves.toContain(eriksText);

    // Fatima, still on the old version, saves hers.
    const fatimasText = "Systemet ska styra behörighet per vårdenhet med loggad nödåtkomst.";
    const textarea = fatima.page.getByLabel("Kravtext", { exact: true });
    await textarea.fill(fatimasText);
    await settleAfterTyping(fatima.page);
    // Her form must still be based on the version she opened: typing must not quietly rebase it.
    await expect(
      fatima.page.locator(`form#edit-requirement-${requirementId} input[name="baseVersion"]`).inputValue(),
    ).resolves.toBe("1");
    const [response] = await Promise.all([
      waitForPost(fatima.page, editPath),
      fatima.page.getByRole("button", { name: "Spara krav" }).click(),
    ]);
    expect(response.status()).toBe(409);
    const panel = fatima.page.locator("section.conflict");
    await panel.getByRole("heading", { name: "Någon annan har sparat kravet medan du skrev" }).waitFor();
    await settle(fatima.page);
    expect(new URL(fatima.page.url()).pathname).toBe(editPath);
    await expect(panel.getAttribute("role")).resolves.toBe("alert");
    await expect(panel.textContent()).resolves.toContain(demoName(SKANE_EDITOR));
    await expect(textarea.inputValue()).resolves.toBe(fatimasText);
    await expectNoSeriousA11yViolations(fatima.page, "conflict");

    // Fatima applies her change on top of Erik's version.
    await fatima.page.getByRole("button", { name: "Spara mina ändringar ovanpå den senaste" }).click();
    await waitForPath(fatima.page, new RegExp(`^/sets/${setId}/requirements/${requirementId}$`));
    const article = fatima.page.locator("article.requirement");
    await expect(article.textContent()).resolves.toContain(fatimasText);
    await expect(article.textContent()).resolves.toContain(`v3`);
    await expect(article.textContent()).resolves.toContain(demoName(OTHER_SKANE_EDITOR));
    await expectNoSeriousA11yViolations(fatima.page, "requirement after applying mine");

    expect([...erik.serverErrors, ...fatima.serverErrors]).toEqual([]);
  });

  test("bad input: an empty title and a duplicate krav-id are refused next to the field, never a 500", async () => {
    const { page, serverErrors } = await freshPage();
    await signIn(page, SKANE_EDITOR);
    const setId = await createSetQuickly(page, "Felinmatning");
    await addRequirementQuickly(page, setId, "IS-001", "Första kravet", "Systemet ska finnas.");
    const newPath = `/sets/${setId}/requirements/new`;

    const expectFieldError = async (target: Page, label: string, message: string) => {
      const input = target.getByLabel(label, { exact: true });
      const field = target.locator(".field", { has: input });
      await field.getByText(message, { exact: true }).waitFor();
      await expect(input.getAttribute("aria-invalid")).resolves.toBe("true");
      const describedBy = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
      const descriptions = await Promise.all(describedBy.map((id) => target.locator(`[id="${id}"]`).textContent()));
      expect(descriptions.join(" ")).toContain(message);
    };

    // Empty title, with the app's scripts: refused in the browser.
    await visit(page, newPath);
    await page.getByLabel("Krav-id", { exact: true }).fill("IS-002");
    await page.getByLabel("Kravtext", { exact: true }).fill("Systemet ska ha en rubrik.");
    await settleAfterTyping(page);
    await page.getByRole("button", { name: "Spara krav" }).click();
    await expectFieldError(page, "Rubrik", "Fältet måste fyllas i.");
    expect(new URL(page.url()).pathname).toBe(newPath);
    await expectNoSeriousA11yViolations(page, "empty title");

    // Empty title without scripts: the server refuses it with 400 and the same message.
    const plain = await freshPage({ javaScript: false });
    await signIn(plain.page, SKANE_EDITOR);
    await visit(plain.page, newPath);
    await plain.page.getByLabel("Krav-id", { exact: true }).fill("IS-002");
    await plain.page.getByLabel("Kravtext", { exact: true }).fill("Systemet ska ha en rubrik.");
    const [plainResponse] = await Promise.all([
      waitForPost(plain.page, newPath),
      plain.page.getByRole("button", { name: "Spara krav" }).click(),
    ]);
    expect(plainResponse.status()).toBe(400);
    await plain.page.waitForLoadState("load");
    await expectFieldError(plain.page, "Rubrik", "Fältet måste fyllas i.");
    await expectNoSeriousA11yViolations(plain.page, "empty title without scripts");

    // Duplicate krav-id: refused by the server with 409, the message next to the field.
    await visit(page, newPath);
    await page.getByLabel("Krav-id", { exact: true }).fill("is-001");
    await page.getByLabel("Rubrik", { exact: true }).fill("Dubblett");
    await page.getByLabel("Kravtext", { exact: true }).fill("Systemet ska inte få två krav med samma id.");
    await settleAfterTyping(page);
    const [duplicate] = await Promise.all([
      waitForPost(page, newPath),
      page.getByRole("button", { name: "Spara krav" }).click(),
    ]);
    expect(duplicate.status()).toBe(409);
    await expectFieldError(page, "Krav-id", "Det finns redan ett krav med detta krav-id i uppsättningen.");
    await settle(page);
    expect(new URL(page.url()).pathname).toBe(newPath);
    // What was typed is still there.
    await expect(page.getByLabel("Rubrik", { exact: true }).inputValue()).resolves.toBe("Dubblett");
    await expectNoSeriousA11yViolations(page, "duplicate ref");

    // Nothing was added.
    await visit(page, `/sets/${setId}`);
    await expect(page.locator(".set-meta").textContent()).resolves.toContain("1 totalt");

    expect([...serverErrors, ...plain.serverErrors]).toEqual([]);
  });
});
