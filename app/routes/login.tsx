import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";

import { FormErrors, InputField } from "~/components/forms";
import { signIn } from "~/models/auth.server";
import { getAuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { LoginSchema, safeRedirect } from "~/utils/schemas";
import { serializeSessionCookie } from "~/utils/session.server";

const ReplayFieldsSchema = z.array(z.tuple([z.string(), z.string()]));

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuthContext(request);
  if (auth) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), replay: null }, { status: 400 });
  }
  const result = await signIn({ ...submission.value, request: requestInfo(request, context) });
  if (result.status === "throttled") {
    return data(
      {
        result: submission.reply({ formErrors: ["login.throttled"], hideFields: ["password"] }),
        replay: null,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (result.status === "invalid") {
    return data(
      { result: submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), replay: null },
      { status: 401 },
    );
  }
  const headers = { "Set-Cookie": serializeSessionCookie(result.token, result.session) };
  if (formData.get("intent") === "reauth") {
    // Signed in again after the session ended mid-form: hand the kept values back to the
    // page, which re-posts them to where they were going.
    const fields = ReplayFieldsSchema.safeParse(safeJson(formData.get("replayFields")));
    const replayAction = safeRedirect(formData.get("replayAction"), "");
    if (fields.success && replayAction) {
      return data({ result: null, replay: { action: replayAction, fields: fields.data } }, { headers });
    }
  }
  throw redirect(safeRedirect(submission.value.redirectTo), { headers });
}

function safeJson(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string") return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

export default function LoginRoute() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onBlur",
  });
  if (actionData?.replay) return <ReplayForm replay={actionData.replay} />;
  return (
    <section className="card" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <InputField field={fields.email} label={t("login.email")} type="email" autoComplete="username" />
        <InputField
          field={fields.password}
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
        />
        <div>
          <button type="submit">{t("login.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

/** Re-posts what the person had typed before their session ended; a button when JavaScript is off. */
function ReplayForm({ replay }: { replay: { action: string; fields: Array<[string, string]> } }) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.submit();
  }, []);
  return (
    <section className="card" aria-labelledby="replay-title">
      <h1 id="replay-title">{t("reauth.signedInAgain")}</h1>
      <form method="post" action={replay.action} ref={formRef}>
        {replay.fields.map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}
        <p>{t("reauth.resendExplanation")}</p>
        <button type="submit">{t("reauth.resend")}</button>
      </form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");
