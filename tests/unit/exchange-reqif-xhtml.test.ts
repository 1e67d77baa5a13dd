import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { ExchangeFileError } from "~/exchange/exchange-error";
import {
  decodeXmlCharacters,
  encodeXmlCharacters,
  escapeXmlAttribute,
  parseXml,
  serializeXml,
  xmlElement,
  type XmlElement,
} from "~/exchange/reqif-xml";
import { isPlainText, markdownToXhtml, sameXhtml, xhtmlToMarkdown, xhtmlToPlainText } from "~/exchange/xhtml-markdown";

/** XHTML as another tool writes it, parsed the way the importer parses THE-VALUE. */
function xhtml(markup: string): XmlElement {
  return parseXml(`<THE-VALUE xmlns:xhtml="http://www.w3.org/1999/xhtml">${markup}</THE-VALUE>`);
}

function toMarkdown(markup: string): string {
  return xhtmlToMarkdown(xhtml(markup).children).markdown;
}

describe("markdown to XHTML", () => {
  test("renders paragraphs, emphasis, nested lists, headings, quotes, code and links", () => {
    const markdown = [
      "# Rubrik",
      "",
      "Första stycket med **fetstil**, *kursiv* och `kod`.",
      "Andra raden  ",
      "efter hård radbrytning.",
      "",
      "- ett",
      "- två",
      "  - två a",
      "",
      "1. först",
      "2. sedan",
      "",
      "> citat",
      "",
      "```",
      "<kod> & mer",
      "```",
      "",
      "Se [Inera](https://www.inera.se/) eller skriv till <mailto:support@region.se>.",
    ].join("\n");
    expect(serializeXml(markdownToXhtml(markdown))).toBe(
      "<div>" +
        "<h1>Rubrik</h1>" +
        "<p>Första stycket med <strong>fetstil</strong>, <em>kursiv</em> och <code>kod</code>.\nAndra raden<br/>\nefter hård radbrytning.</p>" +
        "<ul><li>ett</li><li>två<ul><li>två a</li></ul></li></ul>" +
        "<ol><li>först</li><li>sedan</li></ol>" +
        "<blockquote><p>citat</p></blockquote>" +
        "<pre><code>&lt;kod&gt; &amp; mer\n</code></pre>" +
        '<p>Se <a href="https://www.inera.se/">Inera</a> eller skriv till <a href="mailto:support@region.se">mailto:support@region.se</a>.</p>' +
        "</div>",
    );
  });

  test("keeps markup-like text as text and links only to http, https and mailto", () => {
    const rendered = serializeXml(markdownToXhtml('<b>rå</b> [klicka](javascript:alert(1)) ![bild](data:x) "q"'));
    expect(rendered).toBe('<div><p>&lt;b&gt;rå&lt;/b&gt; klicka bild "q"</p></div>');
  });

  test("an empty text is an empty div", () => {
    expect(serializeXml(markdownToXhtml(""))).toBe("<div/>");
  });

  test("hostile nesting stays bounded and linear", () => {
    const deep = `${"> ".repeat(5000)}x\n${"- ".repeat(5000)}y\n${"*a ".repeat(5000)}`;
    expect(() => markdownToXhtml(deep)).not.toThrow();
  });
});

describe("XHTML to markdown", () => {
  test("turns formatting, nested lists, headings and links into markdown", () => {
    expect(
      toMarkdown(
        "<xhtml:div><xhtml:h2>Miljöer</xhtml:h2><xhtml:p>Systemet <xhtml:b>ska</xhtml:b> visa <xhtml:i>aktuell</xhtml:i> lista" +
          '<xhtml:br/>enligt <xhtml:a href="https://example.se/a?b=1">anvisning</xhtml:a>.</xhtml:p>' +
          "<xhtml:ol><xhtml:li>ett<xhtml:ul><xhtml:li>ett a</xhtml:li><xhtml:li>ett b</xhtml:li></xhtml:ul></xhtml:li><xhtml:li>två</xhtml:li></xhtml:ol></xhtml:div>",
      ),
    ).toBe(
      "## Miljöer\n\nSystemet **ska** visa *aktuell* lista  \nenligt [anvisning](https://example.se/a?b=1).\n\n1. ett\n   - ett a\n   - ett b\n2. två",
    );
  });

  test("reads XHTML in the default namespace as well as prefixed", () => {
    expect(toMarkdown('<div xmlns="http://www.w3.org/1999/xhtml"><p>A <strong>B</strong></p></div>')).toBe("A **B**");
  });

  test("drops scripts, styles, images, objects, event and style attributes and unsafe links", () => {
    const { markdown, removedMedia } = xhtmlToMarkdown(
      xhtml(
        '<xhtml:div><xhtml:p onclick="alert(1)" style="color:red">Text<xhtml:script>alert("x")</xhtml:script>' +
          "<xhtml:style>p{}</xhtml:style>" +
          '<xhtml:a href="javascript:alert(1)">länk</xhtml:a> <xhtml:a href="data:text/html,x">data</xhtml:a>' +
          '<xhtml:img src="x.png" alt="bild"/><xhtml:object data="a.ole"><xhtml:object data="a.png">OLE</xhtml:object></xhtml:object>' +
          "</xhtml:p></xhtml:div>",
      ).children,
    );
    expect(markdown).toBe("Textlänk data");
    expect(removedMedia).toBe(true);
  });

  test("escapes text that markdown would read as HTML, an entity or list syntax", () => {
    const markdown = toMarkdown(
      "<xhtml:div><xhtml:p>&lt;b&gt;fet&lt;/b&gt; &amp;copy; 1) * _x_ [a](b)</xhtml:p><xhtml:p>- inte en lista</xhtml:p></xhtml:div>",
    );
    expect(markdown).toBe("\\<b>fet\\</b> \\&copy; 1) \\* \\_x\\_ \\[a\\](b)\n\n\\- inte en lista");
    expect(markdown).not.toMatch(/(^|[^\\])<[a-z/]/i);
  });

  test("turns tables into pipe tables", () => {
    expect(
      toMarkdown(
        "<xhtml:div><xhtml:table><xhtml:tr><xhtml:th>Funktion</xhtml:th><xhtml:th>Krav</xhtml:th></xhtml:tr>" +
          "<xhtml:tr><xhtml:td>Sök</xhtml:td><xhtml:td>&lt; 2 s | snabbt</xhtml:td></xhtml:tr></xhtml:table></xhtml:div>",
      ),
    ).toBe("| Funktion | Krav |\n| --- | --- |\n| Sök | \\< 2 s \\| snabbt |");
  });

  test("plain text of XHTML is its words on one line", () => {
    expect(
      xhtmlToPlainText(
        xhtml(
          "<xhtml:div><xhtml:p>Behörighet &amp; <xhtml:b>loggning</xhtml:b></xhtml:p><xhtml:p>två</xhtml:p></xhtml:div>",
        ).children,
      ),
    ).toBe("Behörighet & loggning två");
  });

  test("the same XHTML compares equal whatever its prefixes and whitespace, a changed word does not", () => {
    const ours = markdownToXhtml("Systemet **ska** logga.");
    const reprefixed = xhtml(
      '<h:div xmlns:h="http://www.w3.org/1999/xhtml">\n  <h:p>Systemet  <h:strong>ska</h:strong> logga.</h:p>\n</h:div>',
    ).children;
    expect(sameXhtml([ours], reprefixed)).toBe(true);
    expect(
      sameXhtml(
        [ours],
        xhtml("<xhtml:div><xhtml:p>Systemet <xhtml:strong>bör</xhtml:strong> logga.</xhtml:p></xhtml:div>").children,
      ),
    ).toBe(false);
  });
});

describe("the shortcut for plain paragraphs", () => {
  const plainish = fc
    .array(
      fc.constantFrom(
        "a",
        "Ö",
        "9",
        "1.",
        "2)",
        " ",
        "  ",
        ".",
        ",",
        "-",
        "–",
        "(",
        ")",
        "'",
        '"',
        "%",
        "/",
        "\n\n",
        "\n",
        "*",
        "#",
        "<",
        "&",
        "é",
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(""));

  test("gives what turndown gives, and exactly the text whenever it claims to", () => {
    fc.assert(
      fc.property(plainish, (text) => {
        const div = markdownToXhtml(text);
        // Wrapped in an element that is unwrapped later, the XHTML takes the turndown path.
        const viaTurndown = xhtmlToMarkdown([xmlElement("span", {}, [div])]).markdown;
        expect(xhtmlToMarkdown([div]).markdown).toBe(viaTurndown);
        if (isPlainText(text)) expect(viaTurndown).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test("is taken for ordinary Swedish text and not for markdown", () => {
    expect(isPlainText("Leverantören ska leverera (senast 2027-01-01) – se bilaga 3.\n\nAndra stycket.")).toBe(true);
    expect(isPlainText("1. Lista")).toBe(false);
    expect(isPlainText("Rad ett\nrad två")).toBe(false);
    expect(isPlainText("dubbla  blanksteg")).toBe(false);
  });
});

describe("characters XML cannot hold", () => {
  const anyString = fc.string({ unit: "binary", maxLength: 40 }).map((value) => value.split("\u0000").join(""));

  test("survive encoding and decoding exactly", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyString, fc.constantFrom("\uFFFD", "\uFFFDU+0001", "\u0001\uFFFD", "\uFFFE\uFFFF")),
        (value) => {
          const encoded = encodeXmlCharacters(value);
          expect(decodeXmlCharacters(encoded)).toBe(value);
          for (const character of encoded) {
            const code = character.codePointAt(0) ?? 0;
            expect(code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d).toBe(true);
            expect(code === 0xfffe || code === 0xffff).toBe(false);
          }
        },
      ),
    );
  });

  test("leave ordinary text as it is", () => {
    expect(encodeXmlCharacters("Leverantören ska – «citat» 😀\ttab\nrad")).toBe(
      "Leverantören ska – «citat» 😀\ttab\nrad",
    );
    expect(encodeXmlCharacters("a\u0001b")).toBe("a\uFFFDU+0001b");
  });

  test("are read back from an attribute together with tabs, newlines and carriage returns", () => {
    const value = "rad 1\r\nrad\t2\u0001 &amp; <b>";
    const element = parseXml(`<X V="${escapeXmlAttribute(value)}"/>`);
    expect(element.attributes.get("V")).toBe(value);
  });

  test("a decoded NUL or lone surrogate is never produced from a crafted file", () => {
    expect(decodeXmlCharacters("\uFFFDU+0000\uFFFDU+D800")).toBe("\uFFFDU+0000\uFFFDU+D800");
  });
});

describe("parsing XML", () => {
  test("refuses a DOCTYPE before parsing anything", () => {
    expect(() => parseXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>')).toThrow(ExchangeFileError);
  });

  test("refuses what is not well-formed", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(expect.objectContaining({ code: "brokenXml" }));
    expect(() => parseXml("\u0089PNG\r\n")).toThrow(expect.objectContaining({ code: "brokenXml" }));
  });

  test("decodes entities once, so an escaped reference stays text", () => {
    expect(parseXml("<a>&amp;#10; &#x41;&#66; &lt;</a>").children).toEqual(["&#10; AB <"]);
  });
});
