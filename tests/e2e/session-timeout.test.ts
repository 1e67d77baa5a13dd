import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { RunningServer } from "../support/spawn-server";

import {
  closePage,
  DEMO_PASSWORD,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  settle,
  signIn,
  startAppServer,
  visit,
} from "./support/browser";

const IDLE_SECONDS = 20;
const WARNING_SECONDS = 15;

let server: RunningServer;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startAppServer({
      SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS),
      SESSION_WARNING_SECONDS: String(WARNING_SECONDS),
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map(closePage));
});

async function freshPage(options: { javaScript?: boolean } = {}): Promise<Page> {
  const page = await newPage(browser, server.url, options);
  pages.push(page);
  return page;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The seconds the warning says are left ("Om 7 sekunder loggas du ut …"). */
async function secondsShown(page: Page): Promise<number> {
  const text = (await page.locator("#session-warning-body").textContent()) ?? "";
  const match = /Om (\d+) sekunder/.exec(text);
  if (!match?.[1]) throw new Error(`unexpected warning text: ${text}`);
  return Number(match[1]);
}

describe("session timeout", () => {
  test("warns before the idle timeout, and 'Fortsätt vara inloggad' keeps the session alive", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    const signedInAt = Date.now();

    const warning = page.getByRole("alertdialog", { name: "Du loggas snart ut" });
    await warning.waitFor({ timeout: 10_000 });
    const stay = warning.getByRole("button", { name: "Fortsätt vara inloggad" });
    // Focus moves to the way out, so a keyboard or screen-reader user can act at once.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? null))
      .toBe("Fortsätt vara inloggad");
    expect(await secondsShown(page)).toBeLessThanOrEqual(WARNING_SECONDS);
    await expectNoSeriousA11yViolations(page, "session warning");

    // Clicking as soon as the warning shows must extend the session for real (the server slides
    // the expiry on every keep-alive, not only once per 15 s).
    await stay.click();
    await warning.waitFor({ state: "detached" });
    await expect(page.getByRole("alertdialog").count()).resolves.toBe(0);

    // Past the moment the session would have ended without the click, it is still valid.
    await sleep(signedInAt + (IDLE_SECONDS + 2) * 1000 - Date.now());
    const response = await visit(page, "/account");
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/account");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Mitt konto");
  });

  test("without JavaScript, a form sent after the session ended asks to sign in again and keeps what was typed", async () => {
    const page = await freshPage({ javaScript: false });
    await signIn(page, SKANE_ADMIN);
    const membersPath = await openMembers(page);
    await page.getByLabel("E-postadress till den du bjuder in", { exact: true }).fill(NO_JS_EMAIL);
    await page.getByLabel("Roll", { exact: true }).selectOption({ label: "Läsare" });

    // The session ends: here by losing the cookie, which the server cannot tell from a timeout.
    await page.context().clearCookies();
    const [response] = await Promise.all([
      page.waitForNavigation({ url: (url) => url.pathname === membersPath }),
      page.getByRole("button", { name: "Skapa inbjudan" }).click(),
    ]);
    expect(response?.status()).toBe(401);
    await expectReauthPanel(page, NO_JS_EMAIL);

    const panel = page.locator("section.reauth");
    await panel.getByLabel("E-postadress", { exact: true }).fill(SKANE_ADMIN);
    await panel.getByLabel("Lösenord", { exact: true }).fill(DEMO_PASSWORD);
    await panel.getByRole("button", { name: "Logga in och skicka" }).click();
    // Without JavaScript the kept form waits for one press.
    await page.getByRole("heading", { level: 1, name: "Du är inloggad igen" }).waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page, "signed in again (no JavaScript)");
    await page.getByRole("button", { name: "Skicka formuläret" }).click();

    await expectInviteCreated(page, membersPath, NO_JS_EMAIL);
  });

  test("a form sent after the session timed out asks to sign in again and then sends what was typed", async () => {
    const page = await freshPage();
    await signIn(page, SKANE_ADMIN);
    const membersPath = await openMembers(page);
    await page.getByLabel("E-postadress till den du bjuder in", { exact: true }).fill(JS_EMAIL);
    await page.getByLabel("Roll", { exact: true }).selectOption({ label: "Läsare" });

    // No activity until the session has ended on the server; the page says so.
    const expired = page.getByRole("alertdialog", { name: "Du har loggats ut" });
    await expired.waitFor({ timeout: (IDLE_SECONDS + 10) * 1000 });
    await sleep(1_000);
    await expectNoSeriousA11yViolations(page, "session expired notice");

    await page.getByRole("button", { name: "Skapa inbjudan" }).click();
    await page.getByRole("heading", { level: 1, name: "Logga in igen" }).waitFor({ timeout: 5_000 });
    expect(new URL(page.url()).pathname).toBe(membersPath);
    await expectReauthPanel(page, JS_EMAIL);

    const panel = page.locator("section.reauth");
    await panel.getByLabel("E-postadress", { exact: true }).fill(SKANE_ADMIN);
    await panel.getByLabel("Lösenord", { exact: true }).fill(DEMO_PASSWORD);
    await panel.getByRole("button", { name: "Logga in och skicka" }).click();

    // Signed in, the kept form goes on to where it was going, without retyping.
    await expectInviteCreated(page, membersPath, JS_EMAIL);
  });
});

const SKANE_ADMIN = "anna.lindqvist@skane.example.se";
const NO_JS_EMAIL = "utan.skript@skane.example.se";
const JS_EMAIL = "ny.kollega@skane.example.se";

/** Opens Medlemmar from the main menu; returns the page's path. */
async function openMembers(page: Page): Promise<string> {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Medlemmar" }).click();
  await page.getByRole("heading", { level: 1, name: "Medlemmar i Region Skåne" }).waitFor();
  await settle(page);
  await expectNoSeriousA11yViolations(page, "members");
  return new URL(page.url()).pathname;
}

/** The "Logga in igen" panel, keeping the typed e-mail address and role (but no secrets). */
async function expectReauthPanel(page: Page, email: string): Promise<void> {
  const panel = page.locator("section.reauth");
  await page.getByRole("heading", { level: 1, name: "Logga in igen" }).waitFor();
  await settle(page);
  await expect(panel.getByRole("status").textContent()).resolves.toContain("Det du skrev är sparat");
  await expectNoSeriousA11yViolations(page, "reauth panel");

  // What was typed is kept, and can be checked before signing in.
  await panel.getByText(/^Visa det som sparats/).click();
  const kept = panel.locator("dl.kept-values");
  await kept.waitFor();
  await expect(kept.locator("dd").allTextContents()).resolves.toEqual(expect.arrayContaining([email, "viewer"]));
  await expectNoSeriousA11yViolations(page, "reauth panel with kept values");
}

async function expectInviteCreated(page: Page, membersPath: string, email: string): Promise<void> {
  const link = page.getByTestId("invite-link");
  await link.waitFor({ timeout: 30_000 });
  await settle(page);
  expect(new URL(page.url()).pathname).toBe(membersPath);
  await expect(link.textContent()).resolves.toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Inbjudan till ${email} är skapad` })
      .count(),
  ).resolves.toBe(1);
  await expect(
    page.getByRole("main").getByRole("listitem").filter({ hasText: email }).textContent(),
  ).resolves.toContain("Läsare");
  await expectNoSeriousA11yViolations(page, "members after the kept invite was sent");
}
