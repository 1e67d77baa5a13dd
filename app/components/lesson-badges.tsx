import { useT } from "~/utils/i18n";
import { areaLabel, isArea } from "~/utils/labels";
import { severityLabel, type LessonSeverity } from "~/utils/lesson-fields";

/**
 * "Allvarlighet: Hög", coloured by severity with the word always written out; `bare` leaves out
 * "Allvarlighet:" where a column header says it already.
 */
export function SeverityBadge({ severity, bare = false }: { severity: LessonSeverity; bare?: boolean }) {
  const t = useT();
  const label = t(severityLabel[severity]);
  return (
    <span className={`badge severity-${severity}`}>
      {bare ? label : t("lessons.severityBadge", { severity: label })}
    </span>
  );
}

/** The source flags a fact as not yet verified (DOMAIN.md "(verify)"). */
export function UnverifiedBadge() {
  const t = useT();
  return <span className="badge lesson-unverified">{t("lessons.unverified")}</span>;
}

/** Area codes (IS, BL …), each with its name for screen readers and on hover. */
export function AreaCodes({ areas }: { areas: readonly string[] }) {
  const t = useT();
  if (areas.length === 0) return <>–</>;
  return (
    <ul className="plain lesson-area-codes">
      {areas.map((area) => (
        <li key={area}>
          {isArea(area) ? (
            <span title={t(areaLabel[area])}>
              <span aria-hidden="true">{area}</span>
              <span className="visually-hidden">{t(areaLabel[area])}</span>
            </span>
          ) : (
            area
          )}
        </li>
      ))}
    </ul>
  );
}
