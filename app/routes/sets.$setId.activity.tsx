import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { SetHeader, toSetHeader } from "~/components/set-header";
import { listSetActivity } from "~/models/requirement-sets.server";
import { listDeletedRequirements, setRequirementDeleted } from "~/models/requirements.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { changeKindLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

const RestoreSchema = z.object({ requirementId: UuidSchema, baseVersion: VersionSchema });

/** Recent activity in the set, and the deleted requirements that can be restored. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const canEdit = setPermissions(auth, set).edit;
  const [activity, deleted] = await Promise.all([
    listSetActivity({ setId: set.id, limit: 50 }),
    canEdit ? listDeletedRequirements({ setId: set.id }) : Promise.resolve([]),
  ]);
  return {
    set: toSetHeader(set),
    canEdit,
    activity: activity.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      changedAt: entry.changedAt.toISOString(),
      changedByName: entry.changedByName,
      requirementId: entry.requirementId,
      requirementRef: entry.requirementRef,
      fields: Object.keys(entry.changes),
    })),
    deleted: deleted.map((row) => ({ ...row, deletedAt: row.deletedAt?.toISOString() ?? null })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const formData = await readFormData(request);
  if (formData.get("intent") !== "restore")
    return data({ error: "validation.unknownIntent" as MessageKey }, { status: 400 });
  const parsed = RestoreSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ error: "validation.invalid" as MessageKey }, { status: 400 });
  const result = await setRequirementDeleted({
    setId: set.id,
    ...parsed.data,
    deleted: false,
    actorUserId: auth.user.id,
  });
  if (result.status === "duplicate-ref")
    return data({ error: "requirement.restoreRefTaken" as MessageKey }, { status: 409 });
  if (result.status !== "saved") return data({ error: "requirement.restoreConflict" as MessageKey }, { status: 409 });
  return redirectWithToast(`/sets/${set.id}/activity`, { kind: "success", message: "requirement.restored" });
}

export default function ActivityRoute() {
  const t = useT();
  const { set, activity, deleted, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <SetHeader set={set} heading={t("activity.title")} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {canEdit && deleted.length > 0 ? (
        <section aria-labelledby="deleted-heading">
          <h2 id="deleted-heading">{t("activity.deleted")}</h2>
          <ul className="plain">
            {deleted.map((row) => (
              <li key={row.id}>
                <strong>{row.ref}</strong> {row.title}{" "}
                {row.deletedAt ? <span className="muted">({t.dateTime(row.deletedAt)})</span> : null}{" "}
                <Form method="post">
                  <input type="hidden" name="requirementId" value={row.id} />
                  <input type="hidden" name="baseVersion" value={row.version} />
                  <button
                    type="submit"
                    name="intent"
                    value="restore"
                    className="link"
                    aria-label={t("activity.restoreNamed", { ref: row.ref })}
                  >
                    {t("activity.restore")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("activity.recent")}</h2>
        {activity.length === 0 ? <p>{t("activity.none")}</p> : null}
        <ol className="activity">
          {activity.map((entry) => (
            <li key={entry.id}>
              <span className="muted">{t.dateTime(entry.changedAt)}</span> ·{" "}
              {entry.changedByName ?? t("audit.unknownPerson")} · {t(changeKindLabel[entry.kind] ?? "change.updated")}
              {entry.requirementId ? (
                <>
                  {" "}
                  <Link to={`/sets/${set.id}/requirements/${entry.requirementId}/history`}>{entry.requirementRef}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activity.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
