import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";

import { FormErrors } from "~/components/forms";
import { StandardFormFields, type StandardFormValues } from "~/components/standard-form";
import { WordDiff } from "~/components/word-diff";
import { getStandard, updateStandard, type StandardRow } from "~/models/standards.server";
import { assertAllowed, notFound, requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { UuidSchema } from "~/utils/schemas";
import { EditStandardSchema } from "~/utils/standard-fields";
import { redirectWithToast } from "~/utils/toast.server";

const COMPARED = ["code", "name", "ownerBody", "category", "lifecycle", "link", "description"] as const;
const comparedLabel: Record<(typeof COMPARED)[number], MessageKey> = {
  code: "standards.field.code",
  name: "standards.field.name",
  ownerBody: "standards.field.ownerBody",
  category: "standards.field.category",
  lifecycle: "standards.field.lifecycle",
  link: "standards.field.link",
  description: "standards.field.description",
};

/** The catalogue entry, or 404; then the policy (reference data: nobody is refused sight of it). */
async function loadStandard(request: Request, standardId: string | undefined) {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(standardId).success) notFound();
  const standard = await getStandard({ standardId: standardId ?? "" });
  if (!standard) notFound();
  assertAllowed(auth, "standard.manage", { type: "platform" });
  return { auth, standard };
}

function toFormValues(standard: StandardRow): StandardFormValues {
  return {
    code: standard.code,
    name: standard.name,
    ownerBody: standard.ownerBody,
    category: standard.category,
    link: standard.link,
    description: standard.description,
    lifecycle: standard.lifecycle,
    baseVersion: String(standard.version),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { standard } = await loadStandard(request, params.standardId);
  return { standard: { id: standard.id, code: standard.code, values: toFormValues(standard) } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, standard } = await loadStandard(request, params.standardId);
  const submission = parseWithZod(await readFormData(request), { schema: EditStandardSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const result = await updateStandard({
    standardId: standard.id,
    baseVersion,
    input,
    actorUserId: auth.user.id,
    request: requestInfo(request, context),
  });
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/standards/${standard.id}`, {
        kind: "success",
        message: "standards.saved",
        params: { code: input.code },
      });
    case "duplicate-code":
      return data(
        { result: submission.reply({ fieldErrors: { code: ["standards.codeTaken"] } }), conflict: null },
        { status: 409 },
      );
    case "not-found":
      notFound();
    // falls through: notFound() never returns
    case "conflict":
      // Someone saved first: keep every word the user typed and show theirs beside it.
      return data(
        {
          result: submission.reply(),
          conflict: {
            theirs: toFormValues(result.current),
            version: result.current.version,
            changedByName: result.changedByName,
            changedAt: result.current.updatedAt.toISOString(),
          },
        },
        { status: 409 },
      );
  }
}

export default function EditStandardRoute() {
  const t = useT();
  const { standard } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  const [form, fields] = useForm({
    id: `edit-standard-${standard.id}`,
    lastResult: actionData?.result,
    defaultValue: standard.values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditStandardSchema }),
    shouldRevalidate: "onBlur",
  });
  // The version the form was opened at stays fixed; only the conflict view moves it on purpose.
  const [openedVersion] = useState(standard.values.baseVersion ?? "");
  const baseVersion = conflict ? String(conflict.version) : openedVersion;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/standards">{t("standards.title")}</Link> /{" "}
        <Link to={`/standards/${standard.id}`}>{standard.code}</Link>
      </p>
      <h1>{t("standards.edit.title", { code: standard.code })}</h1>
      {conflict ? <ConflictPanel conflict={conflict} mine={actionData?.result?.initialValue ?? {}} /> : null}
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="baseVersion" value={baseVersion} key={baseVersion} />
        <StandardFormFields fields={fields} />
        <div className="button-row">
          <button type="submit">{conflict ? t("standards.conflict.applyMine") : t("standards.edit.submit")}</button>
          {conflict ? (
            <Link to="." reloadDocument>
              {t("standards.conflict.discardMine")}
            </Link>
          ) : (
            <Link to={`/standards/${standard.id}`}>{t("common.cancel")}</Link>
          )}
        </div>
      </Form>
    </>
  );
}

type ConflictData = { theirs: StandardFormValues; version: number; changedByName: string | null; changedAt: string };

function ConflictPanel({ conflict, mine }: { conflict: ConflictData; mine: Record<string, unknown> }) {
  const t = useT();
  const changed = COMPARED.filter((field) => String(mine[field] ?? "") !== String(conflict.theirs[field] ?? ""));
  return (
    <section className="notice notice-warning conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t("standards.conflict.title")}</h2>
      <p>
        {t("standards.conflict.body", {
          name: conflict.changedByName ?? t("audit.unknownPerson"),
          time: t.dateTime(conflict.changedAt),
        })}
      </p>
      <p>{t("standards.conflict.choices")}</p>
      {changed.length > 0 ? (
        <table>
          <caption>{t("standards.conflict.differences")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("standards.conflict.field")}</th>
              <th scope="col">{t("standards.conflict.theirsVsMine")}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((field) => (
              <tr key={field}>
                <th scope="row">{t(comparedLabel[field])}</th>
                <td>
                  <WordDiff before={String(conflict.theirs[field] ?? "")} after={String(mine[field] ?? "")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "standards.edit.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
