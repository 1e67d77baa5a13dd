import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorList, FormErrors } from "~/components/forms";
import { shareLesson } from "~/models/lessons.server";
import { listShareTargets } from "~/models/requirement-sets.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { visibilityLabel } from "~/utils/labels";
import { requireLessonAccess } from "~/utils/lesson-access.server";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { VISIBILITIES } from "~/utils/requirement-fields";
import { ShareSchema } from "~/utils/requirement-schemas";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * Sharing a lesson is a deliberate step: a lesson shared with other regions may become a public
 * record (allmän handling) under Swedish law, so the admin confirms having understood that.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lesson } = await requireLessonAccess(request, params.lessonId, "item.share");
  const targets = await listShareTargets({ regionId: lesson.ownerRegionId });
  return {
    lesson: {
      id: lesson.id,
      title: lesson.title,
      version: lesson.version,
      visibility: lesson.visibility,
      collaborationId: lesson.collaborationId,
      archived: lesson.archivedAt !== null,
    },
    targets,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, lesson } = await requireLessonAccess(request, params.lessonId, "item.share");
  const submission = parseWithZod(await readFormData(request), { schema: ShareSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const targets = await listShareTargets({ regionId: lesson.ownerRegionId });
  const { visibility, collaborationId, baseVersion } = submission.value;
  if (visibility === "collaboration" && !targets.some((target) => target.id === collaborationId)) {
    return data(
      { result: submission.reply({ fieldErrors: { collaborationId: ["share.collaborationRequired"] } }) },
      { status: 400 },
    );
  }
  const result = await shareLesson({
    lessonId: lesson.id,
    baseVersion,
    visibility,
    collaborationId: visibility === "collaboration" ? (collaborationId ?? null) : null,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status === "archived") {
    return data({ result: submission.reply({ formErrors: ["lessons.isArchivedNoEdit"] }) }, { status: 409 });
  }
  if (result.status === "conflict") {
    return data({ result: submission.reply({ formErrors: ["lessons.conflict"] }) }, { status: 409 });
  }
  return redirectWithToast(`/lessons/${lesson.id}`, { kind: "success", message: "lessons.sharedToast" });
}

export default function ShareLessonRoute() {
  const t = useT();
  const { lesson, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/lessons">{t("lessons.title")}</Link> / <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>
      </p>
      <h1>{t("lessons.shareTitle")}</h1>
      {lesson.archived ? (
        <p className="notice notice-warning">{t("lessons.isArchivedNoEdit")}</p>
      ) : (
        <Form method="post" className="stack card">
          <FormErrors id="share-errors" errors={errors[""]} />
          <input type="hidden" name="baseVersion" value={lesson.version} />
          <fieldset>
            <legend>{t("lessons.shareWho")}</legend>
            {VISIBILITIES.map((value) => (
              <div key={value}>
                <input
                  type="radio"
                  id={`visibility-${value}`}
                  name="visibility"
                  value={value}
                  defaultChecked={lesson.visibility === value}
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
              defaultValue={lesson.collaborationId ?? targets[0]?.id}
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
            <p>{t("lessons.publicRecordWarning")}</p>
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
            <Link to={`/lessons/${lesson.id}`}>{t("common.cancel")}</Link>
          </div>
        </Form>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "lessons.shareTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
