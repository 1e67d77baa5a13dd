import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { Markdown } from "~/components/markdown";
import { ProvenanceBlock } from "~/components/provenance";
import { LinkedStandards, SurfacedLessons } from "~/components/requirement-links";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { countOpenComments } from "~/models/comments.server";
import { getRequirementLinks } from "~/models/requirement-links.server";
import { getRequirement, moveRequirement } from "~/models/requirements.server";
import { getProvenance, summarizeProvenance } from "~/models/reuse.server";
import { listSectionTree } from "~/models/sections.server";
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
import { readFormData } from "~/utils/form-data.server";
import { VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

const MoveToSectionSchema = z.object({
  baseVersion: VersionSchema,
  // "root" places the requirement outside any section.
  targetSectionId: z.union([UuidSchema, z.literal("root")]),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  if (!UuidSchema.safeParse(params.requirementId).success) notFound();
  const requirement = await getRequirement({ setId: set.id, requirementId: params.requirementId ?? "" });
  if (!requirement) notFound();
  const canEdit = setPermissions(auth, set).edit;
  const [sections, provenance, openComments, links] = await Promise.all([
    canEdit ? listSectionTree({ setId: set.id }) : [],
    getProvenance({ principal: auth.principal, setId: set.id, requirementId: requirement.id }),
    countOpenComments({ setId: set.id, requirementId: requirement.id }),
    // Standards, linked lessons and the area's lessons: one statement (the page's budget).
    getRequirementLinks({ requirementId: requirement.id, area: requirement.area, principal: auth.principal }),
  ]);
  return {
    set: toSetHeader(set),
    canEdit,
    openComments,
    links,
    provenance: provenance ? summarizeProvenance(provenance) : null,
    sections: sections.map(({ id, title, number }) => ({ id, title, number })),
    requirement: {
      ...requirement,
      deletedAt: requirement.deletedAt?.toISOString() ?? null,
      updatedAt: requirement.updatedAt.toISOString(),
    },
  };
}

/** Moves the requirement to another section (keyboard-operable: a select and a button). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  if (!UuidSchema.safeParse(params.requirementId).success) notFound();
  const parsed = MoveToSectionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data({ error: "validation.invalid" as const }, { status: 400 });
  const { baseVersion, targetSectionId } = parsed.data;
  const result = await moveRequirement({
    setId: set.id,
    requirementId: params.requirementId ?? "",
    baseVersion,
    target: { kind: "section", sectionId: targetSectionId === "root" ? null : targetSectionId },
    actorUserId: auth.user.id,
  });
  if (result.status === "conflict") return data({ error: "requirement.moveConflict" as const }, { status: 409 });
  if (result.status === "not-found") return data({ error: "requirement.notFound" as const }, { status: 404 });
  return redirectWithToast(`/sets/${set.id}/requirements/${params.requirementId}`, {
    kind: "success",
    message: result.status === "no-move" ? "requirement.notMoved" : "requirement.moved",
  });
}

export default function RequirementRoute() {
  const t = useT();
  const { set, requirement, canEdit, sections, provenance, openComments, links } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/sets/${set.id}/requirements/${requirement.id}`;
  return (
    <>
      <SetHeader set={set} heading={`${requirement.ref} ${requirement.title}`} />
      {provenance ? <ProvenanceBlock provenance={provenance} sourcePagePath={`${base}/source`} /> : null}
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
        {Object.keys(requirement.importedAttributes).length > 0 ? (
          <section aria-labelledby="imported-attributes-heading">
            <h2 id="imported-attributes-heading">{t("exchange.importedAttributes")}</h2>
            <p className="muted">{t("exchange.importedAttributesHint")}</p>
            <dl className="facts">
              {Object.entries(requirement.importedAttributes).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd className="pre-wrap">{value}</dd>
                </div>
              ))}
            </dl>
          </section>
        ) : null}
      </article>
      <SurfacedLessons lessons={links.lessons} area={requirement.area} areaTotal={links.areaLessonTotal} />
      <LinkedStandards standards={links.standards} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {canEdit && !requirement.deletedAt ? (
        <Form method="post" className="filters">
          <input type="hidden" name="baseVersion" value={requirement.version} />
          <div className="field">
            <label htmlFor="move-section">{t("requirement.moveToSection")}</label>
            <select id="move-section" name="targetSectionId" defaultValue={requirement.sectionId ?? "root"}>
              <option value="root">{t("sets.noSection")}</option>
              {sections.map((section) => (
                <option key={section.id} value={section.id}>
                  {section.number} {section.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {t("requirement.moveTo")}
          </button>
        </Form>
      ) : null}
      <p className="button-row">
        {canEdit && !requirement.deletedAt ? (
          <Link className="button" to={`${base}/edit`}>
            {t("requirement.edit")}
          </Link>
        ) : null}
        <Link to={`${base}/history`}>{t("requirement.history")}</Link>
        <Link to={`${base}/comments`}>{t("comments.link", { count: openComments })}</Link>
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

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
