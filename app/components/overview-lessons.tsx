import { Link } from "@remix-run/react";

import type { OverviewLesson } from "~/models/overview.server";
import { useT } from "~/utils/i18n";

import { severityLabel } from "./overview-labels";
import { louPhaseLabel } from "~/utils/lou-phases";
import { EmptyState, OverviewSection } from "./overview-section";

/** Panel 7: the newest lessons the viewer may read, with severity, linking to each lesson. */
export function RecentLessons({ lessons }: { lessons: { items: readonly OverviewLesson[]; total: number } }) {
  const t = useT();
  return (
    <OverviewSection id="lessons" heading={t("overview.lessons.heading")}>
      {lessons.items.length === 0 ? (
        <EmptyState>{t("overview.lessons.empty")}</EmptyState>
      ) : (
        <table className="overview-table">
          <caption>{t("overview.lessons.tableCaption", { shown: lessons.items.length, total: lessons.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.col.lesson")}</th>
              <th scope="col">{t("overview.col.severity")}</th>
              <th scope="col">{t("overview.col.phase")}</th>
              <th scope="col">{t("overview.col.region")}</th>
              <th scope="col">{t("overview.col.sourceDate")}</th>
            </tr>
          </thead>
          <tbody>
            {lessons.items.map((lesson) => (
              <tr key={lesson.id}>
                <th scope="row">
                  <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>
                </th>
                <td>
                  <span className={`severity severity-${lesson.severity}`}>{t(severityLabel[lesson.severity])}</span>
                </td>
                <td>{lesson.phase ? t(louPhaseLabel[lesson.phase]) : t("overview.none")}</td>
                <td>{lesson.regionName}</td>
                <td>
                  {lesson.sourceDate ? t.date(lesson.sourceDate) : t("overview.none")}
                  {lesson.unverified ? <span className="overview-subline">{t("overview.unverified")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="overview-more">
        <Link to="/lessons">{t("overview.lessons.all")}</Link>
      </p>
    </OverviewSection>
  );
}
