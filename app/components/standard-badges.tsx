import { useT } from "~/utils/i18n";
import {
  adoptionStatusLabel,
  adoptionStatusLetter,
  commonLevelLabel,
  standardLifecycleLabel,
  type AdoptionCellStatus,
  type CommonLevel,
  type StandardLifecycle,
} from "~/utils/standard-fields";

/** Gällande / På väg in / Utgående, as words (the colour only repeats them). */
export function LifecycleBadge({ lifecycle }: { lifecycle: StandardLifecycle }) {
  const t = useT();
  return <span className={`badge lifecycle-${lifecycle}`}>{t(standardLifecycleLabel[lifecycle])}</span>;
}

/** "3R: krav · Sussa samverkan: rekommendation" */
export function CommonBadges({
  markings,
}: {
  markings: ReadonlyArray<{ collaborationName: string; level: CommonLevel }>;
}) {
  const t = useT();
  if (markings.length === 0) return null;
  return (
    <ul className="plain common-list">
      {markings.map((marking) => (
        <li key={marking.collaborationName}>
          <span className={`badge common-${marking.level}`}>
            {t("standards.commonBadge", {
              collaboration: marking.collaborationName,
              level: t(commonLevelLabel[marking.level]),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A status with its matrix letter, so the page and the matrix read the same way. */
export function AdoptionStatus({ status }: { status: AdoptionCellStatus }) {
  const t = useT();
  return (
    <span className="adoption-status">
      <span className={`status-chip status-${status}`} aria-hidden="true">
        {t(adoptionStatusLetter[status])}
      </span>{" "}
      {t(adoptionStatusLabel[status])}
    </span>
  );
}
