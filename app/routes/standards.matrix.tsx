import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { AdoptionStatus } from "~/components/standard-badges";
import { AdoptionMatrixChart, AdoptionMatrixLegend, AdoptionMatrixTable } from "~/components/standard-matrix";
import { listCollaborations } from "~/models/collaborations.server";
import { getAdoptionMatrix } from "~/models/standards.server";
import { assertAllowed, requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { UuidSchema } from "~/utils/schemas";
import { commonLevelLabel, STANDARD_CATEGORIES, standardCategoryLabel } from "~/utils/standard-fields";

const MatrixParams = {
  collaboration: UuidSchema,
  category: z.enum(STANDARD_CATEGORIES),
  common: z.literal("1"),
};
type ParamName = keyof typeof MatrixParams;

/** Regions × standards: who has adopted what, and where a region deviates from a common standard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  assertAllowed(auth, "standard.read", { type: "platform" });
  const url = new URL(request.url);
  const ignored: ParamName[] = [];
  const read = <K extends ParamName>(name: K): z.infer<(typeof MatrixParams)[K]> | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return undefined;
    const parsed = MatrixParams[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<(typeof MatrixParams)[K]>;
    ignored.push(name);
    return undefined;
  };
  const collaborations = (await listCollaborations()).map(({ id, name }) => ({ id, name }));
  let collaborationId = read("collaboration");
  const collaboration = collaborations.find((candidate) => candidate.id === collaborationId) ?? null;
  if (collaborationId && !collaboration) {
    ignored.push("collaboration");
    collaborationId = undefined;
  }
  const filters = { collaborationId, category: read("category"), commonOnly: read("common") === "1" };
  const matrix = await getAdoptionMatrix({ filters });
  return { filters, ignored, collaborations, collaborationName: collaboration?.name ?? null, matrix };
}

export default function StandardsMatrixRoute() {
  const t = useT();
  const { filters, ignored, collaborations, collaborationName, matrix } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/standards">{t("standards.title")}</Link>
      </p>
      <h1>{t("standards.matrix.title")}</h1>
      <p>{t("standards.matrix.intro")}</p>
      <Form method="get" className="card standards-filters" aria-label={t("standards.filters")}>
        <div className="filters">
          <div className="field">
            <label htmlFor="matrix-collaboration">{t("standards.matrix.collaboration")}</label>
            <select id="matrix-collaboration" name="collaboration" defaultValue={filters.collaborationId ?? ""}>
              <option value="">{t("standards.matrix.allRegions")}</option>
              {collaborations.map((collaboration) => (
                <option key={collaboration.id} value={collaboration.id}>
                  {collaboration.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="matrix-category">{t("standards.col.category")}</label>
            <select id="matrix-category" name="category" defaultValue={filters.category ?? ""}>
              <option value="">{t("standards.filter.any")}</option>
              {STANDARD_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(standardCategoryLabel[category])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="common" value="1" defaultChecked={filters.commonOnly} />{" "}
              {t("standards.matrix.commonOnly")}
            </label>
          </div>
          <div className="button-row">
            <button type="submit">{t("standards.filter.submit")}</button>
            <Link to="/standards/matrix">{t("standards.filter.clear")}</Link>
          </div>
        </div>
      </Form>
      {ignored.length > 0 ? (
        <p role="status" className="notice">
          {t("standards.ignoredFilters", { fields: ignored.join(", ") })}
        </p>
      ) : null}
      <p role="status">
        {collaborationName
          ? t("standards.matrix.showingCollaboration", {
              collaboration: collaborationName,
              regions: matrix.regions.length,
              standards: matrix.rows.length,
            })
          : t("standards.matrix.showingAll", { regions: matrix.regions.length, standards: matrix.rows.length })}
      </p>
      {matrix.rows.length === 0 || matrix.regions.length === 0 ? (
        <p>{t("standards.matrix.empty")}</p>
      ) : (
        <>
          <section aria-labelledby="matrix-chart-heading">
            <h2 id="matrix-chart-heading">{t("standards.matrix.chartHeading")}</h2>
            <AdoptionMatrixLegend />
            <figure className="matrix-figure">
              <div className="chart-scroll">
                <AdoptionMatrixChart view={matrix} />
              </div>
              <figcaption>{t("standards.matrix.figcaption")}</figcaption>
            </figure>
          </section>
          <section aria-labelledby="matrix-deviations-heading">
            <h2 id="matrix-deviations-heading">
              {t("standards.matrix.deviationsHeading", { count: matrix.deviations.length })}
            </h2>
            {matrix.deviations.length === 0 ? (
              <p>{t("standards.matrix.noDeviations")}</p>
            ) : (
              <table>
                <caption>{t("standards.matrix.deviationsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("standards.adoption.region")}</th>
                    <th scope="col">{t("standards.matrix.standard")}</th>
                    <th scope="col">{t("standards.matrix.commonInCol")}</th>
                    <th scope="col">{t("standards.adoption.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {matrix.deviations.map((deviation) => (
                    <tr key={`${deviation.regionId}:${deviation.standardId}`}>
                      <th scope="row">{deviation.regionName}</th>
                      <td>
                        <Link to={`/standards/${deviation.standardId}#adoption`}>{deviation.standardCode}</Link>
                      </td>
                      <td>
                        {deviation.commonIn
                          .map((marking) => `${marking.collaborationName} (${t(commonLevelLabel[marking.level])})`)
                          .join(", ")}
                      </td>
                      <td>
                        <AdoptionStatus status={deviation.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="matrix-table-heading">
            <h2 id="matrix-table-heading">{t("standards.matrix.tableHeading")}</h2>
            <AdoptionMatrixTable view={matrix} />
          </section>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "standards.matrix.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
