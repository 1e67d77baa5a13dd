import { Link, useLocation } from "@remix-run/react";

import { useDelegatedLinks } from "~/components/delegated-links";

import type { MessageKey } from "~/i18n/sv";
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
  // Plain links with one delegated listener (client-side navigation) rather than a NavLink per
  // tab: every NavLink resolves and matches its route on each render of every set page.
  const { pathname } = useLocation();
  const tabsRef = useDelegatedLinks<HTMLUListElement>();
  const base = `/sets/${set.id}`;
  const tabs: Array<{ to: string; label: MessageKey; end?: boolean }> = [
    { to: base, label: "sets.tabRequirements", end: true },
    { to: `${base}/sections`, label: "sets.tabStructure" },
    { to: `${base}/baselines`, label: "sets.tabBaselines" },
    { to: `${base}/diff`, label: "sets.tabDiff" },
    { to: `${base}/comments`, label: "sets.tabComments" },
    { to: `${base}/reviews`, label: "sets.tabReviews" },
    { to: `${base}/reuse`, label: "sets.tabReuse" },
    { to: `${base}/activity`, label: "sets.tabActivity" },
    { to: `${base}/settings`, label: "sets.tabSettings" },
  ];
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
        <ul ref={tabsRef}>
          {tabs.map((tab) => {
            // As NavLink would: the set's own page only when exact, the others with their sub-pages.
            const current = tab.end ? pathname === tab.to : pathname === tab.to || pathname.startsWith(`${tab.to}/`);
            return (
              <li key={tab.to}>
                <a href={tab.to} className={current ? "active" : undefined} aria-current={current ? "page" : undefined}>
                  {t(tab.label)}
                </a>
              </li>
            );
          })}
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
