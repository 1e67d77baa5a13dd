import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";

import { FormErrors } from "~/components/forms";
import { LessonFormFields, type LessonFormValues } from "~/components/lesson-form";
import { WordDiff } from "~/components/word-diff";
import { updateLesson, type LessonValues } from "~/models/lessons.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey, type Translator } from "~/utils/i18n";
import { requireLessonAccess } from "~/utils/lesson-access.server";
import { severityLabel, sourceKindLabel } from "~/utils/lesson-fields";
import { EditLessonSchema } from "~/utils/lesson-schemas";
import { louPhaseLabel } from "~/utils/lou-phases";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** What the form shows for a stored lesson. */
function toFormValues(lesson: LessonValues & { version: number }): LessonFormValues {
  return {
    title: lesson.title,
    whatHappened: lesson.whatHappened,
    lesson: lesson.lesson,
    recommendation: lesson.recommendation,
    sourceKind: lesson.sourceKind,
    sourceTitle: lesson.sourceTitle,
    sourceDate: lesson.sourceDate ?? "",
    sourceUrl: lesson.sourceUrl,
    unverified: lesson.unverified,
    phase: lesson.phase ?? "",
    areas: lesson.areas,
    severity: lesson.severity,
    baseVersion: String(lesson.version),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lesson } = await requireLessonAccess(request, params.lessonId, "item.edit");
  return {
    lesson: { id: lesson.id, title: lesson.title, archived: lesson.archivedAt !== null, values: toFormValues(lesson) },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, lesson } = await requireLessonAccess(request, params.lessonId, "item.edit");
  const submission = parseWithZod(await readFormData(request), { schema: EditLessonSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const result = await updateLesson({
    lessonId: lesson.id,
    baseVersion,
    input,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/lessons/${lesson.id}`, {
        kind: "success",
        message: "lessons.saved",
        params: { title: input.title },
      });
    case "archived":
      return data(
        { result: submission.reply({ formErrors: ["lessons.isArchivedNoEdit"] }), conflict: null },
        { status: 409 },
      );
    case "conflict":
      // Someone saved first. Keep every word the user typed; show theirs beside it.
      return data(
        {
          result: submission.reply(),
          conflict: {
            theirs: toFormValues(result.current),
            version: result.current.version,
            changedByName: result.changedByName,
            changedAt: result.changedAt.toISOString(),
          },
        },
        { status: 409 },
      );
  }
}

export default function EditLessonRoute() {
  const t = useT();
  const { lesson } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  const [form, fields] = useForm({
    id: `edit-lesson-${lesson.id}`,
    lastResult: actionData?.result,
    defaultValue: lesson.values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditLessonSchema }),
    shouldRevalidate: "onBlur",
  });
  // The version the form was opened at, fixed for its lifetime (see the requirement edit form).
  const [openedVersion] = useState(lesson.values.baseVersion ?? "");
  const baseVersion = conflict ? String(conflict.version) : openedVersion;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/lessons">{t("lessons.title")}</Link> / <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>
      </p>
      <h1>{t("lessons.editTitle")}</h1>
      {lesson.archived ? (
        <p className="notice notice-warning">{t("lessons.isArchivedNoEdit")}</p>
      ) : (
        <>
          {conflict ? <ConflictPanel conflict={conflict} mine={actionData?.result?.initialValue ?? {}} /> : null}
          <Form method="post" className="stack wide card" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="baseVersion" value={baseVersion} key={baseVersion} />
            <LessonFormFields fields={fields} />
            <div className="button-row">
              <button type="submit">{conflict ? t("conflict.applyMine") : t("lessons.save")}</button>
              {conflict ? (
                <Link to="." reloadDocument>
                  {t("conflict.discardMine")}
                </Link>
              ) : (
                <Link to={`/lessons/${lesson.id}`}>{t("common.cancel")}</Link>
              )}
            </div>
          </Form>
        </>
      )}
    </>
  );
}

const COMPARED: Array<{ field: keyof LessonFormValues; label: MessageKey }> = [
  { field: "title", label: "lessons.field.title" },
  { field: "whatHappened", label: "lessons.field.whatHappened" },
  { field: "lesson", label: "lessons.field.lesson" },
  { field: "recommendation", label: "lessons.field.recommendation" },
  { field: "sourceKind", label: "lessons.field.sourceKind" },
  { field: "sourceTitle", label: "lessons.field.sourceTitle" },
  { field: "sourceDate", label: "lessons.field.sourceDate" },
  { field: "sourceUrl", label: "lessons.field.sourceUrl" },
  { field: "unverified", label: "lessons.field.unverified" },
  { field: "phase", label: "lessons.field.phase" },
  { field: "areas", label: "lessons.field.areas" },
  { field: "severity", label: "lessons.field.severity" },
];

/** A value as a person reads it: enum values translated, areas joined, the checkbox as yes/no. */
function shown(t: Translator, field: keyof LessonFormValues, value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (field === "unverified") return value === true || value === "on" ? t("lessons.yes") : t("lessons.no");
  const text = value === undefined || value === null ? "" : String(value);
  const labels: Record<string, MessageKey> | undefined =
    field === "sourceKind"
      ? sourceKindLabel
      : field === "phase"
        ? louPhaseLabel
        : field === "severity"
          ? severityLabel
          : undefined;
  const key = labels?.[text];
  return key ? t(key) : text;
}

type ConflictData = { theirs: LessonFormValues; version: number; changedByName: string | null; changedAt: string };

function ConflictPanel({ conflict, mine }: { conflict: ConflictData; mine: Record<string, unknown> }) {
  const t = useT();
  const changed = COMPARED.filter(
    ({ field }) => shown(t, field, mine[field]) !== shown(t, field, conflict.theirs[field]),
  );
  return (
    <section className="notice notice-warning conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t("lessons.conflictTitle")}</h2>
      <p>
        {t("conflict.body", {
          name: conflict.changedByName ?? t("audit.unknownPerson"),
          time: t.dateTime(conflict.changedAt),
          version: conflict.version,
        })}
      </p>
      <p>{t("conflict.choices")}</p>
      {changed.length > 0 ? (
        <table>
          <caption>{t("conflict.differences")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("diff.field")}</th>
              <th scope="col">{t("conflict.theirsVsMine")}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map(({ field, label }) => (
              <tr key={field}>
                <th scope="row">{t(label)}</th>
                <td>
                  <WordDiff before={shown(t, field, conflict.theirs[field])} after={shown(t, field, mine[field])} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "lessons.editTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
