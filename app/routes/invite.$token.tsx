import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors, InputField } from "~/components/forms";
import { acceptInvite, findUsableInvite } from "~/models/invites.server";
import { useT } from "~/utils/i18n";
import { readFormData } from "~/utils/form-data.server";
import { regionRoleLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { isCommonPassword } from "~/utils/password.server";
import { requestInfo } from "~/utils/request.server";
import { AcceptInviteExistingUserSchema, AcceptInviteNewUserSchema } from "~/utils/schemas";
import { serializeSessionCookie } from "~/utils/session.server";

const hidden = ["password", "confirmPassword"];

/** Public by design: the unguessable single-use token in the link is the authorization. */
export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await findUsableInvite({ token: params.token ?? "" });
  if (invite.status !== "valid") return data({ invite: null }, { status: 404 });
  return {
    invite: {
      email: invite.email,
      role: invite.role,
      regionName: invite.regionName,
      existingUserName: invite.existingUserName,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invite = await findUsableInvite({ token });
  if (invite.status !== "valid") return data({ result: null, invalid: true }, { status: 404 });
  const formData = await readFormData(request);
  const submission =
    invite.existingUserName !== null
      ? parseWithZod(formData, { schema: AcceptInviteExistingUserSchema })
      : parseWithZod(formData, {
          schema: AcceptInviteNewUserSchema.superRefine((value, ctx) => {
            if (isCommonPassword(value.password)) {
              ctx.addIssue({ code: "custom", path: ["password"], message: "validation.passwordCommon" });
            }
          }),
        });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }), invalid: false }, { status: 400 });
  }
  const value: { password: string; name?: string } = submission.value;
  const result = await acceptInvite({
    token,
    name: value.name ?? null,
    password: value.password,
    request: requestInfo(request, context),
  });
  if (result.status === "invalid") return data({ result: null, invalid: true }, { status: 404 });
  if (result.status === "already-member") {
    return data(
      { result: submission.reply({ formErrors: ["invite.alreadyMember"], hideFields: hidden }), invalid: false },
      { status: 409 },
    );
  }
  if (result.status === "throttled") {
    return data(
      { result: submission.reply({ formErrors: ["login.throttled"], hideFields: hidden }), invalid: false },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.status === "wrong-password") {
    return data(
      {
        result: submission.reply({ fieldErrors: { password: ["account.wrongPassword"] }, hideFields: hidden }),
        invalid: false,
      },
      { status: 400 },
    );
  }
  throw redirect("/", { headers: { "Set-Cookie": serializeSessionCookie(result.token, result.session) } });
}

export default function AcceptInviteRoute() {
  const t = useT();
  const { invite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const existing = invite?.existingUserName != null;
  const [form, fields] = useForm<{ name?: string; password: string; confirmPassword?: string }>({
    id: "accept-invite",
    lastResult: actionData?.result,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: existing ? AcceptInviteExistingUserSchema : AcceptInviteNewUserSchema }),
    shouldRevalidate: "onBlur",
  });
  if (!invite || actionData?.invalid) {
    return (
      <section className="card" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("invite.invalidTitle")}</h1>
        <p>{t("invite.invalidBody")}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.acceptTitle", { region: invite.regionName })}</h1>
      <p>{t("invite.acceptIntro", { email: invite.email, role: t(regionRoleLabel[invite.role]) })}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {existing ? (
          <>
            <p>{t("invite.existingAccount", { name: invite.existingUserName ?? "" })}</p>
            <InputField
              field={fields.password}
              label={t("login.password")}
              type="password"
              autoComplete="current-password"
            />
          </>
        ) : (
          <>
            <InputField field={fields.name} label={t("invite.name")} autoComplete="name" />
            <InputField
              field={fields.password}
              label={t("account.newPassword")}
              type="password"
              autoComplete="new-password"
              hint={t("account.passwordRules")}
            />
            <InputField
              field={fields.confirmPassword}
              label={t("account.confirmPassword")}
              type="password"
              autoComplete="new-password"
            />
          </>
        )}
        <div>
          <button type="submit">{t("invite.accept")}</button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
