import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, test } from "vitest";

import { CommentThreads, NewThreadForm, type CommentActionData } from "~/components/comment-thread";
import type { SerializedComment, SerializedThread } from "~/utils/comment-actions.server";

const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

/** Renders inside a data router whose root route carries the language, as the app's root does. */
async function renderPage(element: ReactNode): Promise<string> {
  const routes = [{ id: "root", path: "/", loader: () => ({ language: "sv" }), element }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

function comment(overrides: Partial<SerializedComment> = {}): SerializedComment {
  return {
    id: "33333333-3333-4333-8333-333333333333",
    parentId: null,
    authorUserId: OTHER,
    authorName: "Lars Nilsson",
    authorRegion: "VGR",
    body: "En synpunkt",
    requirementVersion: 1,
    version: 1,
    createdAt: "2026-11-20T09:00:00.000Z",
    editedAt: null,
    deletedAt: null,
    resolvedAt: null,
    resolvedByName: null,
    revisions: [],
    mentionedUserIds: [],
    ...overrides,
  };
}

function thread(overrides: Partial<SerializedThread> = {}): SerializedThread {
  return { ...comment(), replies: [], ...overrides };
}

const baseProps = {
  currentUserId: ME,
  canComment: true,
  mayResolveAny: false,
  requirementVersion: 2,
  mentionsUrl: "/sets/s/mentions",
  actionData: undefined,
};

describe("comment threads", () => {
  test("author, region, time, 'skriven mot v1' when the requirement has moved on, and 'redigerad' with the history", async () => {
    const html = await renderPage(
      createElement(CommentThreads, {
        ...baseProps,
        threads: [
          thread({
            editedAt: "2026-11-21T10:00:00.000Z",
            version: 2,
            body: "Ny lydelse",
            revisions: [
              { body: "Gammal lydelse", writtenAt: "2026-11-20T09:00:00.000Z", replacedAt: "2026-11-21T10:00:00.000Z" },
            ],
          }),
        ],
      }),
    );
    expect(html).toContain("Lars Nilsson, VGR");
    expect(html).toContain("20 nov. 2026 10:00");
    expect(html).toContain("skriven mot v1");
    expect(html).toContain("redigerad");
    expect(html).toContain("Redigeringshistorik (1)");
    expect(html).toContain("Gammal lydelse");
  });

  test("no 'skriven mot' when the comment is on the current version", async () => {
    const html = await renderPage(
      createElement(CommentThreads, { ...baseProps, threads: [thread({ requirementVersion: 2 })] }),
    );
    expect(html).not.toContain("skriven mot");
  });

  test("a deleted comment shows the placeholder and its replies stay", async () => {
    const html = await renderPage(
      createElement(CommentThreads, {
        ...baseProps,
        threads: [
          thread({
            deletedAt: "2026-11-22T10:00:00.000Z",
            body: "",
            replies: [
              comment({ id: "44444444-4444-4444-8444-444444444444", parentId: "x", body: "Svaret finns kvar" }),
            ],
          }),
        ],
      }),
    );
    expect(html).toContain("Kommentaren togs bort.");
    expect(html).toContain("Svaret finns kvar");
  });

  test("a resolved thread is folded in a details element, still readable; only allowed people see the buttons", async () => {
    const resolved = thread({ resolvedAt: "2026-11-22T10:00:00.000Z", resolvedByName: "Hanna Eriksson" });
    const html = await renderPage(createElement(CommentThreads, { ...baseProps, threads: [resolved] }));
    expect(html).toMatch(/<details><summary>Löst tråd av Lars Nilsson \(1 inlägg\) – visa<\/summary>/);
    expect(html).toContain("En synpunkt");
    expect(html).not.toContain("Öppna igen");
    const owner = await renderPage(
      createElement(CommentThreads, { ...baseProps, mayResolveAny: true, threads: [resolved] }),
    );
    expect(owner).toContain("Öppna igen");
    const mine = await renderPage(
      createElement(CommentThreads, { ...baseProps, threads: [thread({ authorUserId: ME })] }),
    );
    expect(mine).toContain("Markera som löst");
    expect(mine).toContain("Redigera");
    expect(mine).toContain("Ta bort");
  });

  test("a read-only viewer (archived set) sees no forms", async () => {
    const html = await renderPage(
      createElement(CommentThreads, { ...baseProps, canComment: false, threads: [thread({ authorUserId: ME })] }),
    );
    expect(html).not.toContain("<form");
  });

  test("the comment field is a combobox with a listbox popup and a live region", async () => {
    const html = await renderPage(
      createElement(NewThreadForm, { mentionsUrl: "/sets/s/mentions", actionData: undefined, threadCount: 0 }),
    );
    expect(html).toMatch(/<textarea[^>]*role="combobox"/);
    expect(html).toMatch(/<textarea[^>]*aria-expanded="false"/);
    expect(html).toMatch(/<textarea[^>]*aria-controls="new-thread-body-mentions"/);
    expect(html).toMatch(/<textarea[^>]*aria-autocomplete="list"/);
    expect(html).toMatch(/<ul id="new-thread-body-mentions" role="listbox"/);
    expect(html).toMatch(/aria-live="polite"/);
  });

  test("a refused body comes back next to its field, with the text typed", async () => {
    const actionData: CommentActionData = {
      formId: "new-thread",
      result: { initialValue: { body: "Min text" }, error: { body: ["comments.bodyTooLong"] } },
      conflict: null,
    };
    const html = await renderPage(
      createElement(NewThreadForm, { mentionsUrl: "/sets/s/mentions", actionData, threadCount: 0 }),
    );
    expect(html).toContain("Kommentaren får ha högst 10 000 tecken.");
    expect(html).toContain("Min text");
    expect(html).toMatch(/aria-invalid="true"/);
  });
});
