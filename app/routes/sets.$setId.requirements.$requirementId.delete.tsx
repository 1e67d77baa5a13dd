import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { SetHeader, toSetHeader } from "~/components/set-header";
import { getRequirement, setRequirementDeleted } from "~/models/requirements.server";
import { notFound } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

async function loadLive(setId: string, requirementId: string | undefined) {
  if (!UuidSchema.safeParse(requirementId).success) notFound();
  const requirement = await getRequirement({ setId, requirementId: requirementId ?? "" });
  if (!requirement || requirement.deletedAt) notFound();
  return requirement;
}

/** The confirmation step before a (soft, restorable) delete. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.edit");
  const requirement = await loadLive(set.id, params.requirementId);
  return {
    set: toSetHeader(set),
    requirement: { id: requirement.id, ref: requirement.ref, title: requirement.title, version: requirement.version },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const requirement = await loadLive(set.id, params.requirementId);
  const baseVersion = VersionSchema.safeParse((await readFormData(request)).get("baseVersion"));
  if (!baseVersion.success) return data({ error: "validation.invalid" as const }, { status: 400 });
  const result = await setRequirementDeleted({
    setId: set.id,
    requirementId: requirement.id,
    baseVersion: baseVersion.data,
    deleted: true,
    actorUserId: auth.user.id,
  });
  if (result.status === "conflict") return data({ error: "requirement.deleteConflict" as const }, { status: 409 });
  if (result.status !== "saved") notFound();
  return redirectWithToast(`/sets/${set.id}`, {
    kind: "success",
    message: "requirement.deleted",
    params: { ref: requirement.ref },
  });
}

export default function DeleteRequirementRoute() {
  const t = useT();
  const { set, requirement } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <SetHeader set={set} heading={t("requirement.deleteTitle", { ref: requirement.ref })} />
      <section className="card">
        {actionData?.error ? (
          <div className="form-errors" role="alert">
            <p>{t(actionData.error)}</p>
          </div>
        ) : null}
        <p>{t("requirement.deleteQuestion", { ref: requirement.ref, title: requirement.title })}</p>
        <p>{t("requirement.deleteRestorable")}</p>
        <Form method="post" className="button-row">
          <input type="hidden" name="baseVersion" value={requirement.version} />
          <button type="submit" className="danger">
            {t("requirement.confirmDelete")}
          </button>
          <Link to={`/sets/${set.id}/requirements/${requirement.id}`}>{t("common.cancel")}</Link>
        </Form>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "requirement.delete");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
