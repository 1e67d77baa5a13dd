import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { SetHeader, toSetHeader } from "~/components/set-header";
import { countRequirementsBySection } from "~/models/requirements.server";
import {
  createSection,
  deleteSection,
  listSectionTree,
  MAX_SECTION_DEPTH,
  moveSection,
  renameSection,
  type SectionWriteResult,
} from "~/models/sections.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { SectionTitleSchema, VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

const AddSchema = z.object({ title: SectionTitleSchema, parentId: z.union([UuidSchema, z.literal("")]).optional() });
const RenameSchema = z.object({ sectionId: UuidSchema, baseVersion: VersionSchema, title: SectionTitleSchema });
const MoveSchema = z.object({ sectionId: UuidSchema, baseVersion: VersionSchema, direction: z.enum(["up", "down"]) });
const DeleteSchema = z.object({ sectionId: UuidSchema, baseVersion: VersionSchema });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const [sections, counts] = await Promise.all([
    listSectionTree({ setId: set.id }),
    countRequirementsBySection({ setId: set.id }),
  ]);
  return {
    set: toSetHeader(set),
    canEdit: setPermissions(auth, set).edit,
    maxDepth: MAX_SECTION_DEPTH,
    sections: sections.map((section) => ({ ...section, count: counts.get(section.id) ?? 0 })),
  };
}

const resultMessages: Record<Exclude<SectionWriteResult["status"], "saved">, { key: MessageKey; status: number }> = {
  conflict: { key: "section.conflict", status: 409 },
  "not-found": { key: "section.notFound", status: 404 },
  "too-deep": { key: "section.tooDeep", status: 400 },
  "not-empty": { key: "section.notEmpty", status: 409 },
  "no-move": { key: "section.noMove", status: 400 },
  "not-editable": { key: "requirement.setNotEditable", status: 409 },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const formData = await readFormData(request);
  const fields = Object.fromEntries(formData);
  const actorUserId = auth.user.id;
  let result: SectionWriteResult;
  let field: "title" | null = null;
  switch (formData.get("intent")) {
    case "add": {
      const parsed = AddSchema.safeParse(fields);
      if (!parsed.success)
        return data({ error: "validation.required" as MessageKey, field: "add-title" }, { status: 400 });
      result = await createSection({
        setId: set.id,
        parentId: parsed.data.parentId || null,
        title: parsed.data.title,
        actorUserId,
      });
      break;
    }
    case "rename": {
      const parsed = RenameSchema.safeParse(fields);
      if (!parsed.success)
        return data(
          { error: "validation.required" as MessageKey, field: `title-${String(fields.sectionId)}` },
          { status: 400 },
        );
      result = await renameSection({ setId: set.id, ...parsed.data, actorUserId });
      field = "title";
      break;
    }
    case "move": {
      const parsed = MoveSchema.safeParse(fields);
      if (!parsed.success) return data({ error: "validation.invalid" as MessageKey, field: null }, { status: 400 });
      result = await moveSection({ setId: set.id, ...parsed.data, actorUserId });
      break;
    }
    case "delete": {
      const parsed = DeleteSchema.safeParse(fields);
      if (!parsed.success) return data({ error: "validation.invalid" as MessageKey, field: null }, { status: 400 });
      result = await deleteSection({ setId: set.id, ...parsed.data, actorUserId });
      break;
    }
    default:
      return data({ error: "validation.unknownIntent" as MessageKey, field: null }, { status: 400 });
  }
  if (result.status !== "saved") {
    const failure = resultMessages[result.status];
    return data(
      { error: failure.key, field: field ? `title-${String(fields.sectionId)}` : null },
      { status: failure.status },
    );
  }
  return redirectWithToast(`/sets/${set.id}/sections`, { kind: "success", message: "section.saved" });
}

export default function SectionsRoute() {
  const t = useT();
  const { set, sections, canEdit, maxDepth } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <SetHeader set={set} heading={t("section.title")} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {sections.length === 0 ? <p>{t("section.none")}</p> : null}
      <ul className="section-tree">
        {sections.map((section) => (
          <li key={section.id} className={`depth-${Math.min(section.depth, 4)} card`}>
            <p>
              <strong>
                {section.number} {section.title}
              </strong>{" "}
              <span className="muted">({t("section.requirementCount", { count: section.count })})</span>
            </p>
            {canEdit ? (
              <div className="row-actions">
                <Form method="post">
                  <input type="hidden" name="sectionId" value={section.id} />
                  <input type="hidden" name="baseVersion" value={section.version} />
                  <label htmlFor={`title-${section.id}`} className="visually-hidden">
                    {t("section.renameNamed", { title: section.title })}
                  </label>
                  <input
                    id={`title-${section.id}`}
                    name="title"
                    defaultValue={section.title}
                    aria-invalid={actionData?.field === `title-${section.id}` ? true : undefined}
                    required
                  />
                  <button type="submit" name="intent" value="rename" className="secondary">
                    {t("section.rename")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="sectionId" value={section.id} />
                  <input type="hidden" name="baseVersion" value={section.version} />
                  <input type="hidden" name="intent" value="move" />
                  <button
                    type="submit"
                    name="direction"
                    value="up"
                    className="secondary"
                    aria-label={t("section.moveUpNamed", { title: section.title })}
                  >
                    ↑
                  </button>
                  <button
                    type="submit"
                    name="direction"
                    value="down"
                    className="secondary"
                    aria-label={t("section.moveDownNamed", { title: section.title })}
                  >
                    ↓
                  </button>
                </Form>
                {section.count === 0 ? (
                  <Form method="post">
                    <input type="hidden" name="sectionId" value={section.id} />
                    <input type="hidden" name="baseVersion" value={section.version} />
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      className="link"
                      aria-label={t("section.deleteNamed", { title: section.title })}
                    >
                      {t("section.delete")}
                    </button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" className="stack card">
          <h2>{t("section.add")}</h2>
          <div className="field">
            <label htmlFor="add-title">{t("section.newTitle")}</label>
            <input
              id="add-title"
              name="title"
              required
              aria-invalid={actionData?.field === "add-title" ? true : undefined}
              aria-describedby={actionData?.field === "add-title" ? "add-title-error" : undefined}
            />
            {actionData?.field === "add-title" ? (
              <p id="add-title-error" className="field-errors">
                {t(actionData.error)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="add-parent">{t("section.parent")}</label>
            <select id="add-parent" name="parentId" defaultValue="">
              <option value="">{t("section.topLevel")}</option>
              {sections
                .filter((section) => section.depth < maxDepth)
                .map((section) => (
                  <option key={section.id} value={section.id}>
                    {section.number} {section.title}
                  </option>
                ))}
            </select>
          </div>
          <div>
            <button type="submit" name="intent" value="add">
              {t("section.add")}
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "section.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
