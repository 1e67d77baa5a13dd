import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { RunningServer } from "../support/spawn-server";

import {
  closePage,
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

const SKANE_ADMIN = "anna.lindqvist@skane.example.se";
/** Long, not on the common-password list. */
const NEW_PASSWORD = "Glasbruk-hallonsaft-vinter-42";

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

/** Signs in as the Skåne admin, opens Medlemmar from the menu and invites `email`; returns the link. */
async function inviteAsSkaneAdmin(email: string, roleLabel: string): Promise<string> {
  const page = await freshPage();
  await signIn(page, SKANE_ADMIN);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Medlemmar" }).click();
  await page.getByRole("heading", { level: 1, name: "Medlemmar i Region Skåne" }).waitFor();
  await settle(page);
  expect(new URL(page.url()).pathname).toMatch(/^\/regions\/[0-9a-f-]{36}\/members$/);
  await expectNoSeriousA11yViolations(page, "members");

  await page.getByLabel("E-postadress till den du bjuder in", { exact: true }).fill(email);
  await page.getByLabel("Roll", { exact: true }).selectOption({ label: roleLabel });
  await page.getByRole("button", { name: "Skapa inbjudan" }).click();
  const link = page.getByTestId("invite-link");
  await link.waitFor();
  await settle(page);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Inbjudan till ${email} är skapad` })
      .count(),
  ).resolves.toBe(1);
  await expect(
    page.getByRole("main").getByRole("listitem").filter({ hasText: email }).textContent(),
  ).resolves.toContain(roleLabel);
  await expectNoSeriousA11yViolations(page, "members after invite");
  const url = (await link.textContent())?.trim() ?? "";
  expect(url).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]+$`));
  await signOut(page);
  return url;
}

describe("invitations", () => {
  test("an admin invites an editor, who joins with a new password and can sign in again", async () => {
    const email = "sara.nyberg@skane.example.se";
    const link = await inviteAsSkaneAdmin(email, "Redaktör");

    const page = await freshPage();
    const response = await visit(page, link);
    expect(response.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Inbjudan till Region Skåne");
    await expect(page.getByRole("main").textContent()).resolves.toContain(
      `Inbjudan gäller ${email} med rollen Redaktör.`,
    );
    await page.getByLabel("Ditt namn", { exact: true }).fill("Sara Nyberg");
    await page.getByLabel("Nytt lösenord", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Upprepa det nya lösenordet", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Gå med" }).click();

    await page.getByRole("heading", { level: 1, name: "Välkommen, Sara Nyberg" }).waitFor();
    await settle(page);
    expect(new URL(page.url()).pathname).toBe("/");
    const region = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Region Skåne" }) });
    await expect(region.textContent()).resolves.toContain("Din roll: Redaktör");
    await expectNoSeriousA11yViolations(page, "home of the new member");

    await signOut(page);
    await signIn(page, email, NEW_PASSWORD);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Välkommen, Sara Nyberg");

    // The link works once.
    const again = await visit(page, link);
    expect(again.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Inbjudan gäller inte");
  });

  test("a too-short password is refused with the error next to the field", async () => {
    const link = await inviteAsSkaneAdmin("olle.kort@skane.example.se", "Läsare");

    const page = await freshPage();
    await visit(page, link);
    await page.getByLabel("Ditt namn", { exact: true }).fill("Olle Kort");
    const password = page.getByLabel("Nytt lösenord", { exact: true });
    await password.fill("kort-lösen1");
    await page.getByLabel("Upprepa det nya lösenordet", { exact: true }).fill("kort-lösen1");
    await page.getByRole("button", { name: "Gå med" }).click();

    const field = page.locator(".field", { has: password });
    await field.getByText("Lösenordet måste ha minst 12 tecken.", { exact: true }).waitFor();
    await expect(password.getAttribute("aria-invalid")).resolves.toBe("true");
    // The error is announced with the field: its id is among the field's descriptions.
    const describedBy = ((await password.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
    const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(" ")).toContain("Lösenordet måste ha minst 12 tecken.");
    expect(new URL(page.url()).pathname).toMatch(/^\/invite\//);
    await expectNoSeriousA11yViolations(page, "invite with error");

    // Nothing was accepted: the invite still works.
    const reload = await visit(page, link);
    expect(reload.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Inbjudan till Region Skåne");
  });
});
