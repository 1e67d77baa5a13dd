import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors } from "~/components/forms";
import { ProcurementHeader, toProcurementHeader } from "~/components/procurement-badges";
import { ProcurementFormFields } from "~/components/procurement-form";
import {
  getProcurementFilterOptions,
  procurementResource,
  setProcurementArchived,
  updateProcurement,
  type VisibleProcurement,
} from "~/models/procurements.server";
import { assertAllowed, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { procurementPermissions, requireProcurementAccess } from "~/utils/procurement-access.server";
import { EditProcurementSchema, ragLabel, VersionSchema } from "~/utils/procurement-fields";
import { louPhaseLabel } from "~/utils/lou-phases";
import { requestInfo } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** An archived procurement is read-only; its page here only offers restoring it (to its admins). */
function editAction(procurement: VisibleProcurement) {
  return procurement.archivedAt ? "procurement.archive" : "procurement.edit";
}

/** Details, participants, phase and RAG; archiving and restoring. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.read");
  assertAllowed(auth, editAction(procurement), procurementResource(procurement));
  const { regions } = await getProcurementFilterOptions();
  return {
    procurement: toProcurementHeader(procurement),
    details: {
      title: procurement.title,
      description: procurement.description,
      caseNumber: procurement.caseNumber,
      participantRegionIds: procurement.participants.map((region) => region.id),
      phase: procurement.phase,
      rag: procurement.rag,
      ragReason: procurement.ragReason,
    },
    version: procurement.version,
    regions: regions.filter((region) => region.id !== procurement.ownerRegionId),
    permissions: procurementPermissions(auth, procurement),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, procurement } = await requireProcurementAccess(request, params.procurementId, "procurement.read");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  switch (intent) {
    case "details":
      return saveDetails({ auth, procurement, formData, request, context });
    case "archive":
    case "restore":
      return archive({ auth, procurement, formData, request, context, archived: intent === "archive" });
    default:
      assertAllowed(auth, editAction(procurement), procurementResource(procurement));
      return data({ intent: "unknown", result: null, error: "validation.unknownIntent" }, { status: 400 });
  }
}

type IntentArgs = {
  auth: AuthContext;
  procurement: VisibleProcurement;
  formData: FormData;
  request: Request;
  context: AppLoadContext;
};

async function saveDetails({ auth, procurement, formData, request, context }: IntentArgs) {
  assertAllowed(auth, "procurement.edit", procurementResource(procurement));
  const submission = parseWithZod(formData, { schema: EditProcurementSchema });
  if (submission.status !== "success") {
    return data({ intent: "details", result: submission.reply(), error: null, theirs: null }, { status: 400 });
  }
  const { baseVersion, ...input } = submission.value;
  const result = await updateProcurement({
    procurementId: procurement.id,
    baseVersion,
    input,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/procurements/${procurement.id}`, { kind: "success", message: "procurements.saved" });
    case "invalid-participants":
      return data(
        {
          intent: "details",
          result: submission.reply({ fieldErrors: { participantRegionIds: ["procurements.participantsInvalid"] } }),
          error: null,
          theirs: null,
        },
        { status: 400 },
      );
    case "conflict":
      // The person's values stay in the form; they see what the other save changed and may save again.
      return data(
        {
          intent: "details",
          result: submission.reply({ formErrors: ["procurements.conflict"] }),
          error: null,
          theirs: {
            ...result.current,
            changedByName: result.changedByName,
            changedAt: result.changedAt.toISOString(),
          },
        },
        { status: 409 },
      );
  }
}

async function archive({
  auth,
  procurement,
  formData,
  request,
  context,
  archived,
}: IntentArgs & { archived: boolean }) {
  assertAllowed(auth, "procurement.archive", procurementResource(procurement));
  const baseVersion = VersionSchema.safeParse(formData.get("baseVersion"));
  if (!baseVersion.success) {
    return data({ intent: "archive", result: null, error: "validation.invalid", theirs: null }, { status: 400 });
  }
  if ((procurement.archivedAt !== null) === archived) {
    return data(
      { intent: "archive", result: null, error: "procurements.conflictArchive", theirs: null },
      { status: 409 },
    );
  }
  const result = await setProcurementArchived({
    procurementId: procurement.id,
    baseVersion: baseVersion.data,
    archived,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  if (result.status !== "saved") {
    return data(
      { intent: "archive", result: null, error: "procurements.conflictArchive", theirs: null },
      { status: 409 },
    );
  }
  return redirectWithToast(`/procurements/${procurement.id}`, {
    kind: "success",
    message: archived ? "procurements.archivedToast" : "procurements.restoredToast",
  });
}

export default function EditProcurementRoute() {
  const t = useT();
  const { procurement, details, version, regions, permissions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const theirs = actionData && "theirs" in actionData ? actionData.theirs : null;
  const [form, fields] = useForm({
    id: "edit-procurement",
    lastResult: actionData?.intent === "details" ? actionData.result : undefined,
    defaultValue: details,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditProcurementSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <ProcurementHeader procurement={procurement} heading={t("procurements.editTitle")} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t.message(actionData.error)}</p>
        </div>
      ) : null}
      {permissions.edit ? (
        <Form method="post" className="stack wide card" {...getFormProps(form)}>
          <h2>{t("procurements.details")}</h2>
          <FormErrors id={form.errorId} errors={form.errors} />
          {theirs ? (
            <div className="notice notice-warning">
              <p>
                {t("procurements.theirs", {
                  name: theirs.changedByName ?? t("audit.unknownPerson"),
                  when: t.dateTime(theirs.changedAt),
                })}
              </p>
              <ul>
                <li>
                  {t("procurements.field.title")}: {theirs.title}
                </li>
                <li>
                  {t("procurements.field.phase")}: {t(louPhaseLabel[theirs.phase])}
                </li>
                <li>
                  {t("procurements.field.rag")}: {t(ragLabel[theirs.rag])}
                  {theirs.ragReason ? ` – ${theirs.ragReason}` : ""}
                </li>
              </ul>
              <p>{t("procurements.theirsHint")}</p>
            </div>
          ) : null}
          <input type="hidden" name="intent" value="details" />
          <input
            type="hidden"
            name="baseVersion"
            value={theirs ? theirs.version : version}
            key={theirs?.version ?? version}
          />
          <ProcurementFormFields fields={fields} regions={regions} />
          <div className="button-row">
            <button type="submit">{t("procurements.save")}</button>
            <Link to={`/procurements/${procurement.id}`}>{t("common.cancel")}</Link>
          </div>
        </Form>
      ) : null}
      {permissions.share ? (
        <section className="card" aria-labelledby="share-heading">
          <h2 id="share-heading">{t("procurements.share.title")}</h2>
          <p>{t("procurements.share.settingsIntro")}</p>
          <Link to={`/procurements/${procurement.id}/share`}>{t("procurements.share.change")}</Link>
        </section>
      ) : null}
      {permissions.archive ? (
        <section className="card" aria-labelledby="archive-heading">
          <h2 id="archive-heading">{procurement.archivedAt ? t("procurements.restore") : t("procurements.archive")}</h2>
          <p>{procurement.archivedAt ? t("procurements.restoreIntro") : t("procurements.archiveIntro")}</p>
          <Form method="post">
            <input type="hidden" name="baseVersion" value={version} />
            <button
              type="submit"
              name="intent"
              value={procurement.archivedAt ? "restore" : "archive"}
              className="secondary"
            >
              {procurement.archivedAt ? t("procurements.restore") : t("procurements.archive")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "procurements.editTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
