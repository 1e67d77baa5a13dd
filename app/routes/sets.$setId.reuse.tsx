import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { SetHeader, toSetHeader } from "~/components/set-header";
import {
  canCopyAnywhere,
  copySections,
  forkSet,
  listChangedSourceCopies,
  listCopyTargets,
  listSetCopies,
  type CopyResult,
} from "~/models/reuse.server";
import { listSectionTree } from "~/models/sections.server";
import { forbidden } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { requestInfo } from "~/utils/request.server";
import { SetDetailsSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * Reuse of a set: copy some of its sections into one of my drafts, or fork it whole into my
 * current region; and, for the set's own copies, which sources changed (the header's count links here).
 */

const CopySectionsSchema = z.object({
  sectionIds: z.array(UuidSchema).min(1, "reuse.error.nothingChosen"),
  targetSetId: UuidSchema,
});

const ForkSchema = z.object({ title: SetDetailsSchema.shape.title });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.reuse");
  const writer = canCopyAnywhere(auth.principal);
  const forkRegion = auth.memberships.find(
    (membership) =>
      membership.regionId === auth.currentRegionId &&
      can(auth.principal, "region.write", { type: "region", regionId: membership.regionId }),
  );
  const [sections, targets, copies, changed] = await Promise.all([
    listSectionTree({ setId: set.id }),
    writer ? listCopyTargets({ principal: auth.principal }) : [],
    listSetCopies({ principal: auth.principal, setId: set.id }),
    listChangedSourceCopies({ principal: auth.principal, setId: set.id }),
  ]);
  return {
    set: toSetHeader(set),
    writer,
    sections: sections.map(({ id, title, number }) => ({ id, title, number })),
    targets: targets
      .filter((target) => target.id !== set.id)
      .map(({ id, title, ownerRegionName }) => ({ id, title, ownerRegionName })),
    forkRegionName: forkRegion?.regionName ?? null,
    copies,
    changed,
  };
}

function copyError(result: Exclude<CopyResult, { status: "copied" }>) {
  switch (result.status) {
    case "not-editable":
      return data({ error: "reuse.error.notEditable" as const, params: {} }, { status: 403 });
    case "section-not-found":
      return data({ error: "reuse.error.sectionNotFound" as const, params: {} }, { status: 400 });
    case "same-set":
      return data({ error: "reuse.error.sameSet" as const, params: {} }, { status: 400 });
    case "already-copied":
      return data(
        { error: "reuse.error.alreadyCopied" as const, params: { refs: result.refs.join(", ") } },
        { status: 409 },
      );
    case "not-found":
      return data({ error: "reuse.error.sourceNotFound" as const, params: {} }, { status: 404 });
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.reuse");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "copy-sections") {
    const parsed = CopySectionsSchema.safeParse({
      sectionIds: formData.getAll("sectionId"),
      targetSetId: formData.get("targetSetId") ?? undefined,
    });
    if (!parsed.success) {
      const nothingChosen = parsed.error.issues.some((issue) => issue.message === "reuse.error.nothingChosen");
      return data(
        { error: nothingChosen ? ("reuse.error.nothingChosen" as const) : ("validation.invalid" as const), params: {} },
        { status: 400 },
      );
    }
    if (!canCopyAnywhere(auth.principal)) forbidden();
    const result = await copySections({
      principal: auth.principal,
      sourceSetId: set.id,
      sectionIds: parsed.data.sectionIds,
      targetSetId: parsed.data.targetSetId,
      request: requestInfo(request, context),
    });
    if (result.status !== "copied") return copyError(result);
    return redirectWithToast(`/sets/${parsed.data.targetSetId}`, {
      kind: "success",
      message: "reuse.copied",
      params: { count: result.count },
    });
  }
  if (intent === "fork") {
    const parsed = ForkSchema.safeParse({ title: formData.get("title") ?? undefined });
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.message === "validation.tooLong");
      return data(
        { error: tooLong ? ("validation.tooLong" as const) : ("validation.required" as const), params: {} },
        { status: 400 },
      );
    }
    const regionId = auth.currentRegionId;
    if (regionId === null) forbidden();
    const result = await forkSet({
      principal: auth.principal,
      sourceSetId: set.id,
      regionId,
      title: parsed.data.title,
      request: requestInfo(request, context),
    });
    if (result.status === "forbidden") forbidden();
    if (result.status === "not-found")
      return data({ error: "reuse.error.sourceNotFound" as const, params: {} }, { status: 404 });
    return redirectWithToast(`/sets/${result.setId}`, {
      kind: "success",
      message: "reuse.forked",
      params: { count: result.count },
    });
  }
  return data({ error: "validation.unknownIntent" as const, params: {} }, { status: 400 });
}

export default function SetReuseRoute() {
  const t = useT();
  const { set, writer, sections, targets, forkRegionName, copies, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <SetHeader set={set} heading={t("reuse.pageTitle")} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error, actionData.params)}</p>
        </div>
      ) : null}
      <section aria-labelledby="source-changed">
        <h2 id="source-changed">{t("reuse.changedHeading")}</h2>
        {changed.length === 0 ? (
          <p>{t("reuse.changedNone")}</p>
        ) : (
          <ul>
            {changed.map((copy) => (
              <li key={copy.id}>
                {copy.ref} {copy.title} –{" "}
                <Link to={`/sets/${set.id}/requirements/${copy.id}/source`}>{t("reuse.showSourceChange")}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="copies-heading">
        <h2 id="copies-heading">{t("reuse.copiesHeading")}</h2>
        {copies.length === 0 ? (
          <p>{t("reuse.copiesNone")}</p>
        ) : (
          <ul>
            {copies.map((copy) => (
              <li key={copy.id}>
                <Link to={`/sets/${set.id}/requirements/${copy.id}`}>
                  {copy.ref} {copy.title}
                </Link>{" "}
                –{" "}
                {copy.sourceSetTitle
                  ? t("reuse.provenanceFrom", {
                      set: copy.sourceSetTitle,
                      ref: copy.sourceRef ?? "",
                      version: copy.sourceVersion ?? "",
                    })
                  : t("reuse.sourceHiddenShort")}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>{t("reuse.intro")}</p>
      {!writer ? (
        <p>{t("reuse.notWriter")}</p>
      ) : (
        <>
          <section aria-labelledby="copy-sections-heading" className="card">
            <h2 id="copy-sections-heading">{t("reuse.copySectionsHeading")}</h2>
            {sections.length === 0 ? (
              <p>{t("reuse.noSections")}</p>
            ) : targets.length === 0 ? (
              <p>{t("reuse.noTargets")}</p>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="copy-sections" />
                <fieldset>
                  <legend>{t("reuse.sectionsLegend")}</legend>
                  <p className="field-hint">{t("reuse.sectionsHint")}</p>
                  {sections.map((section) => (
                    <div key={section.id} className="field checkbox">
                      <input type="checkbox" id={`section-${section.id}`} name="sectionId" value={section.id} />
                      <label htmlFor={`section-${section.id}`}>
                        {section.number} {section.title}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor="copy-target">{t("reuse.targetSet")}</label>
                  <select id="copy-target" name="targetSetId">
                    {targets.map((target) => (
                      <option key={target.id} value={target.id}>
                        {target.title} ({target.ownerRegionName})
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit">{t("reuse.copySections")}</button>
              </Form>
            )}
          </section>
          <section aria-labelledby="fork-heading" className="card">
            <h2 id="fork-heading">{t("reuse.forkHeading")}</h2>
            {forkRegionName ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="fork" />
                <p>{t("reuse.forkIntro", { region: forkRegionName })}</p>
                <div className="field">
                  <label htmlFor="fork-title">{t("reuse.forkTitle")}</label>
                  <input
                    id="fork-title"
                    name="title"
                    required
                    maxLength={200}
                    defaultValue={t("reuse.forkTitleDefault", { title: set.title })}
                  />
                </div>
                <button type="submit">{t("reuse.fork")}</button>
              </Form>
            ) : (
              <p>{t("reuse.forkNoRegion")}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reuse.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
