import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors, InputField } from "~/components/forms";
import { ProcurementHeader, RagBadge, toProcurementHeader } from "~/components/procurement-badges";
import { RagRadios, TextAreaField } from "~/components/procurement-form";
import { addStatusReport } from "~/models/procurements.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requireProcurementAccess } from "~/utils/procurement-access.server";
import { StatusReportSchema, swedishDate } from "~/utils/procurement-fields";
import { requestInfo } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The current calendar quarter (Swedish time): the period a report written today usually covers. */
function currentQuarter(today: string): { periodStart: string; periodEnd: string } {
  const [year, month] = today.split("-").map(Number);
  const startMonth = Math.floor(((month ?? 1) - 1) / 3) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year ?? 2000, endMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, "0");
  return { periodStart: `${year}-${pad(startMonth)}-01`, periodEnd: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The lead region's status report: the regional director's recurring follow-up. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.edit");
  return {
    procurement: toProcurementHeader(procurement),
    ragReason: procurement.ragReason,
    defaults: { ...currentQuarter(swedishDate()), rag: procurement.rag, summary: "", risks: "", nextSteps: "" },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.edit");
  const submission = parseWithZod(await readFormData(request), { schema: StatusReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await addStatusReport({
    procurementId: procurement.id,
    input: submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  return redirectWithToast(`/procurements/${procurement.id}#status-reports`, {
    kind: "success",
    message: result.updatedRag ? "procurements.report.savedNewest" : "procurements.report.savedOlder",
  });
}

export default function NewStatusReportRoute() {
  const t = useT();
  const { procurement, ragReason, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "status-report",
    lastResult: actionData?.result,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusReportSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <ProcurementHeader procurement={procurement} heading={t("procurements.report.new")} />
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="notice" id="report-rag-note">
          <p>{t("procurements.report.ragNote")}</p>
          <p>
            {t("procurements.report.currentRag")} <RagBadge rag={procurement.rag} />
            {ragReason ? ` – ${ragReason}` : ""}
          </p>
        </div>
        <div className="form-row">
          <InputField field={fields.periodStart} label={t("procurements.report.periodStart")} type="date" />
          <InputField field={fields.periodEnd} label={t("procurements.report.periodEnd")} type="date" />
        </div>
        <RagRadios field={fields.rag} legend={t("procurements.report.rag")} />
        <TextAreaField
          field={fields.summary}
          label={t("procurements.report.summary")}
          hint={t("procurements.report.summaryHint")}
          rows={5}
        />
        <TextAreaField field={fields.risks} label={t("procurements.report.risks")} rows={4} />
        <TextAreaField field={fields.nextSteps} label={t("procurements.report.nextSteps")} rows={4} />
        <div className="button-row">
          <button type="submit">{t("procurements.report.submit")}</button>
          <Link to={`/procurements/${procurement.id}#status-reports`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "procurements.report.new");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
