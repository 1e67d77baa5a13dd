import type { AdoptionSummary } from "~/models/library.server";
import { useT } from "~/utils/i18n";

/** "Används av 5 av 8 regioner, 2 anpassade, 1 avböjd" under a library requirement. */
export function AdoptionLine({ summary }: { summary: AdoptionSummary }) {
  const t = useT();
  if (summary.regions === 0) return null;
  const parts = [t("library.adoptionShort", { used: summary.used, regions: summary.regions })];
  if (summary.adapted > 0) parts.push(t("library.adoptionAdapted", { count: summary.adapted }));
  if (summary.declined > 0) parts.push(t("library.adoptionDeclined", { count: summary.declined }));
  return <p className="muted">{parts.join(", ")}</p>;
}

export function formatCount(language: "sv" | "en", value: number): string {
  return new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB").format(value);
}
