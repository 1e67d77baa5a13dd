import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";

import { FormErrors, InputField } from "~/components/forms";
import { changePassword } from "~/models/auth.server";
import { requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { isCommonPassword } from "~/utils/password.server";
import { requestInfo } from "~/utils/request.server";
import { ChangePasswordSchema } from "~/utils/schemas";
import { serializeSessionCookie } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

const hidden = ["currentPassword", "newPassword", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, {
    schema: ChangePasswordSchema.superRefine((value, ctx) => {
      if (isCommonPassword(value.newPassword)) {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: "validation.passwordCommon" });
      }
    }),
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  }
  const result = await changePassword({
    userId: auth.user.id,
    currentRegionId: auth.currentRegionId,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
    request: requestInfo(request, context),
  });
  if (result.status === "wrong-password") {
    return data(
      {
        result: submission.reply({
          fieldErrors: { currentPassword: ["account.wrongPassword"] },
          hideFields: hidden,
        }),
      },
      { status: 400 },
    );
  }
  return redirectWithToast(
    "/account",
    { kind: "success", message: "account.passwordChanged" },
    { headers: { "Set-Cookie": serializeSessionCookie(result.token, result.session) } },
  );
}

export default function ChangePasswordRoute() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="card" aria-labelledby="password-title">
      <h1 id="password-title">{t("account.changePassword")}</h1>
      <p>{t("account.passwordRules")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField
          field={fields.currentPassword}
          label={t("account.currentPassword")}
          type="password"
          autoComplete="current-password"
        />
        <InputField
          field={fields.newPassword}
          label={t("account.newPassword")}
          type="password"
          autoComplete="new-password"
        />
        <InputField
          field={fields.confirmPassword}
          label={t("account.confirmPassword")}
          type="password"
          autoComplete="new-password"
        />
        <p className="notice">{t("account.passwordChangeSignsOut")}</p>
        <div>
          <button type="submit">{t("account.savePassword")}</button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.changePassword");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
