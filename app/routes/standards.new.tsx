import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";

import { FormErrors, InputField } from "~/components/forms";
import { StandardFormFields } from "~/components/standard-form";
import { createStandard } from "~/models/standards.server";
import { requireAllowed } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { NewStandardSchema } from "~/utils/standard-fields";
import { redirectWithToast } from "~/utils/toast.server";

/** A new catalogue entry: platform admins and the regions' admins. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "standard.manage", { type: "platform" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAllowed(request, "standard.manage", { type: "platform" });
  const submission = parseWithZod(await readFormData(request), { schema: NewStandardSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { firstVersion, ...input } = submission.value;
  const result = await createStandard({
    input,
    firstVersion,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "duplicate-code") {
    return data({ result: submission.reply({ fieldErrors: { code: ["standards.codeTaken"] } }) }, { status: 409 });
  }
  return redirectWithToast(`/standards/${result.standardId}`, {
    kind: "success",
    message: "standards.created",
    params: { code: input.code },
  });
}

export default function NewStandardRoute() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-standard",
    lastResult: actionData?.result,
    defaultValue: { lifecycle: "current" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewStandardSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/standards">{t("standards.title")}</Link>
      </p>
      <h1>{t("standards.new.title")}</h1>
      <p>{t("standards.new.intro")}</p>
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <StandardFormFields fields={fields} />
        <InputField
          field={fields.firstVersion}
          label={t("standards.field.firstVersion")}
          hint={t("standards.field.firstVersionHint")}
        />
        <div className="button-row">
          <button type="submit">{t("standards.new.submit")}</button>
          <Link to="/standards">{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "standards.new.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
