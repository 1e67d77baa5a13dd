import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { AreaCodes, SeverityBadge, UnverifiedBadge } from "~/components/lesson-badges";
import { LESSONS_PAGE_SIZE, listLessons, type FacetCount } from "~/models/lessons.server";
import { requireUser } from "~/utils/auth.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { areaLabel, visibilityLabel } from "~/utils/labels";
import {
  LESSON_SEVERITIES,
  LESSON_SORTS,
  LESSON_SOURCE_KINDS,
  severityLabel,
  sourceKindLabel,
} from "~/utils/lesson-fields";
import { LOU_PHASES, louPhaseLabel } from "~/utils/lou-phases";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { AREAS } from "~/utils/requirement-fields";
import { UuidSchema } from "~/utils/schemas";

/** Query parameters of the list; each is checked alone so one bad value does not hide the rest. */
const LessonParams = {
  q: z.string().trim().max(200),
  area: z.enum(AREAS),
  phase: z.enum(LOU_PHASES),
  severity: z.enum(LESSON_SEVERITIES),
  kind: z.enum(LESSON_SOURCE_KINDS),
  region: UuidSchema,
  archived: z.literal("1"),
  sort: z.enum(LESSON_SORTS),
  page: z.coerce.number().int().min(1).max(10_000),
};
type ParamName = keyof typeof LessonParams;

function parseParams(url: URL) {
  const ignored: ParamName[] = [];
  const read = <K extends ParamName>(name: K): z.infer<(typeof LessonParams)[K]> | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return undefined;
    const parsed = LessonParams[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<(typeof LessonParams)[K]>;
    ignored.push(name);
    return undefined;
  };
  const filters = {
    q: read("q") ?? "",
    area: read("area"),
    phase: read("phase"),
    severity: read("severity"),
    sourceKind: read("kind"),
    regionId: read("region"),
    archived: read("archived") === "1",
    sort: read("sort") ?? "date",
    page: read("page") ?? 1,
  };
  return { filters, ignored };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const { filters, ignored } = parseParams(new URL(request.url));
  const result = await listLessons({ principal: auth.principal, filters });
  const region = auth.memberships.find((membership) => membership.regionId === auth.currentRegionId) ?? null;
  return {
    filters,
    ignored,
    lessons: result.lessons.map((lesson) => ({ ...lesson, archivedAt: lesson.archivedAt?.toISOString() ?? null })),
    total: result.total,
    facets: result.facets,
    pageSize: LESSONS_PAGE_SIZE,
    canCreate: region !== null && can(auth.principal, "lesson.create", { type: "region", regionId: region.regionId }),
    regionName: region?.regionName ?? null,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Filters = LoaderData["filters"];

/** The list's URL with the current filters and some of them changed. */
function listHref(filters: Filters, changes: Partial<Record<ParamName, string | undefined>>): string {
  const params = new URLSearchParams();
  const current: Partial<Record<ParamName, string | undefined>> = {
    q: filters.q || undefined,
    area: filters.area,
    phase: filters.phase,
    severity: filters.severity,
    kind: filters.sourceKind,
    region: filters.regionId,
    archived: filters.archived ? "1" : undefined,
    sort: filters.sort === "date" ? undefined : filters.sort,
    ...changes,
  };
  for (const [name, value] of Object.entries(current)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `/lessons?${query}` : "/lessons";
}

export default function LessonsRoute() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { filters, facets } = data;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const countOf = (list: FacetCount[], value: string) => list.find((facet) => facet.value === value)?.count ?? 0;
  const enumOptions = <V extends string>(values: readonly V[], labels: Record<V, MessageKey>, list: FacetCount[]) =>
    values.map((value) => ({ value, label: t(labels[value]), count: countOf(list, value) }));
  return (
    <>
      <div className="page-header">
        <h1>{t("lessons.title")}</h1>
        {data.canCreate && data.regionName ? (
          <Link className="button" to="/lessons/new">
            {t("lessons.new")}
          </Link>
        ) : null}
      </div>
      <p>{t("lessons.intro")}</p>
      <Form method="get" className="stack wide card" role="search" aria-label={t("lessons.searchLabel")}>
        <div className="field">
          <label htmlFor="lessons-q">{t("lessons.searchLabel")}</label>
          <p id="lessons-q-hint" className="field-hint">
            {t("lessons.searchHint")}
          </p>
          <input
            id="lessons-q"
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={200}
            aria-describedby="lessons-q-hint"
          />
        </div>
        {filters.archived ? <input type="hidden" name="archived" value="1" /> : null}
        <fieldset className="lesson-filters">
          <legend>{t("lessons.filters")}</legend>
          <FilterSelect
            name="area"
            label={t("lessons.field.areas")}
            value={filters.area}
            options={AREAS.map((area) => ({
              value: area,
              label: `${area} ${t(areaLabel[area])}`,
              count: countOf(facets.area, area),
            }))}
          />
          <FilterSelect
            name="phase"
            label={t("lessons.field.phase")}
            value={filters.phase}
            options={enumOptions(LOU_PHASES, louPhaseLabel, facets.phase)}
          />
          <FilterSelect
            name="severity"
            label={t("lessons.field.severity")}
            value={filters.severity}
            options={enumOptions(LESSON_SEVERITIES, severityLabel, facets.severity)}
          />
          <FilterSelect
            name="kind"
            label={t("lessons.field.sourceKind")}
            value={filters.sourceKind}
            options={enumOptions(LESSON_SOURCE_KINDS, sourceKindLabel, facets.sourceKind)}
          />
          <FilterSelect
            name="region"
            label={t("lessons.region")}
            value={filters.regionId}
            options={facets.region.map((facet) => ({
              value: facet.value,
              label: facet.label ?? facet.value,
              count: facet.count,
            }))}
          />
          <div className="field">
            <label htmlFor="lessons-sort">{t("lessons.sort")}</label>
            <select id="lessons-sort" name="sort" defaultValue={filters.sort}>
              {LESSON_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`lessons.sort.${sort}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <div>
          <button type="submit">{t("lessons.search")}</button>{" "}
          <Link to={filters.archived ? "/lessons?archived=1" : "/lessons"}>{t("lessons.clear")}</Link>
        </div>
      </Form>
      <p>
        {filters.archived ? (
          <Link to="/lessons">{t("lessons.showActive")}</Link>
        ) : (
          <Link to="/lessons?archived=1">{t("lessons.showArchived")}</Link>
        )}
      </p>
      {data.ignored.length > 0 ? (
        <p role="status" className="notice">
          {t("lessons.ignoredFilters", { fields: data.ignored.join(", ") })}
        </p>
      ) : null}
      <p role="status">{t("lessons.resultCount", { count: data.total })}</p>
      {data.lessons.length === 0 ? (
        <p>{filters.archived ? t("lessons.noneArchived") : t("lessons.none")}</p>
      ) : (
        <table className="lesson-table">
          <caption>
            {t(filters.archived ? "lessons.captionArchived" : "lessons.caption", { count: data.total })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("lessons.col.lesson")}</th>
              <th scope="col">{t("lessons.field.severity")}</th>
              <th scope="col">{t("lessons.field.phase")}</th>
              <th scope="col">{t("lessons.field.areas")}</th>
              <th scope="col">{t("lessons.region")}</th>
              <th scope="col">{t("lessons.col.requirements")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lessons.map((lesson) => (
              <tr key={lesson.id}>
                <td>
                  <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>{" "}
                  {lesson.unverified ? <UnverifiedBadge /> : null}
                  <div className="muted">
                    {t(sourceKindLabel[lesson.sourceKind])}
                    {lesson.sourceTitle ? `: ${lesson.sourceTitle}` : ""}
                    {lesson.sourceDate ? `, ${t.date(lesson.sourceDate)}` : ""}
                  </div>
                </td>
                <td>
                  <SeverityBadge severity={lesson.severity} bare />
                </td>
                <td>{lesson.phase ? t(louPhaseLabel[lesson.phase]) : "–"}</td>
                <td>
                  <AreaCodes areas={lesson.areas} />
                </td>
                <td>
                  {lesson.ownerRegionName}
                  <div className="muted">
                    {t(visibilityLabel[lesson.visibility])}
                    {lesson.collaborationName ? `: ${lesson.collaborationName}` : ""}
                  </div>
                </td>
                <td>{lesson.requirementCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav aria-label={t("lessons.pages")} className="pager">
          {filters.page > 1 ? (
            <Link to={listHref(filters, { page: String(filters.page - 1) })}>{t("library.previousPage")}</Link>
          ) : null}{" "}
          <span>{t("library.pageOf", { page: filters.page, pages })}</span>{" "}
          {filters.page < pages ? (
            <Link to={listHref(filters, { page: String(filters.page + 1) })}>{t("library.nextPage")}</Link>
          ) : null}
        </nav>
      ) : null}
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
  options: Array<{ value: string; label: string; count: number }>;
}) {
  const t = useT();
  const id = `lessons-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("lessons.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {t("lessons.optionCount", { label: option.label, count: option.count })}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "lessons.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
