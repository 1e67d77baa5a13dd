import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, test } from "vitest";

import { SetHeader, type SetHeaderData } from "~/components/set-header";

const SET: SetHeaderData = {
  id: "s1",
  title: "VIS-kravspecifikation",
  status: "draft",
  visibility: "private",
  collaborationName: null,
  ownerRegionName: "Region Skåne",
  archivedAt: null,
  total: 3,
  ska: 2,
  bor: 1,
  sourceChanged: 0,
};

/** The header rendered at `url`, inside a data router whose root carries the language. */
async function renderAt(url: string): Promise<string> {
  const routes = [
    { id: "root", path: "*", loader: () => ({ language: "sv" }), element: createElement(SetHeader, { set: SET }) },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

/** The hrefs of the tabs marked as the current page. */
function currentTabs(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]+)" class="active" aria-current="page">/g)].map((match) => match[1] ?? "");
}

describe("set tabs", () => {
  test("the requirements tab is current on the set's own page only", async () => {
    expect(currentTabs(await renderAt("/sets/s1"))).toEqual(["/sets/s1"]);
    expect(currentTabs(await renderAt("/sets/s1/baselines"))).toEqual(["/sets/s1/baselines"]);
  });

  test("a tab stays current on its sub-pages, and a page outside the tabs marks none", async () => {
    expect(currentTabs(await renderAt("/sets/s1/reviews/r9"))).toEqual(["/sets/s1/reviews"]);
    expect(currentTabs(await renderAt("/sets/s1/requirements/x/history"))).toEqual([]);
    // A sibling path that merely starts with a tab's path is not that tab.
    expect(currentTabs(await renderAt("/sets/s1/reviewsx"))).toEqual([]);
  });

  test("every tab links to its page", async () => {
    const html = await renderAt("/sets/s1");
    for (const page of ["sections", "baselines", "diff", "comments", "reviews", "reuse", "activity", "settings"]) {
      expect(html).toContain(`href="/sets/s1/${page}"`);
    }
  });
});
