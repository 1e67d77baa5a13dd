import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { ReviewEstablishment } from "~/components/review-forms";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { EXPORT_FORMATS } from "~/exchange/export-formats";
import { getBaseline } from "~/models/baselines.server";
import { getBaselineEstablishment } from "~/models/reviews.server";
import { notFound } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { baselineKindLabel, obligationLabel, requirementTypeLabel, verificationLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { orderSnapshot } from "~/utils/snapshot-order";

const PAGE_SIZE = 100;

/** A baseline, read-only, in tree order, a page at a time. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.read");
  if (!UuidSchema.safeParse(params.baselineId).success) notFound();
  const baseline = await getBaseline({ setId: set.id, baselineId: params.baselineId ?? "" });
  if (!baseline) notFound();
  const page = Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1);
  const ordered = orderSnapshot(baseline.snapshot);
  return {
    set: toSetHeader(set),
    establishment: await getBaselineEstablishment({ baselineId: baseline.id }),
    baseline: {
      id: baseline.id,
      name: baseline.name,
      kind: baseline.kind,
      createdAt: baseline.createdAt.toISOString(),
      createdByName: baseline.createdByName,
      requirementCount: baseline.requirementCount,
    },
    page,
    pageCount: Math.max(1, Math.ceil(ordered.length / PAGE_SIZE)),
    rows: ordered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ requirement, sectionTitle }) => ({
      id: requirement.id,
      ref: requirement.ref,
      title: requirement.title,
      text: requirement.text,
      obligation: requirement.obligation,
      type: requirement.type,
      verification: requirement.verification,
      sectionTitle,
    })),
  };
}

export default function BaselineRoute() {
  const t = useT();
  const { set, baseline, rows, page, pageCount, establishment } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(target));
    return `?${next}`;
  };
  let lastSection: string | null | undefined;
  return (
    <>
      <SetHeader set={set} heading={baseline.name} />
      <p className="notice">
        {t("baseline.readOnly", {
          kind: t(baselineKindLabel[baseline.kind]),
          date: t.dateTime(baseline.createdAt),
          name: baseline.createdByName ?? t("audit.unknownPerson"),
          count: baseline.requirementCount,
        })}{" "}
        <Link to={`/sets/${set.id}/diff?from=${baseline.id}&to=working`}>{t("baseline.compareWithWorking")}</Link>
      </p>
      {establishment ? <ReviewEstablishment establishment={establishment} /> : null}
      <nav aria-labelledby="baseline-export-heading" className="export-links">
        <h2 id="baseline-export-heading">{t("exchange.export.baselineLinksHeading")}</h2>
        <ul>
          {EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <a href={`/sets/${set.id}/baselines/${baseline.id}/export/${format}`} download>
                {t(`exchange.export.format.${format}`)}
              </a>
            </li>
          ))}
          <li>
            <a href={`/sets/${set.id}/baselines/${baseline.id}/export/csv?delimiter=comma`} download>
              {t("exchange.export.csvComma")}
            </a>
          </li>
        </ul>
      </nav>
      {rows.map((row) => {
        const heading =
          row.sectionTitle !== lastSection ? (
            <h2 key={`h-${row.id}`}>{row.sectionTitle ?? t("sets.noSection")}</h2>
          ) : null;
        lastSection = row.sectionTitle;
        return (
          <div key={row.id}>
            {heading}
            <article className="card">
              <h3>
                {row.ref} {row.title}
              </h3>
              <p className="muted">
                {t(obligationLabel[row.obligation])} · {t(requirementTypeLabel[row.type])} ·{" "}
                {t(verificationLabel[row.verification])}
              </p>
              <p className="pre-wrap">{row.text}</p>
            </article>
          </div>
        );
      })}
      {pageCount > 1 ? (
        <nav className="pager" aria-label={t("sets.pages")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("sets.previousPage")}</Link> : null}
          <span>{t("sets.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? <Link to={pageLink(page + 1)}>{t("sets.nextPage")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData ? [{ title: `${loaderData.baseline.name} – Samkrav` }] : pageTitle(matches, "baseline.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
