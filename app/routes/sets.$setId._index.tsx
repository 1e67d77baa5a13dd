import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { useDelegatedLinks } from "~/components/delegated-links";
import { SetHeader, toSetHeader } from "~/components/set-header";
import { listRequirementsPage, moveRequirement, type MoveTarget } from "~/models/requirements.server";
import { listSectionTree } from "~/models/sections.server";
import { readFormData } from "~/utils/form-data.server";
import { useT } from "~/utils/i18n";
import { obligationLabel, requirementTypeLabel, verificationLabel } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";
import { requireSetAccess, setPermissions } from "~/utils/set-access.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Rows per page: a first screenful and then some; the rest comes page by page. */
const PAGE_SIZE = 50;

const MoveSchema = z.object({
  requirementId: UuidSchema,
  baseVersion: VersionSchema,
  direction: z.enum(["up", "down"]),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.read");
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const sectionParam = url.searchParams.get("section");
  const sectionId = sectionParam && UuidSchema.safeParse(sectionParam).success ? sectionParam : null;
  // Reordering controls are a mode of their own: reading the list stays light.
  const reorder = url.searchParams.get("reorder") === "1";
  const [sections, requirementsPage] = await Promise.all([
    listSectionTree({ setId: set.id }),
    listRequirementsPage({ setId: set.id, sectionId, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
  ]);
  const pageCount = Math.max(1, Math.ceil(requirementsPage.total / PAGE_SIZE));
  if (page > pageCount) {
    // An old link past the end (requirements were deleted since): show the last page instead.
    const last = new URL(url);
    if (pageCount > 1) last.searchParams.set("page", String(pageCount));
    else last.searchParams.delete("page");
    throw redirect(`${last.pathname}${last.search}`);
  }
  return {
    set: toSetHeader(set),
    permissions: setPermissions(auth, set),
    sections: sections.map(({ id, title, depth, number }) => ({ id, title, depth, number })),
    sectionId,
    reorder,
    page,
    pageCount,
    total: requirementsPage.total,
    // Only what this page shows is sent: never the whole set twice (HTML and hydration data).
    requirements: requirementsPage.rows.map(({ text: _text, ...row }) => row),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, set } = await requireSetAccess(request, params.setId, "set.edit");
  const formData = await readFormData(request);
  if (formData.get("intent") !== "move-requirement") {
    return data({ error: "validation.unknownIntent" as const }, { status: 400 });
  }
  const parsed = MoveSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data({ error: "validation.invalid" as const }, { status: 400 });
  const { requirementId, baseVersion, direction } = parsed.data;
  const target: MoveTarget = { kind: direction };
  const result = await moveRequirement({
    setId: set.id,
    requirementId,
    baseVersion,
    target,
    actorUserId: auth.user.id,
  });
  if (result.status === "conflict") return data({ error: "requirement.moveConflict" as const }, { status: 409 });
  if (result.status === "not-found") return data({ error: "requirement.notFound" as const }, { status: 404 });
  const back = new URL(request.url);
  return redirectWithToast(`/sets/${set.id}${back.search}`, {
    kind: "success",
    message: result.status === "no-move" ? "requirement.notMoved" : "requirement.moved",
  });
}

export default function SetRoute() {
  const t = useT();
  const { set, permissions, sections, sectionId, reorder, page, pageCount, total, requirements } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outlineRef = useDelegatedLinks<HTMLUListElement>();
  const listRef = useDelegatedLinks<HTMLOListElement>();
  const sectionTitle = new Map(sections.map((section) => [section.id, `${section.number} ${section.title}`]));
  const query = (changes: Record<string, string | null>) => {
    const params: Record<string, string> = {
      ...(sectionId ? { section: sectionId } : {}),
      ...(page > 1 ? { page: String(page) } : {}),
      ...(reorder ? { reorder: "1" } : {}),
    };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete params[key];
      else params[key] = value;
    }
    return `?${new URLSearchParams(params)}`;
  };
  const pageLink = (target: number) => query({ page: String(target) });
  let lastSectionId: string | null | undefined;
  return (
    <>
      <SetHeader set={set} />
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      <div className="set-layout">
        <nav className="outline" aria-labelledby="outline-heading">
          <h2 id="outline-heading">{t("sets.outline")}</h2>
          <ul ref={outlineRef}>
            <li>
              <Link to={`/sets/${set.id}`} aria-current={sectionId === null ? "page" : undefined}>
                {t("sets.allRequirements")}
              </Link>
            </li>
            {sections.map((section) => (
              <li key={section.id} className={`depth-${Math.min(section.depth, 4)}`}>
                <a
                  href={`/sets/${set.id}?section=${section.id}`}
                  aria-current={sectionId === section.id ? "page" : undefined}
                >
                  {section.number} {section.title}
                </a>
              </li>
            ))}
          </ul>
          {permissions.edit ? (
            <p>
              <Link to={`/sets/${set.id}/sections`}>{t("sets.editStructure")}</Link>
            </p>
          ) : null}
        </nav>
        <section className="requirements" aria-labelledby="requirements-heading">
          <div className="page-header">
            <h2 id="requirements-heading">
              {sectionId ? (sectionTitle.get(sectionId) ?? t("sets.allRequirements")) : t("sets.allRequirements")}{" "}
              <span className="muted">({t("sets.shownOf", { shown: requirements.length, total })})</span>
            </h2>
            <p className="button-row">
              <Link to={`/sets/${set.id}/export`}>{t("exchange.export.link")}</Link>
              {permissions.edit ? <Link to={`/sets/${set.id}/import`}>{t("exchange.import.link")}</Link> : null}
            </p>
            {permissions.edit ? (
              <p className="button-row">
                <Link to={query({ reorder: reorder ? null : "1" })}>
                  {reorder ? t("sets.reorderDone") : t("sets.reorder")}
                </Link>
                <Link
                  className="button"
                  to={`/sets/${set.id}/requirements/new${sectionId ? `?section=${sectionId}` : ""}`}
                >
                  {t("requirement.add")}
                </Link>
              </p>
            ) : null}
          </div>
          {requirements.length === 0 ? <p>{t("sets.noRequirements")}</p> : null}
          <ol className="requirement-list" ref={listRef}>
            {requirements.map((requirement) => {
              const heading =
                requirement.sectionId !== lastSectionId ? (
                  <li className="section-divider" aria-hidden="true">
                    {requirement.sectionId ? sectionTitle.get(requirement.sectionId) : t("sets.noSection")}
                  </li>
                ) : null;
              lastSectionId = requirement.sectionId;
              return (
                <RequirementRow
                  key={requirement.id}
                  heading={heading}
                  requirement={requirement}
                  setId={set.id}
                  canReorder={permissions.edit && reorder}
                />
              );
            })}
          </ol>
          {pageCount > 1 ? (
            <nav className="pager" aria-label={t("sets.pages")}>
              {page > 1 ? <Link to={pageLink(page - 1)}>{t("sets.previousPage")}</Link> : null}
              <span>{t("sets.pageOf", { page, pages: pageCount })}</span>
              {page < pageCount ? <Link to={pageLink(page + 1)}>{t("sets.nextPage")}</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  );
}

type RowData = {
  id: string;
  sectionId: string | null;
  ref: string;
  title: string;
  obligation: "ska" | "bor";
  type: "qualification" | "technical" | "award" | "contract";
  verification: keyof typeof verificationLabel;
  weight: number | null;
  version: number;
};

function RequirementRow({
  heading,
  requirement,
  setId,
  canReorder,
}: {
  heading: React.ReactNode;
  requirement: RowData;
  setId: string;
  canReorder: boolean;
}) {
  const t = useT();
  const href = `/sets/${setId}/requirements/${requirement.id}`;
  return (
    <>
      {heading}
      <li className="requirement-row">
        <div>
          <a href={href}>
            <strong>{requirement.ref}</strong> {requirement.title}
          </a>
          <div className="muted">
            <span className={`badge obligation-${requirement.obligation}`}>
              {t(obligationLabel[requirement.obligation])}
            </span>{" "}
            {t(requirementTypeLabel[requirement.type])} · {t(verificationLabel[requirement.verification])}
            {requirement.weight !== null ? ` · ${t("requirement.weightShort", { weight: requirement.weight })}` : null}
          </div>
        </div>
        {canReorder ? (
          <div className="row-actions">
            <Form method="post">
              <input type="hidden" name="intent" value="move-requirement" />
              <input type="hidden" name="requirementId" value={requirement.id} />
              <input type="hidden" name="baseVersion" value={requirement.version} />
              <button
                type="submit"
                name="direction"
                value="up"
                className="secondary"
                aria-label={t("requirement.moveUpNamed", { ref: requirement.ref })}
              >
                ↑
              </button>
              <button
                type="submit"
                name="direction"
                value="down"
                className="secondary"
                aria-label={t("requirement.moveDownNamed", { ref: requirement.ref })}
              >
                ↓
              </button>
            </Form>
          </div>
        ) : null}
      </li>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData ? [{ title: `${loaderData.set.title} – Samkrav` }] : pageTitle(matches, "sets.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export { keepFormAfterSessionExpiry as shouldRevalidate } from "~/utils/revalidate";
