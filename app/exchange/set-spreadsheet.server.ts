import type { Language } from "~/utils/i18n";
import { translate } from "~/utils/i18n";

import type { ExchangeSet } from "./exchange-set";
import { setToTable } from "./tabular";
import { writeXlsx, type XlsxSheet } from "./xlsx.server";

/**
 * The set as a workbook: the requirements sheet (frozen header, filters, ska/bör filled so they
 * read at a glance), the sections sheet that keeps section identity on a re-import, and a sheet
 * about the set. Sheet names come from the dictionaries; the importer recognises both languages.
 */
export async function writeSetXlsx(set: ExchangeSet, language: Language): Promise<Buffer> {
  const table = setToTable(set, language);
  const obligationColumn = table.columns.findIndex((column) => column.key === "obligation");
  const requirementsSheet: XlsxSheet = {
    name: translate(language, "exchange.sheet.requirements"),
    columns: table.columns.map(({ header, width, wrap }) => ({ header, width, wrap })),
    rows: table.rows,
    freezeHeader: true,
    autoFilter: true,
    highlight: {
      column: obligationColumn,
      fills: {
        [translate(language, "exchange.tabular.value.ska")]: "strong",
        [translate(language, "exchange.tabular.value.bor")]: "soft",
      },
    },
  };
  const sectionsSheet: XlsxSheet = {
    name: translate(language, "exchange.sheet.sections"),
    columns: table.sections.header.map((header, index) => ({ header, width: index === 1 ? 50 : 38 })),
    rows: table.sections.rows,
    freezeHeader: true,
  };
  const aboutSheet: XlsxSheet = {
    name: translate(language, "exchange.sheet.about"),
    columns: [
      { header: translate(language, "exchange.sheet.aboutField"), width: 28 },
      { header: translate(language, "exchange.sheet.aboutValue"), width: 70, wrap: true },
    ],
    rows: table.metadata,
    freezeHeader: true,
  };
  return writeXlsx([requirementsSheet, sectionsSheet, aboutSheet], { title: set.set.title, creator: "Samkrav" });
}
