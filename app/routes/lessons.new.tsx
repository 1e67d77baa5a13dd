import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors } from "~/components/forms";
import { LessonFormFields } from "~/components/lesson-form";
import { createLesson } from "~/models/lessons.server";
import { assertAllowed, forbidden, requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { LessonSchema } from "~/utils/lesson-schemas";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** A new lesson is written in the region chosen in the header, as a private item of that region. */
async function requireCreator(request: Request) {
  const auth = await requireUser(request);
  const region = auth.memberships.find((membership) => membership.regionId === auth.currentRegionId);
  if (!region) forbidden();
  assertAllowed(auth, "lesson.create", { type: "region", regionId: region.regionId });
  return { auth, region };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { region } = await requireCreator(request);
  return { regionName: region.regionName };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth, region } = await requireCreator(request);
  const submission = parseWithZod(await readFormData(request), { schema: LessonSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const lessonId = await createLesson({
    regionId: region.regionId,
    input: submission.value,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  return redirectWithToast(`/lessons/${lessonId}`, {
    kind: "success",
    message: "lessons.created",
    params: { title: submission.value.title },
  });
}

export default function NewLessonRoute() {
  const t = useT();
  const { regionName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-lesson",
    lastResult: actionData?.result,
    defaultValue: { severity: "medium", sourceKind: "decision" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LessonSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/lessons">{t("lessons.title")}</Link>
      </p>
      <h1>{t("lessons.newTitle")}</h1>
      <p>{t("lessons.newIntro", { region: regionName })}</p>
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <LessonFormFields fields={fields} />
        <div className="button-row">
          <button type="submit">{t("lessons.save")}</button>
          <Link to="/lessons">{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "lessons.newTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
