import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";

import { ErrorList, FormErrors, InputField } from "~/components/forms";
import { createSet, listRegionSets } from "~/models/requirement-sets.server";
import { getRegion } from "~/models/regions.server";
import { assertAllowed, notFound, requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { setStatusLabel, visibilityLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/policy.server";
import { SET_STATUSES, type SetStatus } from "~/utils/requirement-fields";
import { SetDetailsSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";

function isSetStatus(value: string | null): value is SetStatus {
  return value !== null && (SET_STATUSES as readonly string[]).includes(value);
}

/** The region whose workspace is shown: ?region=…, else the one chosen in the header. */
async function resolveRegion(request: Request) {
  const auth = await requireUser(request);
  const requested = new URL(request.url).searchParams.get("region");
  const regionId = requested ?? auth.currentRegionId;
  if (!regionId || !UuidSchema.safeParse(regionId).success) notFound();
  const region = await getRegion({ regionId });
  if (!region) notFound();
  // A workspace is private to the region's members.
  if (!auth.principal.regionRoles.has(region.id)) notFound();
  return { auth, region };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { auth, region } = await resolveRegion(request);
  assertAllowed(auth, "region.read", { type: "region", regionId: region.id });
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const archived = url.searchParams.get("archived") === "1";
  const sets = await listRegionSets({
    regionId: region.id,
    archived,
    status: isSetStatus(status) ? status : undefined,
  });
  return {
    region,
    archived,
    canCreate: can(auth.principal, "region.write", { type: "region", regionId: region.id }),
    sets: sets.map((set) => ({ ...set, updatedAt: set.updatedAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { auth, region } = await resolveRegion(request);
  assertAllowed(auth, "region.write", { type: "region", regionId: region.id });
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SetDetailsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const setId = await createSet({ regionId: region.id, ...submission.value, actorUserId: auth.user.id });
  throw redirect(`/sets/${setId}`);
}

export default function SetsRoute() {
  const t = useT();
  const { region, sets, canCreate, archived } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "create-set",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetDetailsSchema }),
    shouldRevalidate: "onBlur",
  });
  const regionQuery = `region=${region.id}`;
  return (
    <>
      <div className="page-header">
        <h1>{t("sets.title", { region: region.name })}</h1>
        <p>
          {archived ? (
            <Link to={`/sets?${regionQuery}`}>{t("sets.showActive")}</Link>
          ) : (
            <Link to={`/sets?${regionQuery}&archived=1`}>{t("sets.showArchived")}</Link>
          )}
        </p>
      </div>
      <Form method="get" className="filters" aria-label={t("sets.filter")}>
        <input type="hidden" name="region" value={region.id} />
        {archived ? <input type="hidden" name="archived" value="1" /> : null}
        <div className="field">
          <label htmlFor="status-filter">{t("sets.status")}</label>
          <select id="status-filter" name="status" defaultValue={searchParams.get("status") ?? ""}>
            <option value="">{t("sets.anyStatus")}</option>
            {SET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(setStatusLabel[status])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {sets.length === 0 ? (
        <p>{archived ? t("sets.noArchived") : t("sets.none")}</p>
      ) : (
        <table>
          <caption>{t("sets.caption", { count: sets.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sets.setTitle")}</th>
              <th scope="col">{t("sets.status")}</th>
              <th scope="col">{t("obligation.ska")}</th>
              <th scope="col">{t("obligation.bor")}</th>
              <th scope="col">{t("sets.total")}</th>
              <th scope="col">{t("sets.sharing")}</th>
              <th scope="col">{t("sets.lastChange")}</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((set) => (
              <tr key={set.id}>
                <td>
                  <Link to={`/sets/${set.id}`}>{set.title}</Link>
                  <div className="muted">{set.ownerRegionName}</div>
                </td>
                <td>
                  <span className={`badge status-${set.status}`}>{t(setStatusLabel[set.status])}</span>
                </td>
                <td>{set.ska}</td>
                <td>{set.bor}</td>
                <td>{set.total}</td>
                <td>
                  {t(visibilityLabel[set.visibility])}
                  {set.collaborationName ? `: ${set.collaborationName}` : null}
                </td>
                <td>
                  {t.dateTime(set.updatedAt)}
                  {set.updatedByName ? <div className="muted">{set.updatedByName}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCreate && !archived ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h2>{t("sets.create")}</h2>
          <FormErrors id={form.errorId} errors={form.errors} />
          <InputField field={fields.title} label={t("sets.setTitle")} />
          <div className="field">
            <label htmlFor={fields.description.id}>{t("sets.description")}</label>
            <textarea {...getTextareaProps(fields.description, { ariaAttributes: true })} rows={3} />
            <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
          </div>
          <InputField
            field={fields.procurementReference}
            label={t("sets.procurement")}
            hint={t("sets.procurementHint")}
          />
          <div>
            <button type="submit">{t("sets.create")}</button>
          </div>
          <p>
            <Link to={`/sets/import?region=${region.id}`}>{t("exchange.import.newSetLink")}</Link>
          </p>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sets.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
