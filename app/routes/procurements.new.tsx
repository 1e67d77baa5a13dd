import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors } from "~/components/forms";
import { ProcurementFormFields } from "~/components/procurement-form";
import { createProcurement, getProcurementFilterOptions } from "~/models/procurements.server";
import { getRegion } from "~/models/regions.server";
import { assertAllowed, forbidden, notFound, requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { ProcurementSchema } from "~/utils/procurement-fields";
import { requestInfo } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** A new procurement is led by the region chosen in the header; its editors may start one. */
async function requireLeadRegion(request: Request) {
  const auth = await requireUser(request);
  // Without a region (a platform administrator) there is nothing to lead a procurement from.
  if (!auth.currentRegionId) forbidden();
  const region = await getRegion({ regionId: auth.currentRegionId });
  if (!region) notFound();
  assertAllowed(auth, "procurement.create", { type: "region", regionId: region.id });
  return { auth, region };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { region } = await requireLeadRegion(request);
  const { regions } = await getProcurementFilterOptions();
  return { region, regions: regions.filter((candidate) => candidate.id !== region.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth, region } = await requireLeadRegion(request);
  const submission = parseWithZod(await readFormData(request), { schema: ProcurementSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createProcurement({
    leadRegionId: region.id,
    input: submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "invalid-participants") {
    return data(
      { result: submission.reply({ fieldErrors: { participantRegionIds: ["procurements.participantsInvalid"] } }) },
      { status: 400 },
    );
  }
  return redirectWithToast(`/procurements/${result.procurementId}`, {
    kind: "success",
    message: "procurements.created",
  });
}

export default function NewProcurementRoute() {
  const t = useT();
  const { region, regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-procurement",
    lastResult: actionData?.result,
    defaultValue: { phase: "needs_analysis", rag: "green" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProcurementSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/procurements">{t("procurements.title")}</Link>
      </p>
      <h1>{t("procurements.new")}</h1>
      <p>{t("procurements.newIntro", { region: region.name })}</p>
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <ProcurementFormFields fields={fields} regions={regions} />
        <div className="button-row">
          <button type="submit">{t("procurements.create")}</button>
          <Link to="/procurements">{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "procurements.new");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
