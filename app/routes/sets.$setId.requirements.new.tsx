import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors } from "~/components/forms";
import { RequirementFormFields } from "~/components/requirement-form";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { createRequirement, suggestRef } from "~/models/requirements.server";
import { listSectionTree } from "~/models/sections.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { isArea } from "~/utils/labels";
import { NewRequirementSchema } from "~/utils/requirement-schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { set } = await requireSetAccess(request, params.setId, "set.edit");
  const url = new URL(request.url);
  const areaParam = url.searchParams.get("area") ?? "IS";
  const area = isArea(areaParam) ? areaParam : "IS";
  const [sections, suggestedRef] = await Promise.all([
    listSectionTree({ setId: set.id }),
    suggestRef({ setId: set.id, area }),
  ]);
  const sectionParam = url.searchParams.get("section");
  return {
    set: toSetHeader(set),
    sections: sections.map(({ id, title, number }) => ({ id, title, number })),
    defaults: {
      area,
      ref: suggestedRef,
      sectionId: sections.some((section) => section.id === sectionParam) ? (sectionParam ?? "") : "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewRequirementSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { sectionId, ...input } = submission.value;
  const result = await createRequirement({
    setId: set.id,
    sectionId: sectionId ?? null,
    input,
    actorUserId: auth.user.id,
  });
  if (result.status === "duplicate-ref") {
    return data({ result: submission.reply({ fieldErrors: { ref: ["requirement.refTaken"] } }) }, { status: 409 });
  }
  if (result.status === "not-editable") {
    return data({ result: submission.reply({ formErrors: ["requirement.setNotEditable"] }) }, { status: 409 });
  }
  return redirectWithToast(`/sets/${set.id}${sectionId ? `?section=${sectionId}` : ""}`, {
    kind: "success",
    message: "requirement.created",
    params: { ref: input.ref },
  });
}

export default function NewRequirementRoute() {
  const t = useT();
  const { set, sections, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-requirement",
    lastResult: actionData?.result,
    defaultValue: {
      area: defaults.area,
      ref: defaults.ref,
      obligation: "ska",
      type: "technical",
      verification: "yes_no",
      sectionId: defaults.sectionId,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewRequirementSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <SetHeader set={set} heading={t("requirement.newTitle")} />
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor="requirement-section">{t("requirement.section")}</label>
          <select id="requirement-section" name="sectionId" defaultValue={defaults.sectionId}>
            <option value="">{t("sets.noSection")}</option>
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.number} {section.title}
              </option>
            ))}
          </select>
        </div>
        <RequirementFormFields fields={fields} />
        <div className="button-row">
          <button type="submit">{t("requirement.save")}</button>
          <Link to={`/sets/${set.id}`}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "requirement.newTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
