import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { PageHeader } from "~/components/forms";
import {
  canCopyAnywhere,
  copyRequirements,
  listCopyTargets,
  listReadableRequirements,
  type CopyResult,
} from "~/models/reuse.server";
import { forbidden, notFound, requireUser, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * Copy one or several library requirements (`?requirement=<id>&requirement=<id>…`) into one of my
 * draft sets. Only requirements the user may read are listed; unknown and hidden ids are dropped,
 * and when none is left the page is 404, as for any object the user may not know of.
 */

const MAX_REQUIREMENTS = 200;

const CopySchema = z.object({
  targetSetId: UuidSchema,
  // "" places the copies outside any section.
  targetSectionId: z.union([UuidSchema, z.literal("")]).optional(),
});

function validIds(values: Array<FormDataEntryValue | string>): string[] {
  return [
    ...new Set(
      values.filter((value): value is string => typeof value === "string" && UuidSchema.safeParse(value).success),
    ),
  ].slice(0, MAX_REQUIREMENTS);
}

/** The readable requirements among the ids, or 404; then 403 when the user cannot write anywhere. */
async function chosenRequirements(auth: AuthContext, ids: string[]) {
  const chosen = await listReadableRequirements({ principal: auth.principal, ids });
  if (chosen.length === 0) notFound();
  if (!canCopyAnywhere(auth.principal)) forbidden();
  return chosen;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const chosen = await chosenRequirements(auth, validIds(new URL(request.url).searchParams.getAll("requirement")));
  const targets = await listCopyTargets({ principal: auth.principal });
  const chosenSets = new Set(chosen.map((requirement) => requirement.setId));
  return {
    requirements: chosen,
    // A requirement cannot be copied into its own set.
    targets: targets.filter((target) => !chosenSets.has(target.id)),
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
      notFound();
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const formData = await readFormData(request);
  const chosen = await chosenRequirements(auth, validIds(formData.getAll("requirement")));
  const parsed = CopySchema.safeParse({
    targetSetId: formData.get("targetSetId") ?? undefined,
    targetSectionId: formData.get("targetSectionId") ?? undefined,
  });
  if (!parsed.success) return data({ error: "validation.invalid" as const, params: {} }, { status: 400 });
  const { targetSetId, targetSectionId } = parsed.data;
  const result = await copyRequirements({
    principal: auth.principal,
    sourceRequirementIds: chosen.map((requirement) => requirement.id),
    targetSetId,
    targetSectionId: targetSectionId ? targetSectionId : null,
    request: requestInfo(request, context),
  });
  if (result.status !== "copied") return copyError(result);
  return redirectWithToast(`/sets/${targetSetId}`, {
    kind: "success",
    message: "reuse.copied",
    params: { count: result.count },
  });
}

export default function LibraryCopyRoute() {
  const t = useT();
  const { requirements, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("reuse.copyPageTitle")} />
      <p>{t("reuse.copyIntro")}</p>
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error, actionData.params)}</p>
        </div>
      ) : null}
      <Form method="post" className="stack wide card">
        <fieldset>
          <legend>{t("reuse.copyChosen")}</legend>
          <ul>
            {requirements.map((requirement) => (
              <li key={requirement.id}>
                <input type="hidden" name="requirement" value={requirement.id} />
                <strong>
                  {requirement.ref} {requirement.title}
                </strong>{" "}
                {t("reuse.fromSet", { set: requirement.setTitle, region: requirement.ownerRegionName })}
              </li>
            ))}
          </ul>
        </fieldset>
        {targets.length === 0 ? (
          <p>{t("reuse.noTargets")}</p>
        ) : (
          <>
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
            <div className="field">
              <label htmlFor="copy-section">{t("reuse.targetSection")}</label>
              <select id="copy-section" name="targetSectionId" defaultValue="">
                <option value="">{t("reuse.noTargetSection")}</option>
                {targets.map((target) =>
                  target.sections.length > 0 ? (
                    <optgroup key={target.id} label={target.title}>
                      {target.sections.map((section) => (
                        <option key={section.id} value={section.id}>
                          {section.number} {section.title}
                        </option>
                      ))}
                    </optgroup>
                  ) : null,
                )}
              </select>
            </div>
            <button type="submit">{t("reuse.copySubmit")}</button>
          </>
        )}
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reuse.copyPageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
