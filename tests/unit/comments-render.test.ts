import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";

import { CommentBody } from "~/components/comment-thread";
import { mentionToken, tokensToText } from "~/utils/comment-schemas";

const ANNA = "0b9c6a52-6f4e-4a57-9d43-2a7c1b0e5f11";
const OTHER = "5d0f3c1e-2b8a-4c6d-8e9f-1a2b3c4d5e6f";

function render(body: string, mentionedUserIds: string[] = []): string {
  return renderToString(createElement(CommentBody, { body, mentionedUserIds }));
}

/** No script element, no inline event handler, no javascript: (or data:/vbscript:) URL anywhere. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|vbscript|data):/i);
}

describe("comment bodies are inert", () => {
  test.each([
    "<script>alert(1)</script>",
    "Före <script>alert(1)</script> efter",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klicka</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![bild](javascript:alert(1))",
    '<div onclick="alert(1)">text</div>',
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
  ])("%s", (body) => {
    expectInert(render(body));
  });

  test("raw HTML is dropped, not shown as markup", () => {
    const html = render("Text <b onclick=x>fet</b> **riktigt fet**");
    expect(html).not.toContain("<b");
    expect(html).toContain("<strong>riktigt fet</strong>");
  });

  test("a markdown image shows as its alt text: nothing is loaded from elsewhere", () => {
    const html = render("![spårningspixel](https://example.com/p.gif)");
    expect(html).toContain("spårningspixel");
    expect(html).not.toContain("example.com");
  });

  test("ordinary links keep their address", () => {
    expect(render("[Inera](https://www.inera.se)")).toContain('href="https://www.inera.se"');
  });
});

describe("mentions", () => {
  test("a mention of someone the comment mentions is a highlighted name, not a raw token", () => {
    const html = render(`Hej ${mentionToken("Anna Lindqvist", ANNA)}!`, [ANNA]);
    expect(html).toContain('<span class="mention">@Anna Lindqvist</span>');
    expect(html).not.toContain("user:");
    expect(html).not.toContain("<a");
  });

  test("a token the comment does not really mention is plain text", () => {
    const html = render(`Hej ${mentionToken("Chefen", OTHER)}`, [ANNA]);
    expect(html).toContain("@Chefen");
    expect(html).not.toContain("mention");
    expect(html).not.toContain("user:");
  });

  test("names with brackets survive the token and come back as typed for editing", () => {
    const token = mentionToken("Eva [Sörmland] Karlsson", ANNA);
    expect(render(token, [ANNA])).toContain('<span class="mention">@Eva [Sörmland] Karlsson</span>');
    expect(tokensToText(`Till ${token}.`)).toBe("Till @Eva [Sörmland] Karlsson.");
  });
});
