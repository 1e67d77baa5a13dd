import { Link, NavLink } from "@remix-run/react";

import { useT } from "~/utils/i18n";
import { setStatusLabel, visibilityLabel } from "~/utils/labels";
import type { SetStatus, Visibility } from "~/utils/requirement-fields";

export type SetHeaderData = {
  id: string;
  title: string;
  status: SetStatus;
  visibility: Visibility;
  collaborationName: string | null;
  ownerRegionName: string;
  archivedAt: string | null;
  total: number;
  ska: number;
  bor: number;
  /** Live requirements whose library source changed since their owner last acted (reuse). */
  sourceChanged: number;
};

/** Title, status, sharing and counts of a set, with its sub-pages as tabs. */
export function SetHeader({ set, heading }: { set: SetHeaderData; heading?: string }) {
  const t = useT();
  return (
    <header className="set-header">
      <p className="breadcrumbs">
        <Link to="/sets">{t("sets.pageTitle")}</Link> / {set.ownerRegionName}
      </p>
      <h1>{heading ?? set.title}</h1>
      {heading ? <p className="muted">{set.title}</p> : null}
      <p className="set-meta">
        <span className={`badge status-${set.status}`}>{t(setStatusLabel[set.status])}</span>{" "}
        <span className="badge">
          {t(visibilityLabel[set.visibility])}
          {set.collaborationName ? `: ${set.collaborationName}` : ""}
        </span>{" "}
        {set.archivedAt ? <span className="badge badge-denied">{t("sets.archived")}</span> : null}{" "}
        <span>{t("sets.counts", { ska: set.ska, bor: set.bor, total: set.total })}</span>
        {set.sourceChanged > 0 ? (
          <>
            {" "}
            <Link to={`/sets/${set.id}/reuse#source-changed`} className="badge badge-denied">
              {t("reuse.setHeaderChanged", { count: set.sourceChanged })}
            </Link>
          </>
        ) : null}
      </p>
      <nav aria-label={t("sets.subNav")} className="tabs">
        <ul>
          <li>
            <NavLink to={`/sets/${set.id}`} end>
              {t("sets.tabRequirements")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/sections`}>{t("sets.tabStructure")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/baselines`}>{t("sets.tabBaselines")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/diff`}>{t("sets.tabDiff")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/comments`}>{t("sets.tabComments")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/reviews`}>{t("sets.tabReviews")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/reuse`}>{t("sets.tabReuse")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/activity`}>{t("sets.tabActivity")}</NavLink>
          </li>
          <li>
            <NavLink to={`/sets/${set.id}/settings`}>{t("sets.tabSettings")}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}

export function toSetHeader(
  set: Omit<SetHeaderData, "archivedAt"> & { archivedAt: Date | string | null },
): SetHeaderData {
  return {
    id: set.id,
    title: set.title,
    status: set.status,
    visibility: set.visibility,
    collaborationName: set.collaborationName,
    ownerRegionName: set.ownerRegionName,
    archivedAt: set.archivedAt ? new Date(set.archivedAt).toISOString() : null,
    total: set.total,
    ska: set.ska,
    bor: set.bor,
    sourceChanged: set.sourceChanged,
  };
}
