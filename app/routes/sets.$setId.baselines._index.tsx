import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors, InputField } from "~/components/forms";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { createManualBaseline, listBaselines } from "~/models/baselines.server";
import { listSetEstablishments } from "~/models/reviews.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { baselineKindLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { BaselineNameSchema } from "~/utils/requirement-schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const baselines = await listBaselines({ setId: set.id });
  const established = new Map((await listSetEstablishments({ setId: set.id })).map((row) => [row.baselineId, row]));
  return {
    set: toSetHeader(set),
    canCreate: setPermissions(auth, set).baseline,
    baselines: baselines.map((baseline) => ({
      ...baseline,
      createdAt: baseline.createdAt.toISOString(),
      establishment: established.get(baseline.id) ?? null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.baseline");
  const submission = parseWithZod(await readFormData(request), { schema: BaselineNameSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const baselineId = await createManualBaseline({
    setId: set.id,
    name: submission.value.name,
    actorUserId: auth.user.id,
  });
  return redirectWithToast(`/sets/${set.id}/baselines/${baselineId}`, {
    kind: "success",
    message: "baseline.saved",
    params: { name: submission.value.name },
  });
}

export default function BaselinesRoute() {
  const t = useT();
  const { set, baselines, canCreate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "create-baseline",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BaselineNameSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <SetHeader set={set} heading={t("baseline.title")} />
      <p>{t("baseline.intro")}</p>
      {baselines.length === 0 ? (
        <p>{t("baseline.none")}</p>
      ) : (
        <table>
          <caption>{t("baseline.caption", { count: baselines.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("baseline.name")}</th>
              <th scope="col">{t("baseline.kind")}</th>
              <th scope="col">{t("baseline.created")}</th>
              <th scope="col">{t("sets.total")}</th>
              <th scope="col">{t("baseline.compare")}</th>
            </tr>
          </thead>
          <tbody>
            {baselines.map((baseline) => (
              <tr key={baseline.id}>
                <td>
                  <Link to={`/sets/${set.id}/baselines/${baseline.id}`}>{baseline.name}</Link>
                  {baseline.establishment ? (
                    <div className="muted">
                      {t("reviews.establishment", {
                        collaboration: baseline.establishment.collaborationName,
                        reference: baseline.establishment.decisionReference,
                      })}
                    </div>
                  ) : null}
                </td>
                <td>{t(baselineKindLabel[baseline.kind])}</td>
                <td>
                  {t.dateTime(baseline.createdAt)}
                  {baseline.createdByName ? <div className="muted">{baseline.createdByName}</div> : null}
                </td>
                <td>{baseline.requirementCount}</td>
                <td>
                  <Link to={`/sets/${set.id}/diff?from=${baseline.id}&to=working`}>
                    {t("baseline.compareWithWorking")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCreate ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h2>{t("baseline.create")}</h2>
          <FormErrors id={form.errorId} errors={form.errors} />
          <InputField field={fields.name} label={t("baseline.name")} hint={t("baseline.nameHint")} />
          <div>
            <button type="submit">{t("baseline.create")}</button>
          </div>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "baseline.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
