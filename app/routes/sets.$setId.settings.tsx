import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { ErrorList, FormErrors, InputField } from "~/components/forms";
import { SetHeader, toSetHeader } from "~/components/set-header";
import {
  changeSetStatus,
  setArchived,
  setResource,
  STATUS_TRANSITIONS,
  updateSetDetails,
  type StatusTransition,
} from "~/models/requirement-sets.server";
import { assertAllowed } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { getLanguage } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { EditSetSchema, VersionSchema } from "~/utils/requirement-schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

const TRANSITION_ORDER: StatusTransition[] = [
  "submit_review",
  "approve",
  "publish",
  "return_to_draft",
  "new_version",
  "supersede",
];

function isTransition(value: unknown): value is StatusTransition {
  return typeof value === "string" && value in STATUS_TRANSITIONS;
}

/** Set details, status workflow, sharing and archiving. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const permissions = setPermissions(auth, set);
  const transitionAllowed: Record<StatusTransition, boolean> = {
    submit_review: permissions.submitReview,
    approve: permissions.approve,
    publish: permissions.publish,
    return_to_draft: permissions.returnToDraft,
    new_version: permissions.newVersion,
    supersede: permissions.supersede,
  };
  return {
    set: toSetHeader(set),
    details: {
      title: set.title,
      description: set.description,
      procurementReference: set.procurementReference,
      version: set.version,
    },
    permissions,
    transitions: TRANSITION_ORDER.filter((transition) => transitionAllowed[transition]),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const conflict = () =>
    data({ intent: String(intent), result: null, error: "sets.conflict" as MessageKey, theirs: null }, { status: 409 });
  if (intent === "details") {
    assertAllowed(auth, "set.edit", setResource(set));
    const submission = parseWithZod(formData, { schema: EditSetSchema });
    if (submission.status !== "success") {
      return data({ intent: "details", result: submission.reply(), error: null, theirs: null }, { status: 400 });
    }
    const { baseVersion, ...details } = submission.value;
    const result = await updateSetDetails({ setId: set.id, baseVersion, ...details, actorUserId: auth.user.id });
    if (result.status === "conflict") {
      return data(
        {
          intent: "details",
          result: submission.reply({ formErrors: ["sets.detailsConflict"] }),
          error: null,
          theirs: { title: result.current.title, version: result.current.version, changedByName: result.changedByName },
        },
        { status: 409 },
      );
    }
    return redirectWithToast(`/sets/${set.id}/settings`, { kind: "success", message: "sets.saved" });
  }
  const baseVersion = VersionSchema.safeParse(formData.get("baseVersion"));
  if (!baseVersion.success) {
    return data(
      { intent: String(intent), result: null, error: "validation.invalid" as MessageKey, theirs: null },
      { status: 400 },
    );
  }
  if (intent === "status") {
    const transition = formData.get("transition");
    if (!isTransition(transition)) {
      return data(
        { intent: "status", result: null, error: "validation.invalid" as MessageKey, theirs: null },
        { status: 400 },
      );
    }
    assertAllowed(auth, STATUS_TRANSITIONS[transition].action, setResource(set));
    const result = await changeSetStatus({
      setId: set.id,
      baseVersion: baseVersion.data,
      transition,
      actorUserId: auth.user.id,
      language: getLanguage(request, auth.user.locale),
    });
    if (result.status !== "saved") return conflict();
    return redirectWithToast(`/sets/${set.id}/settings`, { kind: "success", message: "sets.statusChanged" });
  }
  if (intent === "archive" || intent === "restore") {
    assertAllowed(auth, intent === "archive" ? "set.archive" : "set.restore", setResource(set));
    const result = await setArchived({
      setId: set.id,
      baseVersion: baseVersion.data,
      archived: intent === "archive",
      actorUserId: auth.user.id,
    });
    if (result.status !== "saved") return conflict();
    return redirectWithToast(`/sets/${set.id}/settings`, {
      kind: "success",
      message: intent === "archive" ? "sets.archivedToast" : "sets.restoredToast",
    });
  }
  return data(
    { intent: "unknown", result: null, error: "validation.unknownIntent" as MessageKey, theirs: null },
    { status: 400 },
  );
}

export default function SetSettingsRoute() {
  const t = useT();
  const { set, details, permissions, transitions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "set-details",
    lastResult: actionData?.intent === "details" ? actionData.result : undefined,
    defaultValue: details,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditSetSchema }),
    shouldRevalidate: "onBlur",
  });
  const theirs = actionData?.theirs ?? null;
  return (
    <>
      <SetHeader set={set} heading={t("sets.settingsTitle")} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      <section aria-labelledby="workflow-heading" className="card">
        <h2 id="workflow-heading">{t("sets.workflow")}</h2>
        <p>{t("sets.workflowIntro")}</p>
        {transitions.length === 0 ? <p className="muted">{t("sets.noTransitions")}</p> : null}
        <Form method="post" className="button-row">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="baseVersion" value={details.version} />
          {transitions.map((transition) => (
            <button
              key={transition}
              type="submit"
              name="transition"
              value={transition}
              className={transition === "return_to_draft" ? "secondary" : undefined}
            >
              {t(`sets.transition.${transition}`)}
            </button>
          ))}
        </Form>
      </section>
      {permissions.edit ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h2>{t("sets.details")}</h2>
          {theirs ? (
            <div className="notice notice-warning">
              <p>
                {t("sets.theirTitle", {
                  name: theirs.changedByName ?? t("audit.unknownPerson"),
                  title: theirs.title,
                })}
              </p>
            </div>
          ) : null}
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="details" />
          <input
            type="hidden"
            name="baseVersion"
            value={theirs ? theirs.version : details.version}
            key={theirs?.version ?? details.version}
          />
          <InputField field={fields.title} label={t("sets.setTitle")} />
          <div className="field">
            <label htmlFor={fields.description.id}>{t("sets.description")}</label>
            <textarea {...getTextareaProps(fields.description, { ariaAttributes: true })} rows={4} />
            <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
          </div>
          <InputField
            field={fields.procurementReference}
            label={t("sets.procurement")}
            hint={t("sets.procurementHint")}
          />
          <div>
            <button type="submit">{t("sets.saveDetails")}</button>
          </div>
        </Form>
      ) : null}
      {permissions.share ? (
        <section className="card" aria-labelledby="share-heading">
          <h2 id="share-heading">{t("share.title")}</h2>
          <p>{t("share.settingsIntro")}</p>
          <Link to={`/sets/${set.id}/share`}>{t("share.change")}</Link>
        </section>
      ) : null}
      {permissions.archive || permissions.restore ? (
        <section className="card" aria-labelledby="archive-heading">
          <h2 id="archive-heading">{permissions.archive ? t("sets.archive") : t("sets.restore")}</h2>
          <p>{permissions.archive ? t("sets.archiveIntro") : t("sets.restoreIntro")}</p>
          <Form method="post">
            <input type="hidden" name="baseVersion" value={details.version} />
            <button
              type="submit"
              name="intent"
              value={permissions.archive ? "archive" : "restore"}
              className="secondary"
            >
              {permissions.archive ? t("sets.archive") : t("sets.restore")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sets.settingsTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
