import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorList, FormErrors } from "~/components/forms";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { listShareTargets, shareSet } from "~/models/requirement-sets.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { visibilityLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { VISIBILITIES } from "~/utils/requirement-fields";
import { ShareSchema } from "~/utils/requirement-schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * Sharing is a deliberate step: a set shared with other regions may become a public record
 * (allmän handling) under Swedish law, so the admin confirms having understood that.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.share");
  const targets = await listShareTargets({ regionId: set.ownerRegionId });
  return {
    set: toSetHeader(set),
    version: set.version,
    collaborationId: set.collaborationId,
    visibility: set.visibility,
    targets,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.share");
  const submission = parseWithZod(await readFormData(request), { schema: ShareSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const targets = await listShareTargets({ regionId: set.ownerRegionId });
  const { visibility, collaborationId, baseVersion } = submission.value;
  if (visibility === "collaboration" && !targets.some((target) => target.id === collaborationId)) {
    return data(
      { result: submission.reply({ fieldErrors: { collaborationId: ["share.collaborationRequired"] } }) },
      { status: 400 },
    );
  }
  const result = await shareSet({
    setId: set.id,
    ownerRegionId: set.ownerRegionId,
    baseVersion,
    visibility,
    collaborationId: visibility === "collaboration" ? (collaborationId ?? null) : null,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "conflict") {
    return data({ result: submission.reply({ formErrors: ["sets.conflict"] }) }, { status: 409 });
  }
  return redirectWithToast(`/sets/${set.id}/settings`, { kind: "success", message: "share.saved" });
}

export default function ShareRoute() {
  const t = useT();
  const { set, version, visibility, collaborationId, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error ?? {};
  return (
    <>
      <SetHeader set={set} heading={t("share.title")} />
      <Form method="post" className="stack card">
        <FormErrors id="share-errors" errors={errors[""]} />
        <input type="hidden" name="baseVersion" value={version} />
        <fieldset>
          <legend>{t("share.who")}</legend>
          {VISIBILITIES.map((value) => (
            <div key={value}>
              <input
                type="radio"
                id={`visibility-${value}`}
                name="visibility"
                value={value}
                defaultChecked={visibility === value}
              />{" "}
              <label htmlFor={`visibility-${value}`}>
                {t(visibilityLabel[value])} – {t(`share.explain.${value}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="share-collaboration">{t("share.collaboration")}</label>
          <select
            id="share-collaboration"
            name="collaborationId"
            defaultValue={collaborationId ?? targets[0]?.id}
            aria-invalid={errors.collaborationId ? true : undefined}
            aria-describedby={errors.collaborationId ? "share-collaboration-error" : undefined}
          >
            {targets.map((target) => (
              <option key={target.id} value={target.id}>
                {target.name}
              </option>
            ))}
          </select>
          <ErrorList id="share-collaboration-error" errors={errors.collaborationId} />
        </div>
        <div className="notice notice-warning">
          <p>{t("share.publicRecordWarning")}</p>
          <input
            type="checkbox"
            id="confirm-public-record"
            name="confirmPublicRecord"
            aria-invalid={errors.confirmPublicRecord ? true : undefined}
            aria-describedby={errors.confirmPublicRecord ? "confirm-error" : undefined}
          />{" "}
          <label htmlFor="confirm-public-record">{t("share.confirm")}</label>
          <ErrorList id="confirm-error" errors={errors.confirmPublicRecord} />
        </div>
        <div className="button-row">
          <button type="submit">{t("share.submit")}</button>
          <Link to={`/sets/${set.id}/settings`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "share.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
