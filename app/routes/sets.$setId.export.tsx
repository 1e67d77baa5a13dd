import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";

import { SetHeader, toSetHeader } from "~/components/set-header";
import { EXPORT_FORMATS } from "~/exchange/export-formats";
import { listBaselines } from "~/models/baselines.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";

/**
 * Export of a set the user may read, in one of the formats. Each format's button submits the
 * form to that format's download route (a plain GET, so the browser saves the file); baselines
 * are exported from their own pages, which this page lists.
 */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const baselines = await listBaselines({ setId: set.id });
  return {
    set: toSetHeader(set),
    canImport: setPermissions(auth, set).edit,
    baselines: baselines.map(({ id, name, createdAt }) => ({ id, name, createdAt: new Date(createdAt).toISOString() })),
  };
}

export default function SetExportRoute() {
  const t = useT();
  const { set, canImport, baselines } = useLoaderData<typeof loader>();
  return (
    <>
      <SetHeader set={set} heading={t("exchange.export.heading")} />
      <Form method="get" action={`/sets/${set.id}/export/xlsx`} reloadDocument className="export-form">
        <fieldset className="field">
          <legend>{t("exchange.export.delimiterLegend")}</legend>
          <p className="field-hint">{t("exchange.export.delimiterHint")}</p>
          <label>
            <input type="radio" name="delimiter" value="semicolon" defaultChecked />{" "}
            {t("exchange.export.delimiterSemicolon")}
          </label>
          <label>
            <input type="radio" name="delimiter" value="comma" /> {t("exchange.export.delimiterComma")}
          </label>
        </fieldset>
        <h2>{t("exchange.export.formatsHeading")}</h2>
        <ul className="export-formats">
          {EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <button type="submit" formAction={`/sets/${set.id}/export/${format}`}>
                {t(`exchange.export.format.${format}`)}
              </button>
              <p className="muted">{t(`exchange.export.formatHint.${format}`)}</p>
            </li>
          ))}
        </ul>
      </Form>
      {baselines.length > 0 ? (
        <section aria-labelledby="export-baselines-heading">
          <h2 id="export-baselines-heading">{t("exchange.export.baselinesHeading")}</h2>
          <p>{t("exchange.export.baselinesHint")}</p>
          <ul>
            {baselines.map((baseline) => (
              <li key={baseline.id}>
                <a href={`/sets/${set.id}/baselines/${baseline.id}`}>
                  {t("exchange.export.baselineOption", { name: baseline.name, date: t.date(baseline.createdAt) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="muted">
        {t("exchange.export.schemaHint")}{" "}
        <a href="/schemas/requirement-set-v1.schema.json">{t("exchange.export.schemaLink")}</a>
      </p>
      {canImport ? (
        <p>
          <a href={`/sets/${set.id}/import`}>{t("exchange.export.importLink")}</a>
        </p>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "exchange.export.heading");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
