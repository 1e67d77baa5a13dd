import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorList, FormErrors } from "~/components/forms";
import { ProcurementHeader, toProcurementHeader } from "~/components/procurement-badges";
import { listProcurementShareTargets, shareProcurement } from "~/models/procurements.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { visibilityLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { requireProcurementAccess } from "~/utils/procurement-access.server";
import { ShareProcurementSchema } from "~/utils/procurement-fields";
import { requestInfo } from "~/utils/request.server";
import { VISIBILITIES } from "~/utils/requirement-fields";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * Sharing is a deliberate step: a procurement shared with other regions may become a public
 * record (allmän handling) under Swedish law, so the lead region's admin confirms having
 * understood that. The participating regions read the procurement whatever is chosen here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.share");
  const targets = await listProcurementShareTargets({ regionId: procurement.ownerRegionId });
  return {
    procurement: toProcurementHeader(procurement),
    version: procurement.version,
    visibility: procurement.visibility,
    collaborationId: procurement.collaborationId,
    participantCount: procurement.participants.length,
    targets,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.share");
  const submission = parseWithZod(await readFormData(request), { schema: ShareProcurementSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { visibility, collaborationId, baseVersion } = submission.value;
  if (visibility === "collaboration") {
    const targets = await listProcurementShareTargets({ regionId: procurement.ownerRegionId });
    if (!targets.some((target) => target.id === collaborationId)) {
      return data(
        {
          result: submission.reply({ fieldErrors: { collaborationId: ["procurements.share.collaborationRequired"] } }),
        },
        { status: 400 },
      );
    }
  }
  const result = await shareProcurement({
    procurementId: procurement.id,
    baseVersion,
    visibility,
    collaborationId: visibility === "collaboration" ? (collaborationId ?? null) : null,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "conflict") {
    return data({ result: submission.reply({ formErrors: ["procurements.conflict"] }) }, { status: 409 });
  }
  return redirectWithToast(`/procurements/${procurement.id}`, { kind: "success", message: "procurements.share.saved" });
}

export default function ShareProcurementRoute() {
  const t = useT();
  const { procurement, version, visibility, collaborationId, participantCount, targets } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error ?? {};
  const submitted = actionData?.result?.initialValue ?? null;
  const chosenVisibility = typeof submitted?.visibility === "string" ? submitted.visibility : visibility;
  const chosenCollaboration =
    typeof submitted?.collaborationId === "string" ? submitted.collaborationId : (collaborationId ?? targets[0]?.id);
  return (
    <>
      <ProcurementHeader procurement={procurement} heading={t("procurements.share.title")} />
      <p>{t("procurements.share.intro", { count: participantCount })}</p>
      <Form method="post" className="stack card">
        <FormErrors id="share-errors" errors={errors[""]} />
        <input type="hidden" name="baseVersion" value={version} />
        <fieldset
          aria-describedby={errors.visibility ? "share-visibility-error" : undefined}
          aria-invalid={errors.visibility ? true : undefined}
        >
          <legend>{t("procurements.share.who")}</legend>
          {VISIBILITIES.map((value) => (
            <div key={value}>
              <input
                type="radio"
                id={`visibility-${value}`}
                name="visibility"
                value={value}
                defaultChecked={chosenVisibility === value}
              />{" "}
              <label htmlFor={`visibility-${value}`}>
                {t(visibilityLabel[value])} – {t(`procurements.share.explain.${value}`)}
              </label>
            </div>
          ))}
          <ErrorList id="share-visibility-error" errors={errors.visibility} />
        </fieldset>
        <div className="field">
          <label htmlFor="share-collaboration">{t("procurements.share.collaboration")}</label>
          <select
            id="share-collaboration"
            name="collaborationId"
            defaultValue={chosenCollaboration}
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
          <p>{t("procurements.share.publicRecordWarning")}</p>
          <input
            type="checkbox"
            id="confirm-public-record"
            name="confirmPublicRecord"
            aria-invalid={errors.confirmPublicRecord ? true : undefined}
            aria-describedby={errors.confirmPublicRecord ? "confirm-error" : undefined}
          />{" "}
          <label htmlFor="confirm-public-record">{t("procurements.share.confirm")}</label>
          <ErrorList id="confirm-error" errors={errors.confirmPublicRecord} />
        </div>
        <div className="button-row">
          <button type="submit">{t("procurements.share.submit")}</button>
          <Link to={`/procurements/${procurement.id}`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "procurements.share.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
