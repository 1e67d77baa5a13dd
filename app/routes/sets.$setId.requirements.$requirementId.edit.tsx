import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";

import { FormErrors } from "~/components/forms";
import { RequirementFormFields, type RequirementFormValues } from "~/components/requirement-form";
import { RequirementLinksEditor, SurfacedLessons } from "~/components/requirement-links";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { WordDiff } from "~/components/word-diff";
import {
  getRequirementLinks,
  linkLesson,
  linkStandard,
  listLessonOptions,
  listStandardOptions,
  unlinkLesson,
  unlinkStandard,
  type LinkChangeResult,
} from "~/models/requirement-links.server";
import { getRequirement, updateRequirement, type RequirementRow } from "~/models/requirements.server";
import { notFound, type AuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { fieldLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { requestInfo, type RequestInfo } from "~/utils/request.server";
import { COMPARED_FIELDS } from "~/utils/requirement-fields";
import { LinkLessonSchema, LinkStandardSchema, UnlinkStandardSchema } from "~/utils/requirement-link-schemas";
import { EditRequirementSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The main form saves the requirement; the link forms change one link each, saved at once. */
const LINK_INTENTS = ["link-standard", "unlink-standard", "link-lesson", "unlink-lesson"] as const;
type LinkIntent = (typeof LINK_INTENTS)[number];

async function loadRequirement(setId: string, requirementId: string | undefined) {
  if (!UuidSchema.safeParse(requirementId).success) notFound();
  const requirement = await getRequirement({ setId, requirementId: requirementId ?? "" });
  if (!requirement || requirement.deletedAt) notFound();
  return requirement;
}

/** What the form shows for a stored requirement: every value as text. */
function toFormValues(requirement: RequirementRow): RequirementFormValues {
  return {
    ref: requirement.ref,
    title: requirement.title,
    text: requirement.text,
    obligation: requirement.obligation,
    type: requirement.type,
    area: requirement.area,
    rationale: requirement.rationale,
    verification: requirement.verification,
    weight: requirement.weight === null ? "" : String(requirement.weight),
    ambition: requirement.ambition ?? "",
    tags: requirement.tags.join(", "),
    baseVersion: String(requirement.version),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const requirement = await loadRequirement(set.id, params.requirementId);
  const [links, standardOptions, lessonOptions] = await Promise.all([
    getRequirementLinks({ requirementId: requirement.id, area: requirement.area, principal: auth.principal }),
    listStandardOptions(),
    listLessonOptions({ principal: auth.principal, area: requirement.area }),
  ]);
  return {
    set: toSetHeader(set),
    requirement: {
      id: requirement.id,
      ref: requirement.ref,
      area: requirement.area,
      values: toFormValues(requirement),
    },
    links,
    standardOptions,
    lessonOptions,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const requirement = await loadRequirement(set.id, params.requirementId);
  const formData = await readFormData(request);
  const intent = formData.get("intent") ?? "save";
  const linkIntent = LINK_INTENTS.find((candidate) => candidate === intent);
  if (linkIntent) {
    return changeLink(linkIntent, formData, {
      auth,
      setId: set.id,
      ownerRegionId: set.ownerRegionId,
      requirementId: requirement.id,
      request: requestInfo(request, context),
    });
  }
  if (intent !== "save") {
    return linkFailure({ linkErrors: null, linkError: "validation.unknownIntent" }, 400);
  }
  const submission = parseWithZod(formData, { schema: EditRequirementSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), conflict: null, linkErrors: null, linkError: null }, { status: 400 });
  }
  const { baseVersion, ...input } = submission.value;
  const result = await updateRequirement({
    setId: set.id,
    requirementId: requirement.id,
    baseVersion,
    input,
    actorUserId: auth.user.id,
  });
  switch (result.status) {
    case "saved":
      return redirectWithToast(`/sets/${set.id}/requirements/${requirement.id}`, {
        kind: "success",
        message: "requirement.saved",
        params: { ref: input.ref },
      });
    case "duplicate-ref":
      return data(
        {
          result: submission.reply({ fieldErrors: { ref: ["requirement.refTaken"] } }),
          conflict: null,
          linkErrors: null,
          linkError: null,
        },
        { status: 409 },
      );
    case "not-found":
      notFound();
    // falls through: notFound() never returns
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
            deleted: result.current.deletedAt !== null,
          },
          linkErrors: null,
          linkError: null,
        },
        { status: 409 },
      );
  }
}

type LinkFailure = {
  result: null;
  conflict: null;
  linkErrors: { standard?: string[]; lesson?: string[] } | null;
  linkError: MessageKey | null;
};

function linkFailure(body: Omit<LinkFailure, "result" | "conflict">, status: number) {
  return data<LinkFailure>({ result: null, conflict: null, ...body }, { status });
}

const LINK_TOASTS: Record<"linked" | "repinned" | "unlinked", Record<"standard" | "lesson", MessageKey>> = {
  linked: { standard: "requirementLinks.standardLinked", lesson: "requirementLinks.lessonLinked" },
  repinned: { standard: "requirementLinks.standardRepinned", lesson: "requirementLinks.lessonLinked" },
  unlinked: { standard: "requirementLinks.standardUnlinked", lesson: "requirementLinks.lessonUnlinked" },
};

/** One link change: parse, call the model, and come back to this form with a toast. */
async function changeLink(
  intent: LinkIntent,
  formData: FormData,
  target: { auth: AuthContext; setId: string; ownerRegionId: string; requirementId: string; request: RequestInfo },
) {
  const fields = Object.fromEntries(formData);
  const common = {
    setId: target.setId,
    ownerRegionId: target.ownerRegionId,
    requirementId: target.requirementId,
    actorUserId: target.auth.user.id,
    request: target.request,
  };
  const kind = intent.endsWith("standard") ? "standard" : "lesson";
  let result: LinkChangeResult;
  if (intent === "link-standard") {
    const parsed = LinkStandardSchema.safeParse(fields);
    if (!parsed.success) {
      return linkFailure({ linkErrors: { standard: parsed.error.issues.map((i) => i.message) }, linkError: null }, 400);
    }
    result = await linkStandard({ ...common, choice: parsed.data.standard });
  } else if (intent === "unlink-standard") {
    const parsed = UnlinkStandardSchema.safeParse(fields);
    if (!parsed.success) return linkFailure({ linkErrors: null, linkError: "validation.invalid" }, 400);
    result = await unlinkStandard({ ...common, standardId: parsed.data.standardId });
  } else {
    const parsed = LinkLessonSchema.safeParse(fields);
    if (!parsed.success) {
      return linkFailure({ linkErrors: { lesson: parsed.error.issues.map((i) => i.message) }, linkError: null }, 400);
    }
    const args = { ...common, lessonId: parsed.data.lessonId, principal: target.auth.principal };
    result = intent === "link-lesson" ? await linkLesson(args) : await unlinkLesson(args);
  }
  switch (result.status) {
    case "unknown-standard":
      return linkFailure({ linkErrors: { standard: ["requirementLinks.standardUnknown"] }, linkError: null }, 400);
    case "unknown-lesson":
      return linkFailure({ linkErrors: { lesson: ["requirementLinks.lessonUnknown"] }, linkError: null }, 400);
    case "not-editable":
      return linkFailure({ linkErrors: null, linkError: "requirement.setNotEditable" }, 409);
    case "unchanged":
      return redirectWithToast(`/sets/${target.setId}/requirements/${target.requirementId}/edit`, {
        kind: "info",
        message: "requirementLinks.unchanged",
      });
    default:
      return redirectWithToast(`/sets/${target.setId}/requirements/${target.requirementId}/edit`, {
        kind: "success",
        message: LINK_TOASTS[result.status][kind],
        params: { name: result.name },
      });
  }
}

export default function EditRequirementRoute() {
  const t = useT();
  const { set, requirement, links, standardOptions, lessonOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  const [form, fields] = useForm({
    id: `edit-requirement-${requirement.id}`,
    lastResult: actionData?.result,
    defaultValue: requirement.values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditRequirementSchema }),
    shouldRevalidate: "onBlur",
  });
  // The version this form was opened at, fixed for its lifetime: a reload of the loader must not
  // quietly move it to someone else's newer save. Only the conflict view moves it, on purpose:
  // "apply my changes on top of the latest" saves again from their version.
  const [openedVersion] = useState(requirement.values.baseVersion ?? "");
  const baseVersion = conflict ? String(conflict.version) : openedVersion;
  return (
    <>
      <SetHeader set={set} heading={t("requirement.editTitle", { ref: requirement.ref })} />
      <SurfacedLessons
        lessons={links.lessons}
        area={requirement.area}
        areaTotal={links.areaLessonTotal}
        heading={t("requirementLinks.lessonsWhileEditing")}
      />
      {conflict ? <ConflictPanel conflict={conflict} mine={actionData?.result?.initialValue ?? {}} /> : null}
      <Form method="post" className="stack wide card" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="baseVersion" value={baseVersion} key={baseVersion} />
        <RequirementFormFields fields={fields} />
        <div className="button-row">
          <button type="submit">{conflict ? t("conflict.applyMine") : t("requirement.save")}</button>
          {conflict ? (
            <Link to="." reloadDocument>
              {t("conflict.discardMine")}
            </Link>
          ) : (
            <Link to={`/sets/${set.id}/requirements/${requirement.id}`}>{t("common.cancel")}</Link>
          )}
        </div>
      </Form>
      {actionData?.linkError ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.linkError)}</p>
        </div>
      ) : null}
      <RequirementLinksEditor
        standards={links.standards}
        lessons={links.lessons}
        standardOptions={standardOptions}
        lessonOptions={lessonOptions}
        errors={actionData?.linkErrors ?? {}}
      />
    </>
  );
}

type ConflictData = {
  theirs: RequirementFormValues;
  version: number;
  changedByName: string | null;
  changedAt: string;
  deleted: boolean;
};

function ConflictPanel({ conflict, mine }: { conflict: ConflictData; mine: Record<string, unknown> }) {
  const t = useT();
  const changed = COMPARED_FIELDS.filter((field) => String(mine[field] ?? "") !== String(conflict.theirs[field] ?? ""));
  return (
    <section className="notice notice-warning conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>
        {t("conflict.body", {
          name: conflict.changedByName ?? t("audit.unknownPerson"),
          time: t.dateTime(conflict.changedAt),
          version: conflict.version,
        })}
      </p>
      {conflict.deleted ? <p>{t("conflict.deleted")}</p> : null}
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
            {changed.map((field) => (
              <tr key={field}>
                <th scope="row">{t(fieldLabel[field])}</th>
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

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "requirement.editPageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
