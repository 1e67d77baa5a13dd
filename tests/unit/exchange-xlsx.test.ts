import { Buffer } from "node:buffer";

import ExcelJS from "exceljs";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, test, vi } from "vitest";

import { ExchangeFileError, type ExchangeFileErrorCode } from "~/exchange/exchange-error";
import {
  XLSX_MAX_CELL_TEXT,
  dateKindOfFormat,
  readXlsx,
  sanitizeSheetNames,
  shiftFormula,
  writeXlsx,
  type XlsxCellValue,
  type XlsxSheet,
} from "~/exchange/xlsx.server";
import { readZip, writeZip } from "~/exchange/zip.server";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The texts readXlsx should give for what writeXlsx was handed: trailing empties trimmed. */
function expectedRows(sheet: XlsxSheet): string[][] {
  const rows = [sheet.columns.map((column) => column.header), ...sheet.rows].map((row) => {
    const texts = row.map((value: XlsxCellValue) => (value === null ? "" : String(value)));
    while (texts.length > 0 && texts[texts.length - 1] === "") texts.pop();
    return texts;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

async function expectFileError(promise: Promise<unknown>, code: ExchangeFileErrorCode): Promise<ExchangeFileError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ExchangeFileError);
  expect((error as ExchangeFileError).code).toBe(code);
  return error as ExchangeFileError;
}

/** A package around hand-written parts, as a minimal but complete workbook. */
function workbookPackage({
  sheets = [],
  sharedStrings,
  styles,
  workbookPr = "",
  extra = [],
}: {
  sheets?: Array<{ name: string; xml: string | Buffer }>;
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  extra?: Array<{ name: string; data: string | Buffer }>;
}): Promise<Buffer> {
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (sharedStrings) rels.push(`<Relationship Id="rSst" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (styles) rels.push(`<Relationship Id="rSty" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  return writeZip([
    {
      name: "[Content_Types].xml",
      data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: "_rels/.rels",
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data:
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${workbookPr}<sheets>` +
        sheets.map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        "</sheets></workbook>",
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
    },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet.xml })),
    ...(sharedStrings ? [{ name: "xl/sharedStrings.xml", data: sharedStrings }] : []),
    ...(styles ? [{ name: "xl/styles.xml", data: styles }] : []),
    ...extra,
  ]);
}

function worksheet(sheetData: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sheetData}</sheetData></worksheet>`;
}

const requirementSheet: XlsxSheet = {
  name: "Krav",
  columns: [
    { header: "Ref", width: 12, wrap: false },
    { header: "Kravtext", width: 60 },
    { header: "Skall/Bör", width: 10, wrap: false },
    { header: "Vikt", width: 8, wrap: false },
  ],
  rows: [
    ["K-1", "Leverantören ska tillhandahålla support på svenska.\nDygnet runt.", "ska", 3],
    ["K-2", '=HYPERLINK("http://example.com")', "bör", null],
    ["K-3", "+46 8 123 45", null, 0.5],
  ],
  freezeHeader: true,
  autoFilter: true,
  highlight: { column: 2, fills: { ska: "strong", bör: "soft" } },
};

describe("writeXlsx → readXlsx", () => {
  // Pieces that have broken spreadsheet writers before: XML specials, formula starts, the OOXML
  // escape itself, characters XML 1.0 cannot hold, CR (which XML turns into LF), edge whitespace.
  const tricky = fc.constantFrom(
    "=SUM(A1:A2)",
    "+46 8 123",
    "-1",
    "@user",
    "_x0041_",
    "_x005F_",
    "_x00e5_",
    "_x12",
    "&amp;",
    "<t>",
    "]]>",
    '"citat"',
    "'",
    "\r\n",
    "\r",
    "\t",
    "\n",
    " ",
    "åäö ÅÄÖ é ß",
    "😀",
    "\u0000",
    "\u0001",
    "\u000b",
    "\u001f",
    "\ufffe",
    "\uffff",
    "x".repeat(3000),
  );
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc
      .array(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 12 })), { maxLength: 8 })
      .map((parts) => parts.join("")),
  );
  const cell: fc.Arbitrary<XlsxCellValue> = fc.oneof(
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constant(null),
  );
  const sheet: fc.Arbitrary<XlsxSheet> = fc.record({
    name: fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom("Krav", "krav", "Krav: del 1/2", "'x'"),
    ),
    columns: fc.array(
      fc.record({ header: text.filter((header) => header !== ""), width: fc.integer({ min: 1, max: 80 }) }),
      { minLength: 1, maxLength: 6 },
    ),
    rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
  });

  test("gives back every text and number exactly, under the sheet names Excel accepts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheet, { minLength: 1, maxLength: 3 }), async (sheets) => {
        const read = await readXlsx(await writeXlsx(sheets));
        expect(read.map((sheet) => sheet.name)).toEqual(sanitizeSheetNames(sheets.map((sheet) => sheet.name)));
        expect(read.map((sheet) => sheet.rows)).toEqual(sheets.map(expectedRows));
        expect(read.every((sheet) => sheet.formulaCells.length === 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test("keeps a 20,000-character requirement text and refuses one longer than Excel holds", async () => {
    const long = "Leverantören ska säkerställa att åtkomst loggas.\n".repeat(410).slice(0, 20_000);
    const [read] = await readXlsx(
      await writeXlsx([{ name: "Krav", columns: [{ header: "Text", width: 80 }], rows: [[long]] }]),
    );
    expect(read?.rows[1]?.[0]).toBe(long);

    const tooLong = "a".repeat(XLSX_MAX_CELL_TEXT + 1);
    await expect(
      writeXlsx([{ name: "Krav", columns: [{ header: "Text", width: 80 }], rows: [[tooLong]] }]),
    ).rejects.toThrow(RangeError);
  });
});

describe("sanitizeSheetNames", () => {
  test("makes any names valid and unique for Excel, and leaves valid ones alone", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 50 }), { maxLength: 6 }), (names) => {
        const sanitized = sanitizeSheetNames(names);
        expect(sanitized).toHaveLength(names.length);
        for (const name of sanitized) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          // eslint-disable-next-line no-control-regex -- control characters are what must not be there
          expect(name).not.toMatch(/[[\]:*?/\\\x00-\x1f]|^'|'$/);
        }
        expect(new Set(sanitized.map((name) => name.toUpperCase())).size).toBe(names.length);
      }),
    );
    expect(sanitizeSheetNames(["Krav", "Bilaga 1 – Säkerhet", "Om filen"])).toEqual([
      "Krav",
      "Bilaga 1 – Säkerhet",
      "Om filen",
    ]);
    expect(sanitizeSheetNames(["Krav: del 1/2", "krav: del 1/2", "", "History", "a".repeat(40)])).toEqual([
      "Krav_ del 1_2",
      "krav_ del 1_2 (2)",
      "Blad3",
      "Blad4",
      "a".repeat(31),
    ]);
  });
});

describe("writeXlsx output", () => {
  test("opens in exceljs with values, frozen header, filter, widths, bold header and highlight fills", async () => {
    const bytes = await writeXlsx(
      [requirementSheet, { name: "Om", columns: [{ header: "Fält", width: 20 }], rows: [] }],
      {
        title: "Kravlista <IT-drift>",
        creator: "Region Östergötland",
      },
    );
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type, an ArrayBuffer: hand it a copy of the bytes as one.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Krav", "Om"]);
    expect(workbook.title).toBe("Kravlista <IT-drift>");
    expect(workbook.creator).toBe("Region Östergötland");

    const sheet = workbook.getWorksheet("Krav");
    if (!sheet) throw new Error("no Krav sheet");
    expect(sheet.getCell("A1").value).toBe("Ref");
    expect(sheet.getCell("B2").value).toBe("Leverantören ska tillhandahålla support på svenska.\nDygnet runt.");
    expect(sheet.getCell("D2").value).toBe(3);
    expect(sheet.getCell("D4").value).toBe(0.5);
    expect(sheet.getCell("D3").value).toBeNull();
    // Text that looks like a formula is a string cell, never a formula.
    expect(sheet.getCell("B3").value).toBe('=HYPERLINK("http://example.com")');
    expect(sheet.getCell("B3").formula).toBeUndefined();
    expect(sheet.getCell("B4").value).toBe("+46 8 123 45");

    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1, topLeftCell: "A2" });
    expect(sheet.autoFilter).toBe("A1:D4");
    expect(sheet.getColumn(1).width).toBe(12);
    expect(sheet.getColumn(2).width).toBe(60);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A1").fill).toMatchObject({ type: "pattern", pattern: "solid" });
    expect(sheet.getCell("A2").font?.bold).toBeFalsy();
    // B2 has the default format (top, wrapping; checked in the styles below), which exceljs does
    // not report; A2 is in a column that keeps text on one line.
    expect(sheet.getCell("A2").alignment).toEqual({ vertical: "top" });
    expect(sheet.getCell("C2").fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFF8CBAD" } });
    expect(sheet.getCell("C3").fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFFFF2CC" } });
    // No fill outside the highlighted column (exceljs shows a format without one as pattern "none").
    expect(sheet.getCell("A2").fill).toEqual({ type: "pattern", pattern: "none" });
    expect(sheet.getCell("B2").fill).toBeUndefined();
    expect(workbook.definedNames.model).toContainEqual({ name: "_xlnm._FilterDatabase", ranges: ["Krav!$A$1:$D$4"] });
  });

  test("writes well-formed parts in the element order Excel insists on, strings never as formulas", async () => {
    const parts = await readZip(await writeXlsx([requirementSheet]));
    expect([...parts.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/app.xml",
      "docProps/core.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    for (const [name, data] of parts) expect(XMLValidator.validate(data.toString("utf8")), name).toBe(true);

    const sheetXml = parts.get("xl/worksheets/sheet1.xml")?.toString("utf8") ?? "";
    const order = [
      "<dimension",
      "<sheetViews",
      "<pane",
      "<sheetFormatPr",
      "<cols",
      "<sheetData",
      "<autoFilter",
      "<pageMargins",
    ];
    const positions = order.map((tag) => sheetXml.indexOf(tag));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(sheetXml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheetXml).toContain('<autoFilter ref="A1:D4"/>');
    expect(sheetXml).not.toContain("<f>");
    // A text that looks like a formula is an inline string, never a formula.
    expect(sheetXml).toContain(
      '<c r="B3" t="inlineStr"><is><t>=HYPERLINK(&quot;http://example.com&quot;)</t></is></c>',
    );
    expect(sheetXml).toContain('<c r="D2" s="1"><v>3</v></c>');

    // The default format is top-aligned and wraps, so most body cells need no style attribute.
    expect(parts.get("xl/styles.xml")?.toString("utf8")).toMatch(
      /<cellXfs count="7"><xf [^>]*><alignment vertical="top" wrapText="1"\/><\/xf><xf [^>]*><alignment vertical="top"\/><\/xf>/,
    );

    const workbookXml = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
    expect(workbookXml).toContain(
      '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Krav\'!$A$1:$D$4</definedName>',
    );
    expect(parts.get("[Content_Types].xml")?.toString("utf8")).toContain('PartName="/xl/worksheets/sheet1.xml"');
  });

  test("writes texts as inline strings, without a shared strings part, and numbers as numbers", async () => {
    const mixed: XlsxSheet = { name: "Tal", columns: [{ header: "", width: 8 }], rows: [[1], ["två"], [2.5]] };
    const bytes = await writeXlsx([mixed]);
    const parts = await readZip(bytes);
    expect(parts.has("xl/sharedStrings.xml")).toBe(false);
    expect(parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8")).not.toContain("sharedStrings");
    expect(parts.get("[Content_Types].xml")?.toString("utf8")).not.toContain("sharedStrings");
    expect((await readXlsx(bytes))[0]?.rows).toEqual([[], ["1"], ["två"], ["2.5"]]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    expect(workbook.getWorksheet("Tal")?.getCell("A3").value).toBe("två");
    expect(workbook.getWorksheet("Tal")?.getCell("A4").value).toBe(2.5);
  });

  test("escapes characters XML cannot hold and a literal _xHHHH_ the OOXML way", async () => {
    const parts = await readZip(
      await writeXlsx([
        {
          name: "Krav",
          columns: [{ header: "Text", width: 10 }],
          rows: [["a\u0001b"], ["_x0041_"], ["r\r\n"], ["<&>"]],
        },
      ]),
    );
    const strings = parts.get("xl/worksheets/sheet1.xml")?.toString("utf8") ?? "";
    expect(strings).toContain("<t>a_x0001_b</t>");
    expect(strings).toContain("<t>_x005F_x0041_</t>");
    expect(strings).toContain('<t xml:space="preserve">r_x000D_\n</t>');
    expect(strings).toContain("<t>&lt;&amp;&gt;</t>");
  });

  test("gives the same bytes for the same sheets", async () => {
    const first = await writeXlsx([requirementSheet], { title: "Krav" });
    const second = await writeXlsx([requirementSheet], { title: "Krav" });
    expect(first.equals(second)).toBe(true);
  });
});

describe("readXlsx", () => {
  test("reads what exceljs writes: shared strings, rich text, numbers, dates, booleans, errors, formulas, several sheets", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Krav");
    sheet.addRow(["Ref", "Text", "Datum", "Antal", "Klar"]);
    sheet.addRow([
      "K-1",
      { richText: [{ text: "Fet ", font: { bold: true } }, { text: "och vanlig" }] },
      new Date(Date.UTC(2024, 1, 29)),
      0.5,
      true,
    ]);
    sheet.addRow(["K-2", "Samma text", new Date(Date.UTC(1999, 11, 31)), 12, false]);
    sheet.getCell("C3").numFmt = "yyyy-mm-dd";
    sheet.getCell("F2").value = { formula: "D2*2", result: 1 };
    // exceljs's types leave out shareType and ref, which its writer honours.
    const sharedMaster: ExcelJS.CellFormulaValue & { shareType: string; ref: string } = {
      formula: "D2+1",
      result: 1.5,
      shareType: "shared",
      ref: "G2:G3",
    };
    sheet.getCell("G2").value = sharedMaster;
    sheet.getCell("G3").value = { sharedFormula: "G2", result: 13 };
    sheet.getCell("H2").value = { formula: 'A2&"x"', result: "K-1x" };
    sheet.getCell("I2").value = { error: "#N/A" };
    sheet.getCell("J2").value = "Samma text";
    workbook.addWorksheet("Bilaga 2").addRow(["åäö", 1]);

    const read = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(read).toEqual([
      {
        name: "Krav",
        rows: [
          ["Ref", "Text", "Datum", "Antal", "Klar"],
          ["K-1", "Fet och vanlig", "2024-02-29", "0.5", "TRUE", "1", "1.5", "K-1x", "#N/A", "Samma text"],
          ["K-2", "Samma text", "1999-12-31", "12", "FALSE", "", "13"],
        ],
        formulaCells: [
          { row: 2, column: 6, formula: "D2*2" },
          { row: 2, column: 7, formula: "D2+1" },
          { row: 2, column: 8, formula: 'A2&"x"' },
          { row: 3, column: 7, formula: "D3+1" },
        ],
      },
      { name: "Bilaga 2", rows: [["åäö", "1"]], formulaCells: [] },
    ]);
  });

  test("reads dates in the 1904 date system", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    workbook.addWorksheet("Datum").addRow([new Date(Date.UTC(2024, 4, 17))]);
    const [sheet] = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(sheet?.rows).toEqual([["2024-05-17"]]);
  });

  test("reads the SpreadsheetML variants other writers produce", async () => {
    const styles =
      `<styleSheet xmlns="${MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>` +
      '<numFmt numFmtId="165" formatCode="0.00&quot; kr&quot;"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/>' +
      '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="20"/></cellXfs></styleSheet>';
    const sharedStrings =
      `<sst xmlns="${MAIN_NS}"><si><t>Rubrik</t></si>` +
      '<si><r><rPr><b/></rPr><t>Fet</t></r><r><t xml:space="preserve"> och _x000D_ mer</t></r><rPh><t>フリガナ</t></rPh></si>' +
      "<si><t><![CDATA[a <b> & c]]></t></si></sst>";
    // Prefixed elements (as the .NET Open XML SDK writes), cells and rows without r, gaps.
    const sheet =
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by hand -->\n<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData>` +
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="E1" t="s"><x:v>2</x:v></x:c></x:row>' +
      '<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:r><x:t>inline </x:t></x:r><x:r><x:t>rik &amp; _x0041_ &#229;</x:t></x:r></x:is></x:c>' +
      '<x:c r="C3" t="b"><x:v>0</x:v></x:c><x:c r="D3" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="F3" s="2"><x:v>1234.5</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" s="1"><x:v>45351</x:v></x:c><x:c r="B4" s="3"><x:v>45351.75</x:v></x:c>' +
      '<x:c r="C4" s="4"><x:v>0.5</x:v></x:c><x:c r="D4" t="d"><x:v>2024-02-29T00:00:00Z</x:v></x:c><x:c r="E4" s="1"/></x:row>' +
      '<x:row r="6"><x:c r="A6" t="s" s="3"/></x:row>' +
      "</x:sheetData></x:worksheet>";
    const bytes = await workbookPackage({ sheets: [{ name: "Blad &amp; 1", xml: sheet }], sharedStrings, styles });
    const [read] = await readXlsx(bytes);
    expect(read?.name).toBe("Blad & 1");
    expect(read?.rows).toEqual([
      ["Rubrik", "Fet och \r mer", "", "", "a <b> & c"],
      [],
      ["", "inline rik & A å", "FALSE", "#DIV/0!", "", "1234.5"],
      ["2024-02-29", "2024-02-29 18:00:00", "12:00:00", "2024-02-29"],
    ]);
  });

  test("reads a UTF-16 part and a part with a byte order mark", async () => {
    const xml = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Säkerhet</t></is></c></row>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, "utf8")]);
    const bytes = await workbookPackage({
      sheets: [
        { name: "A", xml: utf16 },
        { name: "B", xml: withBom },
      ],
    });
    expect((await readXlsx(bytes)).map((sheet) => sheet.rows)).toEqual([[["Säkerhet"]], [["Säkerhet"]]]);
  });

  test("gives formula cells their cached value and lists them, shared formulas moved to each cell", async () => {
    const sheet = worksheet(
      '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c>' +
        '<c r="C1"><f t="shared" ref="C1:D2" si="0">A1+$B$1+SUM(A$1:B1)</f><v>6</v></c>' +
        '<c r="D1"><f t="shared" si="0"/><v>7</v></c><c r="E1" t="str"><f>"=x"&amp;A1</f><v>=x2</v></c></row>' +
        '<row r="2"><c r="A2"><v>3</v></c><c r="C2"><f t="shared" si="0"/><v>9</v></c><c r="F2"><f>NOW()</f></c></row>',
    );
    const [read] = await readXlsx(await workbookPackage({ sheets: [{ name: "F", xml: sheet }] }));
    expect(read?.rows).toEqual([
      ["2", "4", "6", "7", "=x2"],
      ["3", "", "9"],
    ]);
    expect(read?.formulaCells).toEqual([
      { row: 1, column: 2, formula: "A1*2" },
      { row: 1, column: 3, formula: "A1+$B$1+SUM(A$1:B1)" },
      { row: 1, column: 4, formula: "B1+$B$1+SUM(B$1:C1)" },
      { row: 1, column: 5, formula: '"=x"&A1' },
      { row: 2, column: 3, formula: "A2+$B$1+SUM(A$1:B2)" },
      { row: 2, column: 6, formula: "NOW()" },
    ]);
  });

  test("refuses more rows than the limit, counting the header", async () => {
    const sheet = (rowCount: number): XlsxSheet => ({
      name: "Krav",
      columns: [{ header: "Ref", width: 10 }],
      rows: Array.from({ length: rowCount }, (_, i) => [`K-${i + 1}`]),
    });
    expect((await readXlsx(await writeXlsx([sheet(9)]), { maxRows: 10 }))[0]?.rows).toHaveLength(10);
    const error = await expectFileError(readXlsx(await writeXlsx([sheet(10)]), { maxRows: 10 }), "tooManyRows");
    expect(error.params).toEqual({ limit: 10 });
    // Default limit 20,000: a value on row 20,001 is one too many.
    const far = worksheet('<row r="20001"><c r="A20001"><v>1</v></c></row>');
    await expectFileError(readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: far }] })), "tooManyRows");
  });

  test("yields to the event loop while parsing a big sheet", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => Array.from({ length: 10 }, (_, c) => `${i}-${c}`));
    const bytes = await writeXlsx([{ name: "Krav", columns: [{ header: "A", width: 10 }], rows }]);
    const spy = vi.spyOn(globalThis, "setImmediate");
    try {
      // Unzipping schedules immediates of its own; what parsing adds on top are the yields.
      await readZip(bytes, { wanted: (name) => /\.(xml|rels)$/i.test(name) });
      const unzipping = spy.mock.calls.length;
      spy.mockClear();
      await readXlsx(bytes);
      // 20,001 cells, a yield every 4,096.
      expect(spy.mock.calls.length - unzipping).toBeGreaterThanOrEqual(4);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("readXlsx refuses hostile and broken files", () => {
  const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

  test("a damaged part gives a file error or a result, never another exception", async () => {
    const parts = await readZip(await writeXlsx([requirementSheet]));
    const pieces = fc.constantFrom(
      "<",
      ">",
      "&",
      '"',
      "</c>",
      "<row>",
      '<c r="XFD9" t="s"><v>99</v></c>',
      '<c t="d"><v>x</v></c>',
      '<f t="shared" si="0"/>',
      "<v>1e999</v>",
      "<!--",
      "<![CDATA[",
      "&#0;",
      "&#x110000;",
      "\u0000",
      "åäö",
    );
    const damage = fc.record({
      part: fc.constantFrom("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"),
      at: fc.nat(),
      cut: fc.nat({ max: 40 }),
      insert: fc.array(pieces, { maxLength: 3 }).map((chosen) => chosen.join("")),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ part, at, cut, insert }) => {
        const text = parts.get(part)?.toString("utf8") ?? "";
        const position = at % (text.length + 1);
        const damaged = text.slice(0, position) + insert + text.slice(position + cut);
        const bytes = await writeZip(
          [...parts].map(([name, data]) => ({ name, data: name === part ? damaged : data })),
        );
        const outcome = await readXlsx(bytes).then(
          () => null,
          (error: unknown) => error,
        );
        if (outcome !== null) expect(outcome).toBeInstanceOf(ExchangeFileError);
      }),
      { numRuns: 200 },
    );
  });

  test("PNG bytes named .xlsx → wrongType", async () => {
    await expectFileError(readXlsx(PNG), "wrongType");
  });

  test("a truncated zip → brokenZip", async () => {
    const bytes = await writeXlsx([requirementSheet]);
    await expectFileError(readXlsx(bytes.subarray(0, Math.floor(bytes.length / 2))), "brokenZip");
  });

  test("a zip that is not a workbook → wrongType", async () => {
    const docx = await writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "<document/>" },
    ]);
    await expectFileError(readXlsx(docx), "wrongType");
  });

  test("a workbook without worksheets, or without any value → empty", async () => {
    await expectFileError(readXlsx(await workbookPackage({ sheets: [] })), "empty");
    const blank = worksheet('<row r="1"><c r="A1" s="1"/></row>');
    await expectFileError(readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: blank }] })), "empty");
  });

  test("a sheet that inflates 1000× (zip bomb) → zipBomb", async () => {
    const bomb = await workbookPackage({
      sheets: [{ name: "A", xml: Buffer.alloc(16 * 1024 * 1024, 0x20) }],
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectFileError(readXlsx(bomb), "zipBomb");
  });

  /** Rewrites the uncompressed size the central directory declares for `entryName`. */
  function declareSize(zip: Buffer, entryName: string, size: number): Buffer {
    const patched = Buffer.from(zip);
    for (
      let offset = patched.indexOf("PK\u0001\u0002");
      offset !== -1;
      offset = patched.indexOf("PK\u0001\u0002", offset + 4)
    ) {
      const nameLength = patched.readUInt16LE(offset + 28);
      if (patched.toString("utf8", offset + 46, offset + 46 + nameLength) === entryName) {
        patched.writeUInt32LE(size, offset + 24);
        return patched;
      }
    }
    throw new Error(`no entry ${entryName}`);
  }

  test("a zip whose declared sizes lie → zipBomb", async () => {
    const honest = await workbookPackage({ sheets: [{ name: "A", xml: Buffer.alloc(4 * 1024 * 1024, 0x20) }] });
    // Declared small enough to pass the ratio check, then inflating gives far more.
    await expectFileError(readXlsx(declareSize(honest, "xl/worksheets/sheet1.xml", 1_000)), "zipBomb");
    // Declared far larger than any import unpacks to.
    await expectFileError(readXlsx(declareSize(honest, "xl/worksheets/sheet1.xml", 400 * 1024 * 1024)), "zipBomb");
  });

  test("cells spread over an implausible grid → zipBomb", async () => {
    const row = (r: number) => `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
    const wide = worksheet(Array.from({ length: 300 }, (_, i) => row(i + 1)).join(""));
    await expectFileError(readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: wide }] })), "zipBomb");
  });

  test("a sheet with an external entity (XXE) → xmlDoctype", async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`;
    await expectFileError(readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: xxe }] })), "xmlDoctype");
  });

  test("billion laughs in the shared strings → xmlDoctype", async () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const laughs = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">${entities}]><sst xmlns="${MAIN_NS}"><si><t>&lol9;</t></si></sst>`;
    const sheet = worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    await expectFileError(
      readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: sheet }], sharedStrings: laughs })),
      "xmlDoctype",
    );
  });

  test("a DOCTYPE in the workbook part, in any letter case → xmlDoctype", async () => {
    const bytes = await workbookPackage({ sheets: [{ name: "A", xml: worksheet("") }] });
    const parts = await readZip(bytes);
    const workbookXml = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
    const hostile = await writeZip(
      [...parts].map(([name, data]) => ({
        name,
        data:
          name === "xl/workbook.xml" ? `<!doctype workbook SYSTEM "http://evil.example/x.dtd">${workbookXml}` : data,
      })),
    );
    await expectFileError(readXlsx(hostile), "xmlDoctype");
  });

  test.each([
    ["a mismatched end tag", '<row r="1"><c r="A1"><v>1</v></row>'],
    ["an unclosed element", '<row r="1"><c r="A1"><v>1</v></c>'],
    ["an undefined entity", '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'],
    ["a bare ampersand", '<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>'],
    ["an unquoted attribute", "<row r=1><c r='A1'><v>1</v></c></row>"],
    ["a duplicate attribute", '<row r="1" r="2"><c r="A1"><v>1</v></c></row>'],
    ["a < in an attribute", '<row r="1<"><c r="A1"><v>1</v></c></row>'],
  ])("malformed XML (%s) → brokenXml", async (_, sheetData) => {
    await expectFileError(
      readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: worksheet(sheetData) }] })),
      "brokenXml",
    );
  });

  test("text that is not UTF-8 → encoding", async () => {
    const latin1 = Buffer.from(
      worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Säkerhet</t></is></c></row>'),
      "latin1",
    );
    await expectFileError(readXlsx(await workbookPackage({ sheets: [{ name: "A", xml: latin1 }] })), "encoding");
  });
});

describe("helpers", () => {
  test("dateKindOfFormat tells dates, times and numbers apart", () => {
    expect(dateKindOfFormat("yyyy-mm-dd")).toBe("date");
    expect(dateKindOfFormat("YYYY-MM-DD")).toBe("date");
    expect(dateKindOfFormat("[$-41D]d mmmm yyyy;@")).toBe("date");
    expect(dateKindOfFormat("mmm")).toBe("date");
    expect(dateKindOfFormat("yyyy-mm-dd hh:mm")).toBe("dateTime");
    expect(dateKindOfFormat("h:mm")).toBe("time");
    expect(dateKindOfFormat("[h]:mm:ss")).toBe("time");
    expect(dateKindOfFormat("General")).toBeNull();
    expect(dateKindOfFormat("0.00")).toBeNull();
    expect(dateKindOfFormat('#,##0 "dagar"')).toBeNull();
    expect(dateKindOfFormat("[Red]0.00;[Blue]-0.00")).toBeNull();
  });

  test("shiftFormula moves relative references only", () => {
    expect(shiftFormula("A1+$B$1+B$2+$C3", 2, 1)).toBe("B3+$B$1+C$2+$C5");
    expect(shiftFormula('LOG10(A1)&"A1"', 1, 0)).toBe('LOG10(A2)&"A1"');
    expect(shiftFormula("'Blad 1'!A1+Blad2!B2", 1, 0)).toBe("'Blad 1'!A2+Blad2!B3");
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
  });
});
