import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FormErrors } from "~/components/forms";
import { RequirementFormFields } from "~/components/requirement-form";
import { NewRequirementLinkFields, SurfacedLessons } from "~/components/requirement-links";
import { SetHeader, toSetHeader } from "~/components/set-header";
import {
  addLinksToNewRequirement,
  checkNewLinks,
  getRequirementLinks,
  listLessonOptions,
  listStandardOptions,
} from "~/models/requirement-links.server";
import { createRequirement, suggestRef } from "~/models/requirements.server";
import { listSectionTree } from "~/models/sections.server";
import type { AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { isArea } from "~/utils/labels";
import { requestInfo } from "~/utils/request.server";
import { NewRequirementLinksSchema } from "~/utils/requirement-link-schemas";
import { NewRequirementSchema } from "~/utils/requirement-schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const url = new URL(request.url);
  const areaParam = url.searchParams.get("area") ?? "IS";
  const area = isArea(areaParam) ? areaParam : "IS";
  const [sections, suggestedRef, links, standardOptions, lessonOptions] = await Promise.all([
    listSectionTree({ setId: set.id }),
    suggestRef({ setId: set.id, area }),
    getRequirementLinks({ requirementId: null, area, principal: auth.principal }),
    listStandardOptions(),
    listLessonOptions({ principal: auth.principal, area }),
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
    areaLessons: links.lessons,
    areaLessonTotal: links.areaLessonTotal,
    standardOptions,
    lessonOptions,
  };
}

type LinkErrors = { standards?: string[]; lessons?: string[] };

/** The chosen links, checked before anything is written: a bad choice is a field error. */
async function parseLinks(formData: FormData, auth: AuthContext) {
  const values = {
    standards: formData.getAll("standards").map(String),
    lessons: formData.getAll("lessons").map(String),
  };
  const parsed = NewRequirementLinksSchema.safeParse(values);
  if (!parsed.success) {
    const errors: LinkErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "lessons" ? "lessons" : "standards";
      errors[field] = [...(errors[field] ?? []), issue.message];
    }
    return { values, links: null, errors };
  }
  const check = await checkNewLinks({
    standardChoices: parsed.data.standards,
    lessonIds: parsed.data.lessons,
    principal: auth.principal,
  });
  const errors: LinkErrors = {
    ...(check.standardsOk ? {} : { standards: ["requirementLinks.standardUnknown"] }),
    ...(check.lessonsOk ? {} : { lessons: ["requirementLinks.lessonUnknown"] }),
  };
  return { values, links: Object.keys(errors).length === 0 ? parsed.data : null, errors };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewRequirementSchema });
  const chosen = await parseLinks(formData, auth);
  const linkReply = { linkErrors: chosen.errors, linkValues: chosen.values };
  if (submission.status !== "success") return data({ result: submission.reply(), ...linkReply }, { status: 400 });
  if (!chosen.links) return data({ result: submission.reply(), ...linkReply }, { status: 400 });
  const { sectionId, ...input } = submission.value;
  const result = await createRequirement({
    setId: set.id,
    sectionId: sectionId ?? null,
    input,
    actorUserId: auth.user.id,
  });
  if (result.status === "duplicate-ref") {
    return data(
      { result: submission.reply({ fieldErrors: { ref: ["requirement.refTaken"] } }), ...linkReply },
      { status: 409 },
    );
  }
  if (result.status === "not-editable") {
    return data(
      { result: submission.reply({ formErrors: ["requirement.setNotEditable"] }), ...linkReply },
      { status: 409 },
    );
  }
  if (chosen.links.standards.length > 0 || chosen.links.lessons.length > 0) {
    await addLinksToNewRequirement({
      setId: set.id,
      ownerRegionId: set.ownerRegionId,
      requirementId: result.requirementId,
      actorUserId: auth.user.id,
      request: requestInfo(request, context),
      standardChoices: chosen.links.standards,
      lessonIds: chosen.links.lessons,
      principal: auth.principal,
    });
  }
  return redirectWithToast(`/sets/${set.id}${sectionId ? `?section=${sectionId}` : ""}`, {
    kind: "success",
    message: "requirement.created",
    params: { ref: input.ref },
  });
}

export default function NewRequirementRoute() {
  const t = useT();
  const { set, sections, defaults, areaLessons, areaLessonTotal, standardOptions, lessonOptions } =
    useLoaderData<typeof loader>();
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
      <SurfacedLessons
        lessons={areaLessons}
        area={defaults.area}
        areaTotal={areaLessonTotal}
        heading={t("requirementLinks.lessonsWhileEditing")}
      />
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
        <NewRequirementLinkFields
          standardOptions={standardOptions}
          lessonOptions={lessonOptions}
          errors={actionData?.linkErrors ?? {}}
          selected={actionData?.linkValues ?? { standards: [], lessons: [] }}
        />
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
