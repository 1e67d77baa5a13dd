import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ContentDiffTable, ProvenanceBlock } from "~/components/provenance";
import { SetHeader, toSetHeader } from "~/components/set-header";
import {
  acceptSourceChange,
  contentDiffs,
  getProvenance,
  keepLocalText,
  saveAdaptationReason,
  summarizeProvenance,
  type SourceDecisionResult,
} from "~/models/reuse.server";
import { getRequirement } from "~/models/requirements.server";
import { notFound } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

/** A copy's source: what changed there since the copy's version, and the owner's choices. */

const DecisionSchema = z.object({
  baseVersion: VersionSchema,
  sourceVersion: VersionSchema,
  takeSourceRef: z.literal("on").optional(),
});

const ReasonSchema = z.object({
  baseVersion: VersionSchema,
  reason: z.string().trim().max(2000, "reuse.reasonTooLong"),
});

function requirementIdOf(value: string | undefined): string {
  if (!UuidSchema.safeParse(value).success) notFound();
  return value ?? "";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const requirementId = requirementIdOf(params.requirementId);
  const requirement = await getRequirement({ setId: set.id, requirementId });
  if (!requirement) notFound();
  const provenance = await getProvenance({ principal: auth.principal, setId: set.id, requirementId });
  const canDecide = setPermissions(auth, set).edit && requirement.deletedAt === null;
  return {
    set: toSetHeader(set),
    requirement: { id: requirement.id, ref: requirement.ref, title: requirement.title, version: requirement.version },
    canDecide,
    provenance: provenance
      ? {
          summary: summarizeProvenance(provenance),
          seenVersion: provenance.sourceSeenVersion,
          // Only what the viewer may read: the source's content when its set is shared with them.
          sourceDiffs: provenance.source ? contentDiffs(provenance.snapshot, provenance.source.content) : [],
          localDiffs: contentDiffs(provenance.snapshot, provenance.copy).filter((diff) => diff.field !== "ref"),
          sourceRef: provenance.source?.content.ref ?? null,
        }
      : null,
  };
}

function decisionResponse(
  result: SourceDecisionResult,
  setId: string,
  requirementId: string,
  message: "reuse.accepted" | "reuse.kept" | "reuse.reasonSaved",
  sourceVersion: number,
) {
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/sets/${setId}/requirements/${requirementId}/source`, {
        kind: "success",
        message,
        params: { version: sourceVersion },
      });
    case "conflict":
      return data({ error: "reuse.conflict" as const }, { status: 409 });
    case "duplicate-ref":
      return data({ error: "reuse.refTaken" as const }, { status: 409 });
    case "source-unavailable":
      return data({ error: "reuse.sourceUnavailable" as const }, { status: 409 });
    case "not-found":
      notFound();
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const requirementId = requirementIdOf(params.requirementId);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "reason") {
    const parsed = ReasonSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const message = parsed.error.issues.some((issue) => issue.message === "reuse.reasonTooLong")
        ? ("reuse.reasonTooLong" as const)
        : ("validation.invalid" as const);
      return data({ error: message }, { status: 400 });
    }
    const result = await saveAdaptationReason({
      setId: set.id,
      requirementId,
      baseVersion: parsed.data.baseVersion,
      reason: parsed.data.reason,
      actorUserId: auth.user.id,
    });
    return decisionResponse(result, set.id, requirementId, "reuse.reasonSaved", 0);
  }
  if (intent !== "accept" && intent !== "keep")
    return data({ error: "validation.unknownIntent" as const }, { status: 400 });
  const parsed = DecisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ error: "validation.invalid" as const }, { status: 400 });
  const { baseVersion, sourceVersion, takeSourceRef } = parsed.data;
  const common = { principal: auth.principal, setId: set.id, requirementId, baseVersion, sourceVersion };
  const result =
    intent === "accept"
      ? await acceptSourceChange({ ...common, takeSourceRef: takeSourceRef === "on" })
      : await keepLocalText(common);
  return decisionResponse(
    result,
    set.id,
    requirementId,
    intent === "accept" ? "reuse.accepted" : "reuse.kept",
    sourceVersion,
  );
}

export default function RequirementSourceRoute() {
  const t = useT();
  const { set, requirement, provenance, canDecide } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/sets/${set.id}/requirements/${requirement.id}`;
  return (
    <>
      <SetHeader set={set} heading={t("reuse.sourcePageTitle", { ref: requirement.ref })} />
      <p>
        <Link to={base}>
          {requirement.ref} {requirement.title}
        </Link>
      </p>
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {!provenance ? (
        <p>{t("reuse.notACopy")}</p>
      ) : (
        <>
          <ProvenanceBlock provenance={provenance.summary} sourcePagePath={`${base}/source`} />
          {provenance.summary.state === "hidden" ? <p>{t("reuse.sourceUnavailable")}</p> : null}
          {provenance.summary.state === "deleted" ? <p>{t("reuse.sourceDeleted")}</p> : null}
          {provenance.summary.state === "available" ? (
            provenance.sourceDiffs.length > 0 ? (
              <ContentDiffTable
                caption={t("reuse.diffHeading", { version: provenance.summary.sourceVersion })}
                diffs={provenance.sourceDiffs}
              />
            ) : (
              <p>{t("reuse.noSourceChange", { version: provenance.summary.sourceVersion })}</p>
            )
          ) : null}
          {canDecide && provenance.summary.changed && provenance.summary.currentSourceVersion !== null ? (
            <div className="button-row">
              <Form method="post" className="stack card">
                <input type="hidden" name="intent" value="accept" />
                <input type="hidden" name="baseVersion" value={requirement.version} />
                <input type="hidden" name="sourceVersion" value={provenance.summary.currentSourceVersion} />
                <p>{t("reuse.acceptHint", { version: provenance.summary.currentSourceVersion })}</p>
                {provenance.sourceRef && provenance.sourceRef !== requirement.ref ? (
                  <div className="field checkbox">
                    <input type="checkbox" id="take-source-ref" name="takeSourceRef" value="on" />
                    <label htmlFor="take-source-ref">{t("reuse.takeSourceRef", { ref: provenance.sourceRef })}</label>
                  </div>
                ) : null}
                <button type="submit">{t("reuse.accept")}</button>
              </Form>
              <Form method="post" className="stack card">
                <input type="hidden" name="intent" value="keep" />
                <input type="hidden" name="baseVersion" value={requirement.version} />
                <input type="hidden" name="sourceVersion" value={provenance.summary.currentSourceVersion} />
                <p>{t("reuse.keepHint")}</p>
                <button type="submit" className="secondary">
                  {t("reuse.keep")}
                </button>
              </Form>
            </div>
          ) : null}
          {provenance.localDiffs.length > 0 ? (
            <ContentDiffTable
              caption={t("reuse.localDiffHeading", { version: provenance.summary.sourceVersion })}
              diffs={provenance.localDiffs}
            />
          ) : (
            <p>{t("reuse.noLocalChange", { version: provenance.summary.sourceVersion })}</p>
          )}
          {canDecide && provenance.summary.adapted ? (
            <Form method="post" className="stack card">
              <input type="hidden" name="intent" value="reason" />
              <input type="hidden" name="baseVersion" value={requirement.version} />
              <div className="field">
                <label htmlFor="adaptation-reason">{t("reuse.adaptationReasonLabel")}</label>
                <p id="adaptation-reason-hint" className="field-hint">
                  {t("reuse.adaptationReasonHint")}
                </p>
                <textarea
                  id="adaptation-reason"
                  name="reason"
                  rows={3}
                  maxLength={2000}
                  aria-describedby="adaptation-reason-hint"
                  defaultValue={provenance.summary.adaptationReason}
                />
              </div>
              <button type="submit">{t("reuse.saveReason")}</button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData ? [{ title: `${loaderData.requirement.ref} – Samkrav` }] : pageTitle(matches, "sets.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
