import { Form, Link, useSearchParams } from "@remix-run/react";

import { useT } from "~/utils/i18n";
import { auditActionLabel, auditOutcomeLabel } from "~/utils/labels";

export type AuditEventView = {
  id: string;
  occurredAt: string;
  action: string;
  outcome: "success" | "failure" | "denied";
  actorName: string | null;
  actorEmail: string | null;
  regionName: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: string | null;
};

function actionLabel(t: ReturnType<typeof useT>, action: string): string {
  const key = (
    auditActionLabel as Record<string, (typeof auditActionLabel)[keyof typeof auditActionLabel] | undefined>
  )[action];
  return key ? t(key) : action;
}

/** The audit table with its filters (person, action, date range); shared by region and platform views. */
export function AuditLog({
  events,
  people,
  page,
  hasMore,
  showRegion,
}: {
  events: AuditEventView[];
  people: Array<{ userId: string; name: string }>;
  page: number;
  hasMore: boolean;
  showRegion: boolean;
}) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(target));
    return `?${next}`;
  };
  return (
    <>
      <Form method="get" className="filters" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.person")}</label>
          <select id="audit-actor" name="actor" defaultValue={searchParams.get("actor") ?? ""}>
            <option value="">{t("audit.anyone")}</option>
            {people.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={searchParams.get("action") ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            {Object.entries(auditActionLabel).map(([action, key]) => (
              <option key={action} value={action}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={searchParams.get("from") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={searchParams.get("to") ?? ""} />
        </div>
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      <table>
        <caption>{t("audit.caption", { count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.person")}</th>
            {showRegion ? <th scope="col">{t("audit.region")}</th> : null}
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.outcome")}</th>
            <th scope="col">{t("audit.target")}</th>
            <th scope="col">{t("audit.requestId")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{t.dateTime(event.occurredAt)}</td>
              <td>{event.actorName ?? event.actorEmail ?? t("audit.unknownPerson")}</td>
              {showRegion ? <td>{event.regionName ?? "–"}</td> : null}
              <td>{actionLabel(t, event.action)}</td>
              <td>
                <span className={`badge badge-${event.outcome}`}>{t(auditOutcomeLabel[event.outcome])}</span>
              </td>
              <td>
                {event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : "–"}
                {event.details ? <div className="muted">{event.details}</div> : null}
              </td>
              <td>
                <code>{event.requestId?.slice(0, 8) ?? "–"}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label={t("audit.pages")}>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("audit.newer")}</Link> : null}
        {hasMore ? <Link to={pageLink(page + 1)}>{t("audit.older")}</Link> : null}
      </nav>
    </>
  );
}
