import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { Markdown } from "~/components/markdown";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { getRequirement } from "~/models/requirements.server";
import { notFound } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import {
  ambitionLabel,
  areaLabel,
  isArea,
  obligationLabel,
  requirementTypeLabel,
  verificationLabel,
} from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  if (!UuidSchema.safeParse(params.requirementId).success) notFound();
  const requirement = await getRequirement({ setId: set.id, requirementId: params.requirementId ?? "" });
  if (!requirement) notFound();
  return {
    set: toSetHeader(set),
    canEdit: setPermissions(auth, set).edit,
    requirement: {
      ...requirement,
      deletedAt: requirement.deletedAt?.toISOString() ?? null,
      updatedAt: requirement.updatedAt.toISOString(),
    },
  };
}

export default function RequirementRoute() {
  const t = useT();
  const { set, requirement, canEdit } = useLoaderData<typeof loader>();
  const base = `/sets/${set.id}/requirements/${requirement.id}`;
  return (
    <>
      <SetHeader set={set} heading={`${requirement.ref} ${requirement.title}`} />
      {requirement.deletedAt ? (
        <p className="notice notice-warning">
          {t("requirement.isDeleted", { date: t.dateTime(requirement.deletedAt) })}
        </p>
      ) : null}
      <article className="card requirement">
        <p>
          <span className={`badge obligation-${requirement.obligation}`}>
            {t(obligationLabel[requirement.obligation])}
          </span>{" "}
          {t(requirementTypeLabel[requirement.type])}
        </p>
        <h2>{t("requirement.text")}</h2>
        <Markdown>{requirement.text}</Markdown>
        {requirement.rationale ? (
          <>
            <h2>{t("requirement.rationale")}</h2>
            <Markdown>{requirement.rationale}</Markdown>
          </>
        ) : null}
        <dl className="facts">
          <dt>{t("requirement.area")}</dt>
          <dd>
            {isArea(requirement.area) ? `${requirement.area} – ${t(areaLabel[requirement.area])}` : requirement.area}
          </dd>
          <dt>{t("requirement.verification")}</dt>
          <dd>{t(verificationLabel[requirement.verification])}</dd>
          {requirement.weight !== null ? (
            <>
              <dt>{t("requirement.weight")}</dt>
              <dd>{requirement.weight}</dd>
            </>
          ) : null}
          {requirement.ambition ? (
            <>
              <dt>{t("requirement.ambition")}</dt>
              <dd>{t(ambitionLabel[requirement.ambition])}</dd>
            </>
          ) : null}
          {requirement.tags.length > 0 ? (
            <>
              <dt>{t("requirement.tags")}</dt>
              <dd>{requirement.tags.join(", ")}</dd>
            </>
          ) : null}
          <dt>{t("requirement.versionLabel")}</dt>
          <dd>
            {t("requirement.versionValue", {
              version: requirement.version,
              date: t.dateTime(requirement.updatedAt),
              name: requirement.updatedByName ?? t("audit.unknownPerson"),
            })}
          </dd>
          <dt>{t("requirement.id")}</dt>
          <dd>
            <code>{requirement.id}</code>
          </dd>
        </dl>
      </article>
      <p className="button-row">
        {canEdit && !requirement.deletedAt ? (
          <Link className="button" to={`${base}/edit`}>
            {t("requirement.edit")}
          </Link>
        ) : null}
        <Link to={`${base}/history`}>{t("requirement.history")}</Link>
        {canEdit && !requirement.deletedAt ? <Link to={`${base}/delete`}>{t("requirement.delete")}</Link> : null}
      </p>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData
    ? [{ title: `${loaderData.requirement.ref} ${loaderData.requirement.title} – Samkrav` }]
    : pageTitle(matches, "sets.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
