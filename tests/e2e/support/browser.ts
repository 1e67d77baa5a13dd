import { createHash } from "node:crypto";

import axeCore, { type AxeResults, type ImpactValue } from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page, type Response } from "playwright-core";
import { inject } from "vitest";

import { DEMO_PASSWORD, DEMO_USERS } from "../../../db/seed/demo-data";
import { startServer, type RunningServer } from "../../support/spawn-server";

import { CHROMIUM_PATH } from "./global-setup";

export { CHROMIUM_PATH };

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export { DEMO_PASSWORD };

/** The demo person's display name, as the home page greets them. */
export function demoName(email: string): string {
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`${email} is not a demo account`);
  return user.name;
}

/** The production server on a copy of the seeded template (PGlite) or a fresh database (PostgreSQL). */
export function startAppServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const seedTemplateDir = inject("e2eSeedTemplateDir") ?? undefined;
  return startServer({ env, seedTemplateDir });
}

/** Playwright makes a fresh temporary user data dir for every launch. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

const scriptlessContexts = new WeakSet<BrowserContext>();

/**
 * A page in its own context (own cookies and storage), so tests do not share a session.
 * With `javaScript: false` the app's scripts are refused (as when they fail to load, or the
 * person has them off): nothing hydrates and every form posts as plain HTML. The browser's own
 * JavaScript stays on, so axe still runs (it needs timers, which a script-disabled page lacks).
 */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  { javaScript = true }: { javaScript?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "sv-SE", timezoneId: "Europe/Stockholm" });
  if (!javaScript) scriptlessContexts.add(context);
  if (!javaScript) await context.route(/\/assets\/.*\.js(\?.*)?$/, (route) => route.abort("blockedbyclient"));
  const page = await context.newPage();
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return page;
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

type RemixWindow = {
  __remixRouter?: {
    state: {
      initialized: boolean;
      navigation: { state: string };
      revalidation: string;
      fetchers: Map<string, { state: string }>;
    };
  };
};

/**
 * Waits until the page has loaded, the Remix client has hydrated and no navigation,
 * revalidation or fetcher is under way, so a following click is handled by the app rather than
 * racing it. Pages without the app's scripts only wait for the load.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  if (scriptlessContexts.has(page.context())) return;
  try {
    await page.waitForFunction(
      () => {
        const router = (window as unknown as RemixWindow).__remixRouter;
        if (!router) return false;
        const { initialized, navigation, revalidation, fetchers } = router.state;
        return (
          initialized &&
          navigation.state === "idle" &&
          revalidation === "idle" &&
          [...fetchers.values()].every((fetcher) => fetcher.state === "idle")
        );
      },
      undefined,
      { polling: 100, timeout: 30_000 },
    );
  } catch (error) {
    const state = await page
      .evaluate(() => {
        const router = (window as unknown as RemixWindow).__remixRouter;
        if (!router) return `no Remix router (readyState ${document.readyState})`;
        const { initialized, navigation, revalidation, fetchers } = router.state;
        const fetcherStates = [...fetchers.values()].map((fetcher) => fetcher.state).join(",");
        return `initialized=${initialized} navigation=${navigation.state} revalidation=${revalidation} fetchers=[${fetcherStates}]`;
      })
      .catch((reason: unknown) => `state unreadable: ${String(reason)}`);
    throw new Error(`page did not settle at ${page.url()}: ${state}`, { cause: error });
  }
}

/** Navigates to a path, waits for the page to settle and checks it with axe. */
export async function visit(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path, { waitUntil: "load" });
  if (!response) throw new Error(`no response for ${path}`);
  await settle(page);
  await expectNoSeriousA11yViolations(page);
  return response;
}

/** Signs in on the page it is on (or on /login when not there) and waits to leave /login. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith("/login")) await visit(page, "/login");
  await page.getByLabel("E-postadress", { exact: true }).fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The URL changes before the next page has rendered: wait for the sign-in form to go.
  await page.locator("form#login").waitFor({ state: "detached" });
  await settle(page);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^(Logga ut|Sign out)$/ }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await page.locator("form#login").waitFor();
  await settle(page);
}

const axeSource: string = axeCore.source;

type AxeWindow = { axe?: { run: (context: Document, options: object) => Promise<AxeResults> } };

const checkedMarkup = new Set<string>();

const BLOCKING: ReadonlySet<ImpactValue> = new Set<ImpactValue>(["serious", "critical"]);

/**
 * Runs axe-core in the page and throws a readable list of every serious or critical
 * violation. The source is evaluated over the DevTools protocol, which the app's
 * Content-Security-Policy (nonce-only scripts) does not block, unlike a <script> tag would.
 */
export async function expectNoSeriousA11yViolations(page: Page, label = ""): Promise<void> {
  // The same markup gives the same answer: check each distinct page state once per test file.
  // Scripts are left out: they carry the per-request id even when the page looks the same.
  const markup = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const script of body.querySelectorAll("script")) script.remove();
    return `${document.documentElement.lang}\n${document.title}\n${body.outerHTML}`;
  });
  const fingerprint = createHash("sha256").update(markup).digest("hex");
  if (checkedMarkup.has(fingerprint)) return;
  const loaded = await page.evaluate(() => typeof (window as unknown as AxeWindow).axe !== "undefined");
  if (!loaded) await page.evaluate(axeSource);
  const run = page.evaluate(async () => {
    const axe = (window as unknown as AxeWindow).axe;
    if (!axe) throw new Error("axe-core did not load");
    const outcome = await axe.run(document, { resultTypes: ["violations"] });
    return outcome.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(" "),
        summary: node.failureSummary ?? "",
      })),
    }));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe did not finish within 30 s on ${page.url()}`)), 30_000);
  });
  const results = await Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  const blocking = results.filter((violation) => violation.impact !== null && BLOCKING.has(violation.impact));
  if (blocking.length === 0) {
    checkedMarkup.add(fingerprint);
    return;
  }
  const where = `${label ? `${label} ` : ""}${page.url()}`;
  const lines = blocking.flatMap((violation) => [
    `- ${violation.id} (${violation.impact ?? "?"}): ${violation.help} <${violation.helpUrl}>`,
    ...violation.nodes.map((node) => `    ${node.target}\n      ${node.summary.replace(/\n/g, "\n      ")}`),
  ]);
  throw new Error(`axe found ${blocking.length} serious/critical violation(s) on ${where}:\n${lines.join("\n")}`);
}
