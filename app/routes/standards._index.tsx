import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { z } from "zod";

import { CommonBadges, LifecycleBadge } from "~/components/standard-badges";
import { listCollaborations } from "~/models/collaborations.server";
import { listStandards, type StandardFilters } from "~/models/standards.server";
import { assertAllowed, requireUser } from "~/utils/auth.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { UuidSchema } from "~/utils/schemas";
import {
  STANDARD_CATEGORIES,
  STANDARD_LIFECYCLES,
  STANDARD_SORTS,
  standardCategoryLabel,
  standardLifecycleLabel,
  type StandardSort,
} from "~/utils/standard-fields";

/** Query parameters of the catalogue; each is checked alone so one bad value does not hide the rest. */
const CatalogueParams = {
  q: z.string().trim().max(200),
  category: z.enum(STANDARD_CATEGORIES),
  lifecycle: z.enum(STANDARD_LIFECYCLES),
  collaboration: UuidSchema,
  sort: z.enum(STANDARD_SORTS),
  dir: z.enum(["asc", "desc"]),
};
type ParamName = keyof typeof CatalogueParams;

function parseParams(url: URL) {
  const ignored: ParamName[] = [];
  const read = <K extends ParamName>(name: K): z.infer<(typeof CatalogueParams)[K]> | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return undefined;
    const parsed = CatalogueParams[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<(typeof CatalogueParams)[K]>;
    ignored.push(name);
    return undefined;
  };
  const filters: StandardFilters = {
    q: read("q") ?? "",
    category: read("category"),
    lifecycle: read("lifecycle"),
    collaborationId: read("collaboration"),
    sort: read("sort") ?? "code",
    direction: read("dir") ?? "asc",
  };
  return { filters, ignored };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  assertAllowed(auth, "standard.read", { type: "platform" });
  const { filters, ignored } = parseParams(new URL(request.url));
  const [catalogue, collaborations] = await Promise.all([
    listStandards({ principal: auth.principal, filters }),
    listCollaborations(),
  ]);
  return {
    filters,
    ignored,
    ...catalogue,
    collaborations: collaborations.map(({ id, name }) => ({ id, name })),
    canManage: can(auth.principal, "standard.manage", { type: "platform" }),
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const sortLabel: Record<StandardSort, MessageKey> = {
  code: "standards.col.code",
  name: "standards.col.name",
  owner: "standards.col.owner",
  version: "standards.col.version",
  category: "standards.col.category",
  lifecycle: "standards.col.lifecycle",
  adoption: "standards.col.adoption",
};

/** The catalogue's URL with the current filters and these changes (empty values dropped). */
function catalogueHref(filters: LoaderData["filters"], changes: Record<string, string | undefined>): string {
  const values: Record<string, string | undefined> = {
    q: filters.q,
    category: filters.category,
    lifecycle: filters.lifecycle,
    collaboration: filters.collaborationId,
    sort: filters.sort === "code" ? undefined : filters.sort,
    dir: filters.direction === "asc" ? undefined : filters.direction,
    ...changes,
  };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `/standards?${query}` : "/standards";
}

export default function StandardsRoute() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { filters } = data;
  const sortedBy = t(sortLabel[filters.sort ?? "code"]);
  return (
    <>
      <div className="page-header">
        <h1>{t("standards.title")}</h1>
        <p className="button-row">
          <Link to="/standards/matrix">{t("standards.matrix.link")}</Link>
          {data.canManage ? (
            <Link to="/standards/new" className="button">
              {t("standards.new.link")}
            </Link>
          ) : null}
        </p>
      </div>
      <p>{t("standards.intro")}</p>
      <Form method="get" className="card standards-filters" role="search" aria-label={t("standards.filters")}>
        <div className="filters">
          <div className="field">
            <label htmlFor="standards-q">{t("standards.searchLabel")}</label>
            <input
              id="standards-q"
              name="q"
              type="search"
              defaultValue={filters.q}
              maxLength={200}
              aria-describedby="standards-q-hint"
            />
            <p id="standards-q-hint" className="field-hint">
              {t("standards.searchHint")}
            </p>
          </div>
          <FilterSelect
            name="category"
            label={t("standards.col.category")}
            value={filters.category}
            options={STANDARD_CATEGORIES.map((category) => ({
              value: category,
              label: t("standards.optionCount", {
                label: t(standardCategoryLabel[category]),
                count: data.categoryCounts[category],
              }),
            }))}
          />
          <FilterSelect
            name="lifecycle"
            label={t("standards.col.lifecycle")}
            value={filters.lifecycle}
            options={STANDARD_LIFECYCLES.map((lifecycle) => ({
              value: lifecycle,
              label: t("standards.optionCount", {
                label: t(standardLifecycleLabel[lifecycle]),
                count: data.lifecycleCounts[lifecycle],
              }),
            }))}
          />
          <FilterSelect
            name="collaboration"
            label={t("standards.filter.commonIn")}
            value={filters.collaborationId}
            options={data.collaborations.map((collaboration) => ({
              value: collaboration.id,
              label: collaboration.name,
            }))}
          />
          {filters.sort !== "code" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
          {filters.direction !== "asc" ? <input type="hidden" name="dir" value={filters.direction} /> : null}
          <div className="button-row">
            <button type="submit">{t("standards.filter.submit")}</button>
            <Link to="/standards">{t("standards.filter.clear")}</Link>
          </div>
        </div>
      </Form>
      {data.ignored.length > 0 ? (
        <p role="status" className="notice">
          {t("standards.ignoredFilters", { fields: data.ignored.join(", ") })}
        </p>
      ) : null}
      <p role="status">{t("standards.resultCount", { count: data.standards.length })}</p>
      {data.standards.length === 0 ? (
        <p>{t("standards.noResults")}</p>
      ) : (
        <div className="table-scroll">
          <table className="standards-table">
            <caption>
              {t("standards.caption", { count: data.standards.length })}{" "}
              <span className="muted">
                {t(filters.direction === "desc" ? "standards.sortedDesc" : "standards.sortedAsc", {
                  column: sortedBy,
                })}
              </span>
            </caption>
            <thead>
              <tr>
                <SortHeader columns={["code", "name"]} />
                <SortHeader columns={["owner"]} />
                <SortHeader columns={["version"]} />
                <SortHeader columns={["category"]} />
                <SortHeader columns={["lifecycle"]} />
                <th scope="col">{t("standards.col.commonIn")}</th>
                <SortHeader columns={["adoption"]} />
                <th scope="col">{t("standards.col.requirements")}</th>
              </tr>
            </thead>
            <tbody>
              {data.standards.map((standard) => (
                <tr key={standard.id}>
                  <th scope="row">
                    <Link to={`/standards/${standard.id}`} className="standard-code">
                      {standard.code}
                    </Link>
                    <span className="standard-row-name">{standard.name}</span>
                  </th>
                  <td>{standard.ownerBody}</td>
                  <td>{standard.currentVersion || <span className="muted">{t("standards.noVersion")}</span>}</td>
                  <td>{t(standardCategoryLabel[standard.category])}</td>
                  <td>
                    <LifecycleBadge lifecycle={standard.lifecycle} />
                  </td>
                  <td>
                    <CommonBadges markings={standard.commonIn} />
                  </td>
                  <td className="numeric">
                    {t("standards.adoptedOf", { count: standard.adoptedCount, total: data.regionCount })}
                  </td>
                  <td>
                    {standard.requirementCount}
                    {standard.outdatedCount > 0 ? (
                      <>
                        {" "}
                        <span className="badge badge-outdated">
                          {t("standards.outdatedShort", { count: standard.outdatedCount })}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * A column header whose links sort by its column(s): first ascending, then the other way. The
 * first column holds both code and name, so it carries two links.
 */
function SortHeader({ columns }: { columns: StandardSort[] }) {
  const { filters } = useLoaderData<typeof loader>();
  const active = columns.find((column) => column === filters.sort);
  return (
    <th scope="col" aria-sort={active ? (filters.direction === "desc" ? "descending" : "ascending") : undefined}>
      {columns.map((column, index) => (
        <Fragment key={column}>
          {index > 0 ? <span aria-hidden="true"> · </span> : null}
          <SortLink column={column} />
        </Fragment>
      ))}
    </th>
  );
}

function SortLink({ column }: { column: StandardSort }) {
  const t = useT();
  const { filters } = useLoaderData<typeof loader>();
  const active = filters.sort === column;
  const next = active && filters.direction === "asc" ? "desc" : "asc";
  return (
    <Link to={catalogueHref(filters, { sort: column, dir: next })} className="sort-link">
      {t(sortLabel[column])}
      <span className="visually-hidden">
        {", "}
        {t(next === "asc" ? "standards.sortAsc" : "standards.sortDesc")}
      </span>
      {active ? (
        <span aria-hidden="true" className="sort-arrow">
          {filters.direction === "desc" ? " ▼" : " ▲"}
        </span>
      ) : null}
    </Link>
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
  const id = `standards-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("standards.filter.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "standards.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
