import type { Browser, Page, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { RunningServer } from "../support/spawn-server";

import { closePage, launchBrowser, newPage, signIn, startAppServer, visit } from "./support/browser";

let server: RunningServer;
let browser: Browser;
const pages: Page[] = [];
const regionIds = new Map<string, string>();

const SKANE_EDITOR = "erik.svensson@skane.example.se";

async function freshPage(): Promise<Page> {
  const page = await newPage(browser, server.url);
  pages.push(page);
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  // Region ids are only visible in the browser through links: read them off the admin page.
  const page = await newPage(browser, server.url);
  try {
    await signIn(page, "plattform@samkrav.example.se");
    await visit(page, "/admin");
    const links = page.getByRole("table", { name: "Regioner" }).getByRole("link");
    for (const link of await links.all()) {
      const name = ((await link.textContent()) ?? "").trim();
      const match = /^\/regions\/([0-9a-f-]{36})\/members$/.exec((await link.getAttribute("href")) ?? "");
      if (match?.[1]) regionIds.set(name, match[1]);
    }
  } finally {
    await closePage(page);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map(closePage));
});

function regionId(name: string): string {
  const id = regionIds.get(name);
  if (!id) throw new Error(`no region named ${name} on /admin (found: ${[...regionIds.keys()].join(", ")})`);
  return id;
}

/** The error page in the site layout, with the request id of the very response that carried it. */
async function expectErrorPage(page: Page, response: Response, status: number, title: string): Promise<void> {
  expect(response.status()).toBe(status);
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(title);
  const main = page.getByRole("main");
  await expect(main.textContent()).resolves.toContain(`Felkod ${status}`);
  const requestId = ((await main.getByTestId("request-id").textContent()) ?? "").trim();
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestId).toBe(response.headers()["x-request-id"]);
  // Still the site: header and menu are there, and the way home.
  await page.getByRole("navigation", { name: "Huvudmeny" }).waitFor();
  await main.getByRole("link", { name: "Till startsidan" }).waitFor();
}

describe("region isolation", () => {
  test("a Skåne editor gets 'Sidan finns inte' for VGR's members and audit log", async () => {
    const vgrId = regionId("Västra Götalandsregionen");
    const page = await freshPage();
    await signIn(page, SKANE_EDITOR);

    for (const path of [`/regions/${vgrId}/members`, `/regions/${vgrId}/audit`]) {
      const response = await visit(page, path);
      expect(new URL(page.url()).pathname).toBe(path);
      await expectErrorPage(page, response, 404, "Sidan finns inte");
      await expect(page.getByRole("main").textContent()).resolves.not.toContain("Västra Götalandsregionen");
    }

    // Indistinguishable from a region that does not exist at all.
    const missing = await visit(page, "/regions/00000000-0000-4000-8000-000000000000/members");
    await expectErrorPage(page, missing, 404, "Sidan finns inte");
  });

  test("a Skåne editor sees Skåne's members but gets 'Du saknar behörighet' for its audit log", async () => {
    const skaneId = regionId("Region Skåne");
    const page = await freshPage();
    await signIn(page, SKANE_EDITOR);
    const membersLink = page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Medlemmar" });
    await expect(membersLink.getAttribute("href")).resolves.toBe(`/regions/${skaneId}/members`);
    // Only admins are offered the audit log.
    await expect(page.getByRole("main").getByRole("link", { name: "Granskningslogg" }).count()).resolves.toBe(0);

    const members = await visit(page, `/regions/${skaneId}/members`);
    expect(members.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Medlemmar i Region Skåne");
    // An editor reads the list but is not offered the admin's tools.
    await expect(page.getByRole("button", { name: "Skapa inbjudan" }).count()).resolves.toBe(0);

    const audit = await visit(page, `/regions/${skaneId}/audit`);
    await expectErrorPage(page, audit, 403, "Du saknar behörighet");
  });

  test("the Skåne admin does see Skåne's audit log, and not VGR's", async () => {
    const page = await freshPage();
    await signIn(page, "anna.lindqvist@skane.example.se");
    const own = await visit(page, `/regions/${regionId("Region Skåne")}/audit`);
    expect(own.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Granskningslogg för Region Skåne",
    );

    const other = await visit(page, `/regions/${regionId("Västra Götalandsregionen")}/audit`);
    await expectErrorPage(page, other, 404, "Sidan finns inte");
  });
});
