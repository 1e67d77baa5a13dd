import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorList } from "~/components/forms";
import { SeverityBadge, UnverifiedBadge } from "~/components/lesson-badges";
import { Markdown } from "~/components/markdown";
import {
  changeLessonSetLink,
  lessonResource,
  listLessonProcurements,
  listLessonRequirements,
  listLessonSets,
  listLinkableSets,
  setLessonArchived,
} from "~/models/lessons.server";
import { assertAllowed } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { areaLabel, isArea, obligationLabel, setStatusLabel, visibilityLabel } from "~/utils/labels";
import { lessonPermissions, requireLessonAccess } from "~/utils/lesson-access.server";
import { isWebLink, sourceKindLabel } from "~/utils/lesson-fields";
import { louPhaseLabel } from "~/utils/lou-phases";
import { pageTitle } from "~/utils/meta";
import { requestInfo } from "~/utils/request.server";
import { VersionSchema } from "~/utils/requirement-schemas";
import { redirectWithToast } from "~/utils/toast.server";

const INTENTS = ["archive", "restore", "link-set", "unlink-set"] as const;
type Intent = (typeof INTENTS)[number];
const SetLinkSchema = z.object({ setId: z.string({ error: "lessons.setRequired" }).uuid("lessons.setRequired") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, lesson } = await requireLessonAccess(request, params.lessonId, "item.read");
  const permissions = lessonPermissions(auth, lesson);
  const [linkedRequirements, sets, procurements, linkableSets] = await Promise.all([
    listLessonRequirements({ lessonId: lesson.id, principal: auth.principal }),
    listLessonSets({ lessonId: lesson.id, principal: auth.principal }),
    listLessonProcurements({ lessonId: lesson.id, principal: auth.principal }),
    permissions.edit && !lesson.archivedAt ? listLinkableSets({ lessonId: lesson.id, principal: auth.principal }) : [],
  ]);
  return {
    lesson: {
      ...lesson,
      archivedAt: lesson.archivedAt?.toISOString() ?? null,
      createdAt: lesson.createdAt.toISOString(),
      updatedAt: lesson.updatedAt.toISOString(),
    },
    permissions,
    requirements: linkedRequirements,
    sets: sets.map((set) => ({ ...set, archivedAt: set.archivedAt?.toISOString() ?? null })),
    procurements,
    linkableSets,
  };
}

type ActionError = { intent: Intent | "unknown"; error: MessageKey | null; setErrors: string[] | null };

function failure(body: ActionError, status: number) {
  return data(body, { status });
}

/** Archive or restore the lesson, or link it to a set or unlink it: the owner region's editors. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, lesson } = await requireLessonAccess(request, params.lessonId, "item.read");
  const formData = await readFormData(request);
  const intent = INTENTS.find((candidate) => candidate === formData.get("intent"));
  if (!intent) return failure({ intent: "unknown", error: "validation.unknownIntent", setErrors: null }, 400);
  assertAllowed(auth, "item.edit", lessonResource(lesson));
  const info = requestInfo(request, context);
  const back = `/lessons/${lesson.id}`;
  switch (intent) {
    case "archive":
    case "restore": {
      const baseVersion = VersionSchema.safeParse(formData.get("baseVersion"));
      if (!baseVersion.success) return failure({ intent, error: "validation.invalid", setErrors: null }, 400);
      const result = await setLessonArchived({
        lessonId: lesson.id,
        baseVersion: baseVersion.data,
        archived: intent === "archive",
        actorUserId: auth.user.id,
        request: info,
      });
      if (result.status !== "saved") return failure({ intent, error: "lessons.conflict", setErrors: null }, 409);
      return redirectWithToast(back, {
        kind: "success",
        message: intent === "archive" ? "lessons.archivedToast" : "lessons.restoredToast",
      });
    }
    case "link-set":
    case "unlink-set": {
      const parsed = SetLinkSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        return failure({ intent, error: null, setErrors: parsed.error.issues.map((issue) => issue.message) }, 400);
      }
      const result = await changeLessonSetLink({
        lessonId: lesson.id,
        setId: parsed.data.setId,
        link: intent === "link-set",
        principal: auth.principal,
        actorUserId: auth.user.id,
        request: info,
      });
      if (result.status === "archived")
        return failure({ intent, error: "lessons.isArchivedNoEdit", setErrors: null }, 409);
      if (result.status === "unknown-set")
        return failure({ intent, error: null, setErrors: ["lessons.setRequired"] }, 400);
      return redirectWithToast(back, {
        kind: "success",
        message: intent === "link-set" ? "lessons.setLinked" : "lessons.setUnlinked",
      });
    }
  }
}

export default function LessonRoute() {
  const t = useT();
  const { lesson, permissions, requirements, sets, procurements, linkableSets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/lessons/${lesson.id}`;
  const editable = permissions.edit && !lesson.archivedAt;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/lessons">{t("lessons.title")}</Link> / {lesson.ownerRegionName}
      </p>
      <h1>{t("lessons.heading", { title: lesson.title })}</h1>
      <p className="set-meta">
        <SeverityBadge severity={lesson.severity} /> {lesson.unverified ? <UnverifiedBadge /> : null}{" "}
        <span className="badge">
          {t(visibilityLabel[lesson.visibility])}
          {lesson.collaborationName ? `: ${lesson.collaborationName}` : ""}
        </span>{" "}
        {lesson.archivedAt ? <span className="badge badge-denied">{t("lessons.archived")}</span> : null}
      </p>
      {lesson.archivedAt ? (
        <p className="notice notice-warning">{t("lessons.isArchived", { date: t.dateTime(lesson.archivedAt) })}</p>
      ) : null}
      {actionData?.error ? (
        <div className="form-errors" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      <article className="card lesson">
        {lesson.whatHappened ? (
          <>
            <h2>{t("lessons.field.whatHappened")}</h2>
            <Markdown>{lesson.whatHappened}</Markdown>
          </>
        ) : null}
        <h2>{t("lessons.field.lesson")}</h2>
        <Markdown>{lesson.lesson}</Markdown>
        {lesson.recommendation ? (
          <>
            <h2>{t("lessons.field.recommendation")}</h2>
            <Markdown>{lesson.recommendation}</Markdown>
          </>
        ) : null}
        <dl className="facts">
          <dt>{t("lessons.field.source")}</dt>
          <dd>
            {t(sourceKindLabel[lesson.sourceKind])}
            {lesson.sourceTitle ? `: ${lesson.sourceTitle}` : ""}
            {lesson.sourceDate ? `, ${t.date(lesson.sourceDate)}` : ""}
            {lesson.unverified ? <div className="muted">{t("lessons.unverifiedExplained")}</div> : null}
          </dd>
          {lesson.sourceUrl && isWebLink(lesson.sourceUrl) ? (
            <>
              <dt>{t("lessons.field.sourceUrl")}</dt>
              <dd>
                <a href={lesson.sourceUrl} rel="noopener noreferrer external" className="lesson-source-link">
                  {lesson.sourceUrl}
                </a>
              </dd>
            </>
          ) : null}
          <dt>{t("lessons.field.phase")}</dt>
          <dd>{lesson.phase ? t(louPhaseLabel[lesson.phase]) : t("lessons.noPhase")}</dd>
          <dt>{t("lessons.field.areas")}</dt>
          <dd>
            {lesson.areas.length === 0
              ? t("lessons.noAreas")
              : lesson.areas.map((area) => (isArea(area) ? `${area} – ${t(areaLabel[area])}` : area)).join(", ")}
          </dd>
          <dt>{t("lessons.owner")}</dt>
          <dd>{lesson.ownerRegionName}</dd>
          <dt>{t("requirement.versionLabel")}</dt>
          <dd>
            {t("requirement.versionValue", {
              version: lesson.version,
              date: t.dateTime(lesson.updatedAt),
              name: lesson.updatedByName ?? t("audit.unknownPerson"),
            })}
          </dd>
        </dl>
      </article>
      <div className="button-row">
        {editable ? (
          <Link className="button" to={`${base}/edit`}>
            {t("lessons.edit")}
          </Link>
        ) : null}
        {permissions.share && !lesson.archivedAt ? <Link to={`${base}/share`}>{t("lessons.share")}</Link> : null}
        {permissions.edit ? (
          <Form method="post">
            <input type="hidden" name="baseVersion" value={lesson.version} />
            <button type="submit" name="intent" value={lesson.archivedAt ? "restore" : "archive"} className="secondary">
              {lesson.archivedAt ? t("lessons.restore") : t("lessons.archive")}
            </button>
          </Form>
        ) : null}
      </div>

      <section aria-labelledby="lesson-requirements">
        <h2 id="lesson-requirements">{t("lessons.requirementsHeading")}</h2>
        {requirements.length === 0 ? (
          <p>{t("lessons.noRequirements")}</p>
        ) : (
          <table>
            <caption>{t("lessons.requirementsCaption", { count: requirements.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("lessons.col.requirement")}</th>
                <th scope="col">{t("lessons.col.set")}</th>
                <th scope="col">{t("lessons.region")}</th>
              </tr>
            </thead>
            <tbody>
              {requirements.map((requirement) => (
                <tr key={requirement.id}>
                  <td>
                    <Link to={`/sets/${requirement.setId}/requirements/${requirement.id}`}>
                      <span className="ref">{requirement.ref}</span> {requirement.title}
                    </Link>{" "}
                    <span className={`badge obligation-${requirement.obligation}`}>
                      {t(obligationLabel[requirement.obligation])}
                    </span>
                  </td>
                  <td>
                    <Link to={`/sets/${requirement.setId}`}>{requirement.setTitle}</Link>
                  </td>
                  <td>{requirement.regionName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="lesson-sets">
        <h2 id="lesson-sets">{t("lessons.setsHeading")}</h2>
        {sets.length === 0 ? (
          <p>{t("lessons.noSets")}</p>
        ) : (
          <table>
            <caption>{t("lessons.setsCaption", { count: sets.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("lessons.col.set")}</th>
                <th scope="col">{t("lessons.region")}</th>
                <th scope="col">{t("sets.status")}</th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("lessons.col.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {sets.map((set) => (
                <tr key={set.id}>
                  <td>
                    <Link to={`/sets/${set.id}`}>{set.title}</Link>
                    {set.archivedAt ? <span className="muted"> ({t("sets.archived")})</span> : null}
                  </td>
                  <td>{set.regionName}</td>
                  <td>{t(setStatusLabel[set.status])}</td>
                  {editable ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="setId" value={set.id} />
                        <button type="submit" name="intent" value="unlink-set" className="link">
                          {t("lessons.unlinkSet", { title: set.title })}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {editable ? (
          linkableSets.length === 0 ? (
            <p className="muted">{t("lessons.noLinkableSets")}</p>
          ) : (
            <Form method="post" className="filters">
              <div className="field">
                <label htmlFor="link-set">{t("lessons.linkSetLabel")}</label>
                <select
                  id="link-set"
                  name="setId"
                  defaultValue=""
                  aria-invalid={actionData?.setErrors ? true : undefined}
                  aria-describedby={actionData?.setErrors ? "link-set-error" : undefined}
                >
                  <option value="">{t("lessons.chooseSet")}</option>
                  {linkableSets.map((set) => (
                    <option key={set.id} value={set.id}>
                      {set.regionName}: {set.title}
                    </option>
                  ))}
                </select>
                <ErrorList id="link-set-error" errors={actionData?.setErrors} />
              </div>
              <button type="submit" name="intent" value="link-set">
                {t("lessons.linkSet")}
              </button>
            </Form>
          )
        ) : null}
      </section>

      {procurements.length > 0 ? (
        <section aria-labelledby="lesson-procurements">
          <h2 id="lesson-procurements">{t("lessons.procurementsHeading")}</h2>
          <ul>
            {procurements.map((procurement) => (
              <li key={procurement.id}>
                <Link to={`/procurements/${procurement.id}`}>{procurement.title}</Link>{" "}
                <span className="muted">
                  {procurement.regionName} · {t(louPhaseLabel[procurement.phase])}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  loaderData ? [{ title: `${loaderData.lesson.title} – Samkrav` }] : pageTitle(matches, "lessons.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
