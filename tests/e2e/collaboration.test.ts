/**
 * Browser journeys of issue 4: working across regions. A VGR member comments on a Skåne set with
 * an @mention picked from the autocomplete, and the mentioned person finds the notification; a
 * Sussa editor finds a Skåne requirement in the library, copies it, Skåne changes the source and
 * the copy's owner inspects the change and accepts it; a review round goes from invitation to
 * fastställd. axe-core runs on every page visited (`visit` and the explicit checks).
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

/** Waits for a navigation to a path matching `pattern` and for the page to settle. */
async function waitForPath(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForURL((url) => pattern.test(url.pathname));
  await settle(page);
}

/** Clicks a link or button and waits until the app is idle again. */
async function press(page: Page, target: Locator): Promise<void> {
  await target.click();
  await settle(page);
}

/** The id of a demo set, read off the library's set list as the signed-in user sees it. */
async function openSharedSet(page: Page, title: string): Promise<string> {
  await visit(page, "/library");
  await press(page, page.getByRole("link", { name: title, exact: true }).first());
  await waitForPath(page, /^\/sets\/[0-9a-f-]{36}$/);
  const match = /^\/sets\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a set page: ${page.url()}`);
  return match[1];
}

describe("working across regions", () => {
  test("a VGR member mentions a Skåne editor in a comment; the editor is notified and follows the link", async () => {
    const lars = await freshPage();
    await signIn(lars, "lars.nilsson@vgr.example.se");
    const setId = await openSharedSet(lars, SKANE_SET_TITLE);
    await visit(lars, `/sets/${setId}/comments`);

    const comment = `Bra att loggningen finns med. @Fatima`;
    const box = lars.getByRole("combobox", { name: "Kommentar" });
    await box.click();
    await lars.keyboard.type(comment);
    // The autocomplete offers only people who can see the set; pick Fatima with the keyboard.
    const option = lars.getByRole("option", { name: /Fatima Haddad/ });
    await option.waitFor();
    await expect(box.getAttribute("aria-expanded")).resolves.toBe("true");
    await expectNoSeriousA11yViolations(lars, "mention suggestions");
    await lars.keyboard.press("Enter");
    await expect(box.inputValue()).resolves.toContain("@Fatima Haddad");
    await lars.keyboard.type(" kan du titta på formuleringen?");
    await settle(lars);
    await press(lars, lars.getByRole("button", { name: "Kommentera", exact: true }));
    await lars.getByRole("status").filter({ hasText: "Kommentaren är publicerad." }).first().waitFor();
    const posted = lars.locator("article").filter({ hasText: "kan du titta på formuleringen?" });
    await posted.first().waitFor();
    // The mention is shown as a name, never as the stored token.
    await expect(posted.first().textContent()).resolves.toContain("@Fatima Haddad");
    await expect(posted.first().textContent()).resolves.not.toContain("user:");
    await expectNoSeriousA11yViolations(lars, "comment posted");

    const fatima = await freshPage();
    await signIn(fatima, "fatima.haddad@skane.example.se");
    const header = fatima.getByRole("link", { name: /^Aviseringar\s*, \d+ olästa$/ });
    await header.waitFor().catch(async (error: unknown) => {
      const links = await fatima.getByRole("banner").getByRole("link").allTextContents();
      throw new Error(`no unread badge among the header links: ${links.join(" | ")}`, { cause: error });
    });
    await press(fatima, header);
    await waitForPath(fatima, /^\/notifications$/);
    await expectNoSeriousA11yViolations(fatima, "notifications");
    const item = fatima.getByRole("listitem").filter({ hasText: `Lars Nilsson nämnde dig i en kommentar om` }).first();
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain("Oläst");
    await press(fatima, item.getByRole("button", { name: "Öppna" }));
    await waitForPath(fatima, new RegExp(`^/sets/${setId}/comments$`));
    await fatima.locator("article").filter({ hasText: "kan du titta på formuleringen?" }).first().waitFor();
    await expectNoSeriousA11yViolations(fatima, "comments after notification");
  });

  test("a Sussa editor copies a Skåne requirement from the library, Skåne changes it, the copy's owner accepts", async () => {
    // Skåne's admin shares the VIS specification with all regions (it is shared with 3R only).
    const anna = await freshPage();
    await signIn(anna, "anna.lindqvist@skane.example.se");
    await visit(anna, "/sets");
    await press(anna, anna.getByRole("link", { name: SKANE_SET_TITLE, exact: true }));
    await waitForPath(anna, /^\/sets\/[0-9a-f-]{36}$/);
    const skaneSetId = /^\/sets\/([0-9a-f-]{36})$/.exec(new URL(anna.url()).pathname)?.[1] ?? "";
    await visit(anna, `/sets/${skaneSetId}/share`);
    await anna.getByLabel(/^Delad med samverkan/).check();
    await anna.getByLabel("Samverkan", { exact: true }).selectOption({ label: "Alla regioner" });
    await anna.getByLabel("Jag förstår att den delade versionen kan bli allmän handling").check();
    await press(anna, anna.getByRole("button", { name: "Spara delning", exact: true }));
    await anna.getByRole("status").filter({ hasText: "Delningen är ändrad." }).first().waitFor();

    // Halland (Sussa) finds it through library search and copies it into its draft.
    const martin = await freshPage();
    await signIn(martin, "martin.carlsson@halland.example.se");
    await visit(martin, "/library");
    await martin.getByLabel("Sök i biblioteket", { exact: true }).fill("taligenkänning");
    await press(martin, martin.getByRole("button", { name: "Sök", exact: true }));
    await martin.waitForURL((url) => url.searchParams.get("q") === "taligenkänning");
    await settle(martin);
    await expectNoSeriousA11yViolations(martin, "library search");
    const hit = martin.locator("li.library-result").filter({ hasText: "Taligenkänning på svenska" }).first();
    await hit.waitFor();
    // The match is highlighted (a <mark>), not inserted as HTML from the database.
    await expect(hit.locator("mark").count()).resolves.toBeGreaterThan(0);
    await hit.getByRole("checkbox").check();
    await press(martin, martin.getByRole("button", { name: "Kopiera valda krav…" }));
    await waitForPath(martin, /^\/library\/copy$/);
    await expectNoSeriousA11yViolations(martin, "copy confirmation");
    await martin
      .getByLabel("Kopiera till", { exact: true })
      .selectOption({ label: "Halland – tilläggsmoduler till vårdinformationsstödet, kravunderlag (Region Halland)" });
    await press(martin, martin.getByRole("button", { name: "Kopiera", exact: true }));
    await martin.getByRole("status").filter({ hasText: "1 krav kopierades." }).first().waitFor();
    const copyLink = martin.getByRole("link", { name: /Taligenkänning på svenska$/ }).first();
    await copyLink.waitFor();
    await press(martin, copyLink);
    await waitForPath(martin, /^\/sets\/[0-9a-f-]{36}\/requirements\/[0-9a-f-]{36}$/);
    const copyPath = new URL(martin.url()).pathname;
    await expect(martin.getByRole("main").textContent()).resolves.toMatch(
      /Från Kravspecifikation vårdinformationssystem \(VIS\) – SDV, \S+ v\d+/,
    );
    await expectNoSeriousA11yViolations(martin, "copy with provenance");

    // Skåne's editor changes the source's text.
    const erik = await freshPage();
    await signIn(erik, "erik.svensson@skane.example.se");
    await visit(erik, `/sets/${skaneSetId}`);
    await press(erik, erik.getByRole("link", { name: /Taligenkänning på svenska$/ }).first());
    await waitForPath(erik, /\/requirements\/[0-9a-f-]{36}$/);
    await press(erik, erik.getByRole("link", { name: "Ändra", exact: true }));
    await waitForPath(erik, /\/edit$/);
    await erik
      .getByLabel("Kravtext", { exact: true })
      .fill("Systemet bör erbjuda svensk taligenkänning med medicinsk ordlista direkt i journalanteckningen.");
    await press(erik, erik.getByRole("button", { name: "Spara krav", exact: true }));
    await waitForPath(erik, /\/requirements\/[0-9a-f-]{36}$/);

    // Halland sees the flag, inspects the word diff and accepts.
    await visit(martin, copyPath);
    await martin.getByText("Källan har ändrats", { exact: true }).first().waitFor();
    await press(martin, martin.getByRole("link", { name: "Jämför med källan" }).first());
    await waitForPath(martin, /\/source$/);
    // The router is idle once the URL changes, but React may commit the new page a moment
    // later (navigations render in a transition), so wait for the inserted words to appear.
    // waitFor fails the test with a timeout when the words never show as inserted.
    await martin.locator("ins", { hasText: "medicinsk" }).first().waitFor();
    await expectNoSeriousA11yViolations(martin, "source changed");
    await press(martin, martin.getByRole("button", { name: "Ta in källans ändringar", exact: true }));
    await martin
      .getByRole("status")
      .filter({ hasText: /Kopian har källans innehåll från version \d+\./ })
      .first()
      .waitFor();
    await visit(martin, copyPath);
    await expect(martin.locator("article.requirement").textContent()).resolves.toContain("medicinsk ordlista");
    await expect(martin.getByText("Källan har ändrats", { exact: true }).count()).resolves.toBe(0);
  });

  test("a review round goes from invitation to fastställd", async () => {
    const stockholmDate = (date: Date) =>
      new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(date);
    const today = stockholmDate(new Date());
    const due = stockholmDate(new Date(Date.now() + 14 * 24 * 3600 * 1000));
    const title = "Granskningsprov 3R – e-tjänster";

    // VGR's editor writes a small set; VGR's admin shares it with 3R.
    const lars = await freshPage();
    await signIn(lars, "lars.nilsson@vgr.example.se");
    await visit(lars, "/sets");
    await lars.getByLabel("Namn", { exact: true }).fill(title);
    await press(lars, lars.getByRole("button", { name: "Skapa kravuppsättning" }));
    await waitForPath(lars, /^\/sets\/[0-9a-f-]{36}$/);
    const setId = /^\/sets\/([0-9a-f-]{36})$/.exec(new URL(lars.url()).pathname)?.[1] ?? "";
    await visit(lars, `/sets/${setId}/requirements/new`);
    await lars.getByLabel("Krav-id", { exact: true }).fill("IN-001");
    await lars.getByLabel("Rubrik", { exact: true }).fill("Tidbokning via 1177");
    await lars.getByLabel("Kravtext", { exact: true }).fill("Systemet ska kunna ta emot tidbokningar från 1177.");
    await press(lars, lars.getByRole("button", { name: "Spara krav" }));
    await waitForPath(lars, new RegExp(`^/sets/${setId}$`));

    const maria = await freshPage();
    await signIn(maria, "maria.johansson@vgr.example.se");
    await visit(maria, `/sets/${setId}/share`);
    await maria.getByLabel(/^Delad med samverkan/).check();
    await maria.getByLabel("Samverkan", { exact: true }).selectOption({ label: "3R" });
    await maria.getByLabel("Jag förstår att den delade versionen kan bli allmän handling").check();
    await press(maria, maria.getByRole("button", { name: "Spara delning", exact: true }));
    await maria.getByRole("status").filter({ hasText: "Delningen är ändrad." }).first().waitFor();

    // Lars sends it for review to a member of the 3R steering group.
    await visit(lars, `/sets/${setId}/reviews`);
    await lars.getByLabel("Svara senast", { exact: true }).fill(due);
    await lars.getByLabel("Meddelande till granskarna", { exact: true }).fill("Särskilt e-tjänsterna.");
    await lars.getByRole("checkbox", { name: /^Helena Bergström/ }).check();
    await expect(lars.getByRole("checkbox", { name: "Obligatorisk – Helena Bergström" }).isChecked()).resolves.toBe(
      true,
    );
    await press(lars, lars.getByRole("button", { name: "Skicka på granskning", exact: true }));
    await lars
      .getByRole("status")
      .filter({ hasText: "Uppsättningen är skickad på granskning till 1 granskare." })
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(lars, "round opened");

    // Helena is notified, approves, and (as the steering group) fastställer the approved baseline.
    const helena = await freshPage();
    await signIn(helena, "helena.bergstrom@vgr.example.se");
    await visit(helena, "/notifications");
    const invitation = helena
      .getByRole("listitem")
      .filter({ hasText: `Du är inbjuden att granska ${title}` })
      .first();
    await invitation.waitFor();
    await press(helena, invitation.getByRole("button", { name: "Öppna" }));
    await waitForPath(helena, new RegExp(`^/sets/${setId}/reviews/[0-9a-f-]{36}$`));
    await expectNoSeriousA11yViolations(helena, "round page for a reviewer");
    await helena.getByRole("radio", { name: "Godkänn", exact: true }).check();
    await press(helena, helena.getByRole("button", { name: "Lämna beslut", exact: true }));
    await helena
      .getByRole("status")
      .filter({ hasText: "Alla obligatoriska granskare har godkänt och uppsättningen är godkänd." })
      .first()
      .waitFor();
    await expect(helena.locator(".set-meta").textContent()).resolves.toContain("Godkänd");
    await helena.getByLabel("Beslutsreferens", { exact: true }).fill("Styrgruppen 3R 2026-11-26 § 2");
    await helena.getByLabel("Beslutsdatum", { exact: true }).fill(today);
    await press(helena, helena.getByRole("button", { name: "Fastställ baslinjen", exact: true }));
    await helena
      .getByRole("status")
      .filter({ hasText: /är fastställd\./ })
      .first()
      .waitFor();
    await helena.getByText("Fastställd av Styrgruppen 3R, beslut Styrgruppen 3R 2026-11-26 § 2").first().waitFor();
    await expectNoSeriousA11yViolations(helena, "established");

    // The owner's editor is told of the decision.
    await visit(lars, "/notifications");
    await lars
      .getByRole("listitem")
      .filter({ hasText: `Helena Bergström har godkänt ${title}` })
      .first()
      .waitFor();
  });
});
