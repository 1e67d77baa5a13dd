import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors } from "~/components/forms";
import { ProcurementHeader, toProcurementHeader } from "~/components/procurement-badges";
import { MilestoneFormFields } from "~/components/procurement-form";
import { getMilestone, updateMilestone } from "~/models/procurements.server";
import { notFound } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requireProcurementAccess } from "~/utils/procurement-access.server";
import { EditMilestoneSchema } from "~/utils/procurement-fields";
import { louPhaseLabel } from "~/utils/lou-phases";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import { redirectWithToast } from "~/utils/toast.server";

async function requireMilestone(request: Request, params: { procurementId?: string; milestoneId?: string }) {
  const access = await requireProcurementAccess(request, params.procurementId, "procurement.edit");
  if (!UuidSchema.safeParse(params.milestoneId).success) notFound();
  const milestone = await getMilestone({ procurementId: access.procurement.id, milestoneId: params.milestoneId ?? "" });
  if (!milestone) notFound();
  return { ...access, milestone };
}

/** One milestone's form: phase, label, planned and actual date, and whether it is verified. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { procurement, milestone } = await requireMilestone(request, params);
  return { procurement: toProcurementHeader(procurement), milestone };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, procurement, milestone } = await requireMilestone(request, params);
  const submission = parseWithZod(await readFormData(request), { schema: EditMilestoneSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), theirs: null }, { status: 400 });
  const { baseToken, ...input } = submission.value;
  const result = await updateMilestone({
    procurementId: procurement.id,
    milestoneId: milestone.id,
    baseToken,
    input,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/procurements/${procurement.id}#milestones`, {
        kind: "success",
        message: "procurements.milestone.saved",
      });
    case "not-found":
      return notFound();
    case "conflict":
      // What the person typed stays in the form; they see the other save and may save again over it.
      return data(
        { result: submission.reply({ formErrors: ["procurements.milestone.conflict"] }), theirs: result.current },
        { status: 409 },
      );
  }
}

export default function EditMilestoneRoute() {
  const t = useT();
  const { procurement, milestone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const theirs = actionData?.theirs ?? null;
  const [form, fields] = useForm({
    id: "edit-milestone",
    lastResult: actionData?.result,
    defaultValue: {
      phase: milestone.phase,
      label: milestone.label,
      plannedOn: milestone.plannedOn ?? "",
      actualOn: milestone.actualOn ?? "",
      unverified: milestone.unverified ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditMilestoneSchema }),
    shouldRevalidate: "onBlur",
  });
  const token = theirs?.token ?? milestone.token;
  return (
    <>
      <ProcurementHeader procurement={procurement} heading={t("procurements.milestone.editTitle")} />
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {theirs ? (
          <div className="notice notice-warning">
            <p>{t("procurements.milestone.theirs")}</p>
            <ul>
              <li>
                {t("procurements.milestone.phase")}: {t(louPhaseLabel[theirs.phase])}
                {theirs.label ? ` – ${theirs.label}` : ""}
              </li>
              <li>
                {t("procurements.milestone.plannedOn")}: {theirs.plannedOn ? t.date(theirs.plannedOn) : "–"}
              </li>
              <li>
                {t("procurements.milestone.actualOn")}: {theirs.actualOn ? t.date(theirs.actualOn) : "–"}
              </li>
            </ul>
            <p>{t("procurements.theirsHint")}</p>
          </div>
        ) : null}
        <input type="hidden" name="baseToken" value={token} key={token} />
        <MilestoneFormFields fields={fields} />
        <div className="button-row">
          <button type="submit">{t("procurements.milestone.save")}</button>
          <Link to={`/procurements/${procurement.id}#milestones`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "procurements.milestone.editTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
