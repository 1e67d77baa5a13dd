/** The export formats in the order the export page offers them; shared by the page and the download route. */
export const EXPORT_FORMATS = ["xlsx", "docx", "csv", "json", "reqif", "reqifz"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return EXPORT_FORMATS.some((format) => format === value);
}
