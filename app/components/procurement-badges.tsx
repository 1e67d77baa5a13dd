import { Link } from "@remix-run/react";

import { useT } from "~/utils/i18n";
import { visibilityLabel } from "~/utils/labels";
import { phaseNumber, ragLabel, type RagStatus } from "~/utils/procurement-fields";
import { louPhaseLabel, type LouPhase } from "~/utils/lou-phases";
import type { Visibility } from "~/utils/requirement-fields";

/** A shape per status as well as a colour, so RAG never rests on colour alone (the text says it too). */
const RAG_SYMBOL: Record<RagStatus, string> = { green: "●", amber: "▲", red: "■" };

/** "■ Röd": colour, shape and word. */
export function RagBadge({ rag }: { rag: RagStatus }) {
  const t = useT();
  return (
    <span className={`rag rag-${rag}`}>
      <span className="rag-symbol" aria-hidden="true">
        {RAG_SYMBOL[rag]}
      </span>{" "}
      {t(ragLabel[rag])}
    </span>
  );
}

/** "Upphandlingsdokument (fas 4 av 13)"; avbruten stands alone. */
export function PhaseText({ phase }: { phase: LouPhase }) {
  const t = useT();
  if (phase === "cancelled") return <span className="phase phase-cancelled">{t(louPhaseLabel[phase])}</span>;
  return (
    <span className="phase">
      {t(louPhaseLabel[phase])}{" "}
      <span className="muted">{t("procurements.phaseOf", { number: phaseNumber(phase), total: 13 })}</span>
    </span>
  );
}

/** The "ej verifierad" marker of a date or fact the source flags as not yet checked (explained under each table). */
export function UnverifiedMarker() {
  const t = useT();
  return <span className="badge unverified">{t("procurements.unverified")}</span>;
}

export type ProcurementHeaderData = {
  id: string;
  title: string;
  leadRegionName: string;
  phase: LouPhase;
  rag: RagStatus;
  visibility: Visibility;
  collaborationName: string | null;
  archivedAt: string | null;
};

/** Breadcrumbs, heading and the status line of every procurement page. */
export function ProcurementHeader({ procurement, heading }: { procurement: ProcurementHeaderData; heading?: string }) {
  const t = useT();
  return (
    <header className="procurement-header">
      <p className="breadcrumbs">
        <Link to="/procurements">{t("procurements.title")}</Link> / {procurement.leadRegionName}
        {heading ? (
          <>
            {" / "}
            <Link to={`/procurements/${procurement.id}`}>{procurement.title}</Link>
          </>
        ) : null}
      </p>
      <h1>{heading ?? procurement.title}</h1>
      <p className="set-meta">
        <RagBadge rag={procurement.rag} /> <PhaseText phase={procurement.phase} />{" "}
        <span className="badge">
          {t(visibilityLabel[procurement.visibility])}
          {procurement.collaborationName ? `: ${procurement.collaborationName}` : ""}
        </span>
        {procurement.archivedAt ? <span className="badge badge-denied">{t("procurements.archived")}</span> : null}
      </p>
    </header>
  );
}

export function toProcurementHeader(procurement: {
  id: string;
  title: string;
  leadRegionName: string;
  phase: LouPhase;
  rag: RagStatus;
  visibility: Visibility;
  collaborationName: string | null;
  archivedAt: Date | null;
}): ProcurementHeaderData {
  return {
    id: procurement.id,
    title: procurement.title,
    leadRegionName: procurement.leadRegionName,
    phase: procurement.phase,
    rag: procurement.rag,
    visibility: procurement.visibility,
    collaborationName: procurement.collaborationName,
    archivedAt: procurement.archivedAt?.toISOString() ?? null,
  };
}
