import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { AdoptionLine, formatCount } from "~/components/library-adoption";
import { Highlighted } from "~/components/library-highlight";
import { getLibraryFilterOptions, LIBRARY_MATCH_CAP, LIBRARY_PAGE_SIZE, searchLibrary } from "~/models/library.server";
import { requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { areaLabel, obligationLabel, requirementTypeLabel, setStatusLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { AREAS, OBLIGATIONS, REQUIREMENT_TYPES, SET_STATUSES } from "~/utils/requirement-fields";
import { UuidSchema } from "~/utils/schemas";

/** Query parameters of the library; each is checked alone so one bad value does not hide the rest. */
const LibraryParams = {
  q: z.string().trim().max(200),
  collaboration: UuidSchema,
  region: UuidSchema,
  area: z.enum(AREAS),
  obligation: z.enum(OBLIGATIONS),
  type: z.enum(REQUIREMENT_TYPES),
  status: z.enum(SET_STATUSES),
  // The count is capped at LIBRARY_MATCH_CAP when searching; browsing pages stay reachable.
  page: z.coerce.number().int().min(1).max(10_000),
};
type ParamName = keyof typeof LibraryParams;

function parseParams(url: URL) {
  const ignored: ParamName[] = [];
  const read = <K extends ParamName>(name: K): z.infer<(typeof LibraryParams)[K]> | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return undefined;
    const parsed = LibraryParams[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<(typeof LibraryParams)[K]>;
    ignored.push(name);
    return undefined;
  };
  const filters = {
    q: read("q") ?? "",
    collaborationId: read("collaboration"),
    regionId: read("region"),
    area: read("area"),
    obligation: read("obligation"),
    type: read("type"),
    status: read("status"),
    page: read("page") ?? 1,
  };
  return { filters, ignored };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const { filters, ignored } = parseParams(new URL(request.url));
  const [result, options] = await Promise.all([
    searchLibrary({ principal: auth.principal, filters }),
    getLibraryFilterOptions({ principal: auth.principal }),
  ]);
  return {
    filters,
    ignored,
    options,
    requirements: result.requirements,
    total: result.total,
    capped: result.capped,
    sets: result.sets,
    setTotal: result.setTotal,
    pageSize: LIBRARY_PAGE_SIZE,
    matchCap: LIBRARY_MATCH_CAP,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function LibraryRoute() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { filters, options } = data;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <>
      <h1>{t("library.pageTitle")}</h1>
      <p>{t("library.intro")}</p>
      <Form method="get" className="stack card" role="search">
        <div className="field">
          <label htmlFor="library-q">{t("library.searchLabel")}</label>
          <p id="library-q-hint" className="field-hint">
            {t("library.searchHint")}
          </p>
          <input
            id="library-q"
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={200}
            aria-describedby="library-q-hint"
          />
        </div>
        <fieldset>
          <legend>{t("library.filters")}</legend>
          <FilterSelect
            name="collaboration"
            label={t("library.collaboration")}
            value={filters.collaborationId}
            options={options.collaborations.map((c) => ({ value: c.id, label: c.name }))}
          />
          <FilterSelect
            name="region"
            label={t("library.region")}
            value={filters.regionId}
            options={options.regions.map((r) => ({ value: r.id, label: r.name }))}
          />
          <FilterSelect
            name="area"
            label={t("library.area")}
            value={filters.area}
            options={AREAS.map((area) => ({ value: area, label: `${area} ${t(areaLabel[area])}` }))}
          />
          <FilterSelect
            name="obligation"
            label={t("library.obligation")}
            value={filters.obligation}
            options={OBLIGATIONS.map((o) => ({ value: o, label: t(obligationLabel[o]) }))}
          />
          <FilterSelect
            name="type"
            label={t("library.type")}
            value={filters.type}
            options={REQUIREMENT_TYPES.map((type) => ({ value: type, label: t(requirementTypeLabel[type]) }))}
          />
          <FilterSelect
            name="status"
            label={t("library.status")}
            value={filters.status}
            options={SET_STATUSES.map((status) => ({ value: status, label: t(setStatusLabel[status]) }))}
          />
        </fieldset>
        <div>
          <button type="submit">{t("library.search")}</button> <Link to="/library">{t("library.clear")}</Link>
        </div>
      </Form>
      {data.ignored.length > 0 ? (
        <p role="status" className="notice">
          {t("library.ignoredFilters", { fields: data.ignored.join(", ") })}
        </p>
      ) : null}

      <h2>{t("library.requirementsHeading")}</h2>
      <p role="status">
        {data.capped
          ? t("library.resultCountCapped", { count: formatCount(t.language, data.matchCap) })
          : t("library.resultCount", { count: formatCount(t.language, data.total) })}
      </p>
      {data.requirements.length === 0 ? (
        <p>{t("library.noResults")}</p>
      ) : (
        <Form method="get" action="/library/copy" className="stack">
          <p className="field-hint">{t("library.copyHint")}</p>
          <ol className="library-results" start={(filters.page - 1) * data.pageSize + 1}>
            {data.requirements.map((requirement) => (
              <RequirementResult key={requirement.id} requirement={requirement} />
            ))}
          </ol>
          <div>
            <button type="submit">{t("library.copySelected")}</button>
          </div>
        </Form>
      )}
      {pages > 1 ? <Pager page={filters.page} pages={pages} /> : null}

      <h2>{t("library.setsHeading")}</h2>
      {data.sets.length === 0 ? (
        <p>{t("library.noSets")}</p>
      ) : (
        <table>
          <caption>
            {t("library.setCount", { count: data.setTotal })}
            {data.setTotal > data.sets.length
              ? ` (${t("library.setsShownOf", { shown: data.sets.length, total: data.setTotal })})`
              : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("library.setTitle")}</th>
              <th scope="col">{t("library.setRegion")}</th>
              <th scope="col">{t("library.setStatus")}</th>
              <th scope="col">{t("library.sharedWith")}</th>
              <th scope="col">{t("library.requirementCount")}</th>
              {filters.q ? <th scope="col">{t("library.matchCount")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.sets.map((set) => (
              <tr key={set.id}>
                <td>
                  <Link to={`/sets/${set.id}`}>{set.title}</Link>
                </td>
                <td>{set.regionName}</td>
                <td>{t(setStatusLabel[set.status])}</td>
                <td>{set.visibility === "portal" ? t("library.sharedWithAll") : (set.collaborationName ?? "")}</td>
                <td>{set.requirementCount}</td>
                {filters.q ? <td>{set.matchCount}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function RequirementResult({ requirement }: { requirement: LoaderData["requirements"][number] }) {
  const t = useT();
  const checkboxId = `select-${requirement.id}`;
  return (
    <li className="library-result">
      <div>
        <input type="checkbox" id={checkboxId} name="requirement" value={requirement.id} />{" "}
        <label htmlFor={checkboxId} className="visually-hidden">
          {t("library.select", { ref: requirement.ref })}
        </label>
        <Link to={`/library/requirements/${requirement.id}`}>
          <span className="ref">{requirement.ref}</span> <Highlighted text={requirement.titleHighlight} />
        </Link>
      </div>
      {requirement.snippet ? (
        <p className="library-snippet">
          <Highlighted text={requirement.snippet} />
        </p>
      ) : null}
      <p className="muted">
        {t(obligationLabel[requirement.obligation])} · {t(requirementTypeLabel[requirement.type])} ·{" "}
        {t(areaLabel[requirement.area])} ·{" "}
        {t("library.from", { set: requirement.setTitle, region: requirement.regionName })}
      </p>
      <AdoptionLine summary={requirement.adoption} />
    </li>
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
  const id = `library-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("library.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Pager({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const { filters } = useLoaderData<typeof loader>();
  const href = (target: number) => {
    const params = new URLSearchParams();
    if (filters.q) params.set("q", filters.q);
    if (filters.collaborationId) params.set("collaboration", filters.collaborationId);
    if (filters.regionId) params.set("region", filters.regionId);
    if (filters.area) params.set("area", filters.area);
    if (filters.obligation) params.set("obligation", filters.obligation);
    if (filters.type) params.set("type", filters.type);
    if (filters.status) params.set("status", filters.status);
    params.set("page", String(target));
    return `/library?${params.toString()}`;
  };
  return (
    <nav aria-label={t("library.pages")} className="pager">
      {page > 1 ? <Link to={href(page - 1)}>{t("library.previousPage")}</Link> : null}{" "}
      <span>{t("library.pageOf", { page, pages })}</span>{" "}
      {page < pages ? <Link to={href(page + 1)}>{t("library.nextPage")}</Link> : null}
    </nav>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "library.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
