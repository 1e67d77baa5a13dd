import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { RunningServer } from "../support/spawn-server";

import {
  closePage,
  DEMO_PASSWORD,
  demoName,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  settle,
  signIn,
  signOut,
  startAppServer,
  visit,
} from "./support/browser";

let server: RunningServer;
let browser: Browser;
const pages: Page[] = [];

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

async function freshPage(): Promise<Page> {
  const page = await newPage(browser, server.url);
  pages.push(page);
  return page;
}

/** What each demo role's home page shows about them, besides the greeting. */
const ROLES = [
  {
    role: "platform admin",
    email: "plattform@samkrav.example.se",
    shows: "Du är plattformsadministratör och inte medlem i någon region.",
  },
  { role: "Skåne admin", email: "anna.lindqvist@skane.example.se", shows: "Din roll: Administratör" },
  { role: "Skåne editor", email: "erik.svensson@skane.example.se", shows: "Din roll: Redaktör" },
  { role: "Skåne viewer", email: "karin.holm@skane.example.se", shows: "Din roll: Läsare" },
  { role: "jurist", email: "johan.berg@skane.example.se", shows: "Din roll: Läsare · Jurist" },
  { role: "3R steering chair", email: "per.andersson@skane.example.se", shows: "Ordförande i styrgruppen" },
] as const;

describe("the accessibility check", () => {
  test("reports serious violations with rule, impact and element", async () => {
    const page = await freshPage();
    await page.setContent(
      '<html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1>' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">' +
        "</main></body></html>",
    );
    const error = await expectNoSeriousA11yViolations(page, "sanity").then(
      () => null,
      (reason: unknown) => (reason instanceof Error ? reason.message : String(reason)),
    );
    expect(error).toMatch(/image-alt \(critical\)/);
    expect(error).toMatch(/^ {4}img$/m);
    expect(error).toMatch(/label \(critical\)/);
    expect(error).toMatch(/^ {4}input$/m);
  });
});

describe("sign-in", () => {
  test.each(ROLES)("$role signs in and lands on the home page", async ({ email, shows }) => {
    const page = await freshPage();
    const response = await visit(page, "/");
    // Signed out: the home page sends the person to sign in, and back afterwards.
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/");
    expect(response.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Logga in");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("sv");

    await signIn(page, email);
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`Välkommen, ${demoName(email)}`);
    await expect(page.getByRole("main").textContent()).resolves.toContain(shows);
    await expectNoSeriousA11yViolations(page, "home");
  });

  test("the platform admin sees and opens Plattformsadministration", async () => {
    const page = await freshPage();
    await signIn(page, "plattform@samkrav.example.se");
    await expectNoSeriousA11yViolations(page, "home");
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    const adminLink = nav.getByRole("link", { name: "Plattformsadministration" });
    await adminLink.click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.getByRole("heading", { level: 1, name: "Plattformsadministration" }).waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page, "admin (client navigation)");
    await expect(adminLink.getAttribute("aria-current")).resolves.toBe("page");

    const response = await visit(page, "/admin");
    expect(response.status()).toBe(200);
    await expect(page.getByRole("table", { name: "Regioner" }).getByRole("row").count()).resolves.toBeGreaterThan(12);
  });

  test("a viewer has no Plattformsadministration link and /admin is refused", async () => {
    const page = await freshPage();
    await signIn(page, "karin.holm@skane.example.se");
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    await nav.getByRole("link", { name: "Medlemmar" }).waitFor();
    await expect(nav.getByRole("link", { name: "Plattformsadministration" }).count()).resolves.toBe(0);

    const response = await visit(page, "/admin");
    expect([403, 404]).toContain(response.status());
    await expect(page.getByRole("main").textContent()).resolves.not.toContain("Skapa region");
  });

  test("a wrong password shows an error next to the form and keeps the person signed out", async () => {
    const page = await freshPage();
    await visit(page, "/login");
    await page.getByLabel("E-postadress", { exact: true }).fill("erik.svensson@skane.example.se");
    await page.getByLabel("Lösenord", { exact: true }).fill("not-the-right-password");
    await page.getByRole("button", { name: "Logga in", exact: true }).click();

    const form = page.locator("form#login");
    const alert = form.getByRole("alert");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe("Fel e-postadress eller lösenord.");
    // The form points at its error for screen readers.
    const alertId = await alert.getAttribute("id");
    expect(alertId).toBeTruthy();
    await expect(form.getAttribute("aria-describedby")).resolves.toContain(alertId ?? "?");
    expect(new URL(page.url()).pathname).toBe("/login");
    // The e-mail address is kept for the next try.
    await expect(page.getByLabel("E-postadress", { exact: true }).inputValue()).resolves.toBe(
      "erik.svensson@skane.example.se",
    );
    await expectNoSeriousA11yViolations(page, "login with error");

    const home = await visit(page, "/");
    expect(home.url()).toContain("/login");
  });

  test("signing out returns to the sign-in page and ends the session", async () => {
    const page = await freshPage();
    await signIn(page, "erik.svensson@skane.example.se");
    await signOut(page);
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    await expectNoSeriousA11yViolations(page, "login after sign-out");

    await visit(page, "/account");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/account");
  });

  test("the language switch shows the site in English, remembers it, and switches back", async () => {
    const page = await freshPage();
    await visit(page, "/login");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await settle(page);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expectNoSeriousA11yViolations(page, "login in English");

    // The choice survives a fresh page load.
    await visit(page, "/login");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Sign in");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");

    await page.getByLabel("E-mail address", { exact: true }).fill("karin.holm@skane.example.se");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Welcome, Karin Holm" }).waitFor();
    await settle(page);
    await expectNoSeriousA11yViolations(page, "home in English");

    await visit(page, "/account");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expect(page.getByRole("button", { name: "Sign out" }).count()).resolves.toBe(1);

    await page.getByRole("button", { name: "Svenska" }).click();
    await page.getByRole("button", { name: "English" }).waitFor();
    await settle(page);
    expect(new URL(page.url()).pathname).toBe("/account");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("sv");
    await expectNoSeriousA11yViolations(page, "account in Swedish");

    await visit(page, "/");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Välkommen, Karin Holm");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("sv");
  });
});
