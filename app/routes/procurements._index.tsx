import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { PhaseText, RagBadge } from "~/components/procurement-badges";
import { getProcurementFilterOptions, listProcurements } from "~/models/procurements.server";
import { requireUser } from "~/utils/auth.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import {
  PROCUREMENT_SORTS,
  RAG_STATUSES,
  ragLabel,
  type ProcurementSort,
  type RagStatus,
} from "~/utils/procurement-fields";
import { LOU_PHASES, louPhaseLabel } from "~/utils/lou-phases";
import { UuidSchema } from "~/utils/schemas";

/** Query parameters of the list; each is checked alone so one bad value does not hide the rest. */
const ListParams = {
  phase: z.enum(LOU_PHASES),
  rag: z.enum(RAG_STATUSES),
  lead: UuidSchema,
  collaboration: UuidSchema,
  participant: UuidSchema,
  sort: z.enum(PROCUREMENT_SORTS),
  archived: z.literal("1"),
};
type ParamName = keyof typeof ListParams;

function parseParams(url: URL) {
  const ignored: ParamName[] = [];
  const read = <K extends ParamName>(name: K): z.infer<(typeof ListParams)[K]> | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return undefined;
    const parsed = ListParams[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<(typeof ListParams)[K]>;
    ignored.push(name);
    return undefined;
  };
  return {
    filters: {
      phase: read("phase"),
      rag: read("rag"),
      leadRegionId: read("lead"),
      collaborationId: read("collaboration"),
      participantRegionId: read("participant"),
      archived: read("archived") === "1",
      sort: read("sort") ?? "title",
    },
    ignored,
  };
}

/** The procurements the user may read (led, taken part in or shared with them), with filters in the URL. */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const { filters, ignored } = parseParams(new URL(request.url));
  const [{ procurements, ragCounts }, options] = await Promise.all([
    listProcurements({ principal: auth.principal, filters }),
    getProcurementFilterOptions(),
  ]);
  const canCreate =
    auth.currentRegionId !== null &&
    can(auth.principal, "procurement.create", { type: "region", regionId: auth.currentRegionId });
  return { filters, ignored, options, procurements, ragCounts, canCreate };
}

const SORT_LABEL: Record<ProcurementSort, MessageKey> = {
  title: "procurements.sort.title",
  lead: "procurements.sort.lead",
  phase: "procurements.sort.phase",
  rag: "procurements.sort.rag",
  report: "procurements.sort.report",
};

const PARAM_LABEL: Record<ParamName, MessageKey> = {
  phase: "procurements.filter.phase",
  rag: "procurements.filter.rag",
  lead: "procurements.filter.lead",
  collaboration: "procurements.filter.collaboration",
  participant: "procurements.filter.participant",
  sort: "procurements.filter.sort",
  archived: "procurements.showArchived",
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The list's URL with one parameter changed (or removed), the others kept: a view to share as a link. */
function listHref(filters: LoaderData["filters"], change: Partial<Record<ParamName, string | undefined>>): string {
  const params = new URLSearchParams();
  const current: Record<ParamName, string | undefined> = {
    phase: filters.phase,
    rag: filters.rag,
    lead: filters.leadRegionId,
    collaboration: filters.collaborationId,
    participant: filters.participantRegionId,
    sort: filters.sort === "title" ? undefined : filters.sort,
    archived: filters.archived ? "1" : undefined,
  };
  for (const [name, value] of Object.entries({ ...current, ...change })) {
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `/procurements?${query}` : "/procurements";
}

export default function ProcurementsRoute() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { filters, options, procurements, ragCounts } = data;
  return (
    <>
      <div className="page-header">
        <h1>{t("procurements.title")}</h1>
        <p className="button-row">
          {data.canCreate ? (
            <Link to="/procurements/new" className="button">
              {t("procurements.new")}
            </Link>
          ) : null}
          {filters.archived ? (
            <Link to={listHref(filters, { archived: undefined })}>{t("procurements.showActive")}</Link>
          ) : (
            <Link to={listHref(filters, { archived: "1" })}>{t("procurements.showArchived")}</Link>
          )}
        </p>
      </div>
      <p>{t("procurements.intro")}</p>
      <Form method="get" className="filters card" aria-label={t("procurements.filters")}>
        {filters.archived ? <input type="hidden" name="archived" value="1" /> : null}
        <FilterSelect
          name="phase"
          label={t("procurements.filter.phase")}
          value={filters.phase}
          options={LOU_PHASES.map((phase) => ({ value: phase, label: t(louPhaseLabel[phase]) }))}
        />
        <FilterSelect
          name="rag"
          label={t("procurements.filter.rag")}
          value={filters.rag}
          options={RAG_STATUSES.map((rag) => ({ value: rag, label: t(ragLabel[rag]) }))}
        />
        <FilterSelect
          name="lead"
          label={t("procurements.filter.lead")}
          value={filters.leadRegionId}
          options={options.regions.map((region) => ({ value: region.id, label: region.name }))}
        />
        <FilterSelect
          name="participant"
          label={t("procurements.filter.participant")}
          value={filters.participantRegionId}
          options={options.regions.map((region) => ({ value: region.id, label: region.name }))}
        />
        <FilterSelect
          name="collaboration"
          label={t("procurements.filter.collaboration")}
          value={filters.collaborationId}
          options={options.collaborations.map((collaboration) => ({
            value: collaboration.id,
            label: collaboration.name,
          }))}
        />
        <div className="field">
          <label htmlFor="procurements-sort">{t("procurements.filter.sort")}</label>
          <select id="procurements-sort" name="sort" defaultValue={filters.sort}>
            {PROCUREMENT_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(SORT_LABEL[sort])}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit">{t("procurements.filter.submit")}</button>
          <Link to={filters.archived ? "/procurements?archived=1" : "/procurements"}>
            {t("procurements.filter.clear")}
          </Link>
        </div>
      </Form>
      {data.ignored.length > 0 ? (
        <p role="status" className="notice">
          {t("procurements.filter.ignored", { fields: data.ignored.map((name) => t(PARAM_LABEL[name])).join(", ") })}
        </p>
      ) : null}
      <section aria-labelledby="rag-counts-heading" className="rag-counts">
        <h2 id="rag-counts-heading" className="visually-hidden">
          {t("procurements.countsHeading")}
        </h2>
        <p role="status">
          {filters.archived
            ? t("procurements.countArchived", { count: procurements.length })
            : t("procurements.count", { count: procurements.length })}
        </p>
        <ul className="plain rag-count-list">
          {(["red", "amber", "green"] as const satisfies readonly RagStatus[]).map((rag) => (
            <li key={rag}>
              <Link
                to={listHref(filters, { rag: filters.rag === rag ? undefined : rag })}
                aria-current={filters.rag === rag ? "true" : undefined}
              >
                <RagBadge rag={rag} /> {t("procurements.ragCount", { count: ragCounts[rag] })}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {procurements.length === 0 ? (
        <p>{t("procurements.none")}</p>
      ) : (
        <table className="procurement-table">
          <caption>{t("procurements.caption", { count: procurements.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("procurements.column.title")}</th>
              <th scope="col">{t("procurements.column.lead")}</th>
              <th scope="col">{t("procurements.column.participants")}</th>
              <th scope="col">{t("procurements.column.phase")}</th>
              <th scope="col">{t("procurements.column.rag")}</th>
              <th scope="col">{t("procurements.column.latestReport")}</th>
            </tr>
          </thead>
          <tbody>
            {procurements.map((procurement) => (
              <tr key={procurement.id}>
                <td>
                  <Link to={`/procurements/${procurement.id}`}>{procurement.title}</Link>
                  {procurement.caseNumber ? (
                    <div className="muted">{t("procurements.caseNumberShort", { number: procurement.caseNumber })}</div>
                  ) : null}
                </td>
                <td>{procurement.leadRegionName}</td>
                <td>
                  {procurement.participants.length === 0 ? (
                    <>
                      <span aria-hidden="true">–</span>
                      <span className="visually-hidden">{t("procurements.noParticipants")}</span>
                    </>
                  ) : (
                    procurement.participants.map((region) => region.shortName).join(", ")
                  )}
                </td>
                <td>
                  <PhaseText phase={procurement.phase} />
                </td>
                <td>
                  <RagBadge rag={procurement.rag} />
                </td>
                <td>
                  {procurement.latestReport ? (
                    <>
                      <Link to={`/procurements/${procurement.id}#status-reports`}>
                        {t.date(procurement.latestReport.writtenOn)}
                      </Link>
                      <div className="muted">
                        {t("procurements.period", {
                          start: t.date(procurement.latestReport.periodStart),
                          end: t.date(procurement.latestReport.periodEnd),
                        })}
                      </div>
                    </>
                  ) : (
                    <span className="muted">{t("procurements.noReports")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
}) {
  const t = useT();
  const id = `procurements-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("procurements.filter.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "procurements.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
