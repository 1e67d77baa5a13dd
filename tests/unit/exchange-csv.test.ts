import { describe, expect, test } from "vitest";

import { readCsv, writeCsv } from "~/exchange/csv.server";
import { ExchangeFileError } from "~/exchange/exchange-error";

const encode = (text: string) => new TextEncoder().encode(text);
/** The written bytes as text, byte order mark included. */
const csvText = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);

/** The error a read throws, so a test can look at its code and params. */
function readError(bytes: Uint8Array, options?: Parameters<typeof readCsv>[1]): ExchangeFileError {
  try {
    readCsv(bytes, options);
  } catch (error) {
    if (error instanceof ExchangeFileError) return error;
    throw error;
  }
  throw new Error("readCsv did not throw");
}

describe("writeCsv", () => {
  test("starts with a byte order mark, ends each record with CRLF and writes null as empty", () => {
    const bytes = writeCsv({ header: ["Nr", "Vikt", "Ambition"], rows: [["IS-001", 10, null]] }, { delimiter: ";" });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvText(bytes)).toBe("\uFEFFNr;Vikt;Ambition\r\nIS-001;10;\r\n");
  });

  test("quotes a cell only when it holds the delimiter, a quote or a line break (RFC 4180)", () => {
    const rows = [
      ["a;b", "a,b", 'säg "hej"', "rad ett\nrad två", "retur\r", "vanlig"],
      ["vanlig", 'bara "citat"'],
      ["vanlig", "rad\nbrytning"],
      ["vanlig", "komma, här"],
    ];
    expect(csvText(writeCsv({ header: [], rows }, { delimiter: ";" }))).toBe(
      '\uFEFF\r\n"a;b";a,b;"säg ""hej""";"rad ett\nrad två";"retur\r";vanlig\r\n' +
        'vanlig;"bara ""citat"""\r\nvanlig;"rad\nbrytning"\r\nvanlig;komma, här\r\n',
    );
    expect(csvText(writeCsv({ header: [], rows }, { delimiter: "," }))).toBe(
      '\uFEFF\r\na;b,"a,b","säg ""hej""","rad ett\nrad två","retur\r",vanlig\r\n' +
        'vanlig,"bara ""citat"""\r\nvanlig,"rad\nbrytning"\r\nvanlig,"komma, här"\r\n',
    );
  });

  test("neutralises cells a spreadsheet would run as formulas with one leading apostrophe", () => {
    const cells = ["=1+1", "+46", "-x", "@SUM(A1)", "\tflik", "\rretur", "'=redan", "''-två", "'citat", "a=b", -5];
    const csv = csvText(writeCsv({ header: [], rows: [cells] }, { delimiter: ";" }));
    expect(csv.split("\r\n")[1]).toBe(`'=1+1;'+46;'-x;'@SUM(A1);'\tflik;"'\rretur";''=redan;'''-två;'citat;a=b;'-5`);
  });
});

describe("readCsv", () => {
  test("reads its own output back exactly, with either delimiter", () => {
    const rows = [
      ["Kravnummer", "Kravtext", "Taggar"],
      ["IS-001", 'Leverantören ska; "alltid", svara\r\npå svenska', '"a, b", c'],
      ["=1+1", "'=redan", "'citat"],
      ["", "", ""],
      ["IS-002", "sista", ""],
    ];
    for (const delimiter of [";", ","] as const) {
      const csv = writeCsv({ header: rows[0] ?? [], rows: rows.slice(1) }, { delimiter });
      expect(readCsv(csv)).toEqual(rows);
    }
  });

  test("strips exactly one apostrophe before a formula character and leaves other apostrophes alone", () => {
    const bytes = encode("'=1+1;''-x;'text;'';it's\r\n");
    expect(readCsv(bytes)).toEqual([["=1+1", "'-x", "'text", "''", "it's"]]);
  });

  test("detects semicolon, comma and tab, even with decimal commas, a title row and a trailing line break", () => {
    expect(readCsv(encode("Kravspecifikation\r\nNr;Vikt;Text\r\nIS-001;2,5;a, b\r\nIS-002;3,5;c\r\n"))).toEqual([
      ["Kravspecifikation"],
      ["Nr", "Vikt", "Text"],
      ["IS-001", "2,5", "a, b"],
      ["IS-002", "3,5", "c"],
    ]);
    expect(readCsv(encode('Nr,Text\nIS-001,"a; b"\nIS-002,c;d\n'))).toEqual([
      ["Nr", "Text"],
      ["IS-001", "a; b"],
      ["IS-002", "c;d"],
    ]);
    expect(readCsv(encode("Nr\tText\r\nIS-001\ta, b; c\r\n"))).toEqual([
      ["Nr", "Text"],
      ["IS-001", "a, b; c"],
    ]);
  });

  test("an explicit delimiter wins over detection", () => {
    expect(readCsv(encode("a;b,c\r\n"), { delimiter: "," })).toEqual([["a;b", "c"]]);
  });

  test("keeps empty records inside the file, so row numbers match the spreadsheet, and drops them at the end", () => {
    expect(readCsv(encode("a;b\r\n\r\nc;d\r\n\r\n;\r\n"))).toEqual([["a", "b"], [""], ["c", "d"]]);
  });

  test("strips the UTF-8 byte order mark", () => {
    const rows = readCsv(encode("\uFEFFKravnummer;Kravtext\r\nIS-001;å ä ö\r\n"));
    expect(rows[0]?.[0]).toBe("Kravnummer");
    expect(rows[1]?.[1]).toBe("å ä ö");
  });

  test("reads a Windows-1252 file from Swedish Excel", () => {
    const text = "Område;Kravtext\r\nÅtkomst;Lösenord får inte lagras – ”€” ’x’\r\n";
    const cp1252: Record<string, number> = {
      å: 0xe5,
      ä: 0xe4,
      ö: 0xf6,
      Å: 0xc5,
      Ä: 0xc4,
      Ö: 0xd6,
      "–": 0x96,
      "€": 0x80,
      "”": 0x94,
      "’": 0x92,
    };
    const bytes = Uint8Array.from([...text].map((char) => cp1252[char] ?? char.charCodeAt(0)));
    expect(readCsv(bytes)).toEqual([
      ["Område", "Kravtext"],
      ["Åtkomst", "Lösenord får inte lagras – ”€” ’x’"],
    ]);
  });

  test("reads UTF-16 with a byte order mark (Excel's Unicode text)", () => {
    const text = "Nr\tKravtext\r\nIS-001\tÅtkomst styrs av HSA\r\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((char, index) => {
      bytes[2 + index * 2] = char.charCodeAt(0) & 0xff;
      bytes[3 + index * 2] = char.charCodeAt(0) >> 8;
    });
    expect(readCsv(bytes)).toEqual([
      ["Nr", "Kravtext"],
      ["IS-001", "Åtkomst styrs av HSA"],
    ]);
  });

  test("refuses binary files", () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    expect(readError(png).code).toBe("wrongType");
  });

  test("refuses a file without rows", () => {
    expect(readError(new Uint8Array()).code).toBe("empty");
    expect(readError(encode("\uFEFF\r\n\r\n;;\r\n")).code).toBe("empty");
  });

  test("refuses more rows than the limit, saying the limit", () => {
    const csv = "Nr;Text\r\n" + Array.from({ length: 5 }, (_, index) => `IS-00${index};x\r\n`).join("");
    const error = readError(encode(csv), { maxRows: 5 });
    expect(error.code).toBe("tooManyRows");
    expect(error.params).toEqual({ limit: 5 });
    expect(readCsv(encode(csv), { maxRows: 6 })).toHaveLength(6);
  });
});
