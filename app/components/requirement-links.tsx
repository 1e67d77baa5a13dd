import { Form, Link } from "@remix-run/react";

import { ErrorList } from "~/components/forms";
import { SeverityBadge, UnverifiedBadge } from "~/components/lesson-badges";
import { Markdown } from "~/components/markdown";
import { useT } from "~/utils/i18n";
import { areaLabel, isArea } from "~/utils/labels";
import type { LessonSeverity } from "~/utils/lesson-fields";
import { hasNewerVersion, standardChoiceValue } from "~/utils/requirement-link-schemas";

/**
 * A requirement's standards (pinned to a version, flagged when the catalogue has moved on) and
 * the lessons that surface on it, read-only on the requirement page and editable in its forms.
 */

export type LinkedStandardView = {
  standardId: string;
  code: string;
  name: string;
  pinnedVersion: string | null;
  currentVersion: string;
};

export type SurfacedLessonView = {
  id: string;
  title: string;
  severity: LessonSeverity;
  recommendation: string;
  ownerRegionName: string;
  unverified: boolean;
  archived: boolean;
  linked: boolean;
};

export type StandardOptionView = {
  id: string;
  code: string;
  name: string;
  currentVersion: string;
  versions: Array<{ id: string; label: string }>;
};

export type LessonOptionView = {
  id: string;
  title: string;
  severity: LessonSeverity;
  regionShortName: string;
  concernsArea: boolean;
};

function StandardName({ standard }: { standard: LinkedStandardView }) {
  const t = useT();
  return (
    <>
      <Link to={`/standards/${standard.standardId}`}>
        <span className="ref">{standard.code}</span> {standard.name}
      </Link>
      {", "}
      {standard.pinnedVersion
        ? t("requirementLinks.pinned", { version: standard.pinnedVersion })
        : t("requirementLinks.noVersion")}
    </>
  );
}

function NewerVersionFlag({ standard }: { standard: LinkedStandardView }) {
  const t = useT();
  if (!hasNewerVersion(standard)) return null;
  return (
    <p className="standard-outdated">
      {t("requirementLinks.newerVersion", {
        current: standard.currentVersion,
        pinned: standard.pinnedVersion ?? "",
      })}
    </p>
  );
}

/** The requirement page's list of standards. */
export function LinkedStandards({ standards }: { standards: LinkedStandardView[] }) {
  const t = useT();
  return (
    <section aria-labelledby="requirement-standards" className="requirement-links">
      <h2 id="requirement-standards">{t("requirementLinks.standardsHeading")}</h2>
      {standards.length === 0 ? (
        <p className="muted">{t("requirementLinks.noStandards")}</p>
      ) : (
        <ul className="linked-standards">
          {standards.map((standard) => (
            <li key={standard.standardId}>
              <StandardName standard={standard} />
              <NewerVersionFlag standard={standard} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * "Lärdom: Otydligt ska-krav ledde till överprövning": the lessons linked to the requirement and
 * those for its area, compact, most severe first, each with its recommendation and a link.
 */
export function SurfacedLessons({
  lessons,
  area,
  areaTotal,
  heading,
}: {
  lessons: SurfacedLessonView[];
  area: string;
  /** Visible lessons for the area that are not linked directly, of which only the first few are shown. */
  areaTotal: number;
  heading?: string;
}) {
  const t = useT();
  const areaName = isArea(area) ? `${area} – ${t(areaLabel[area])}` : area;
  const shownForArea = lessons.filter((lesson) => !lesson.linked).length;
  return (
    <section aria-labelledby="surfaced-lessons" className="surfaced-lessons">
      <h2 id="surfaced-lessons">{heading ?? t("requirementLinks.lessonsHeading")}</h2>
      {lessons.length === 0 ? (
        <p className="muted">{t("requirementLinks.noLessons", { area: areaName })}</p>
      ) : (
        <>
          <p className="muted">{t("requirementLinks.lessonsIntro", { area: areaName })}</p>
          <ul className="plain surfaced-lesson-list">
            {lessons.map((lesson) => (
              <li key={lesson.id} className={`surfaced-lesson severity-edge-${lesson.severity}`}>
                <p className="surfaced-lesson-title">
                  <Link to={`/lessons/${lesson.id}`}>{t("requirementLinks.lessonTitle", { title: lesson.title })}</Link>{" "}
                  <SeverityBadge severity={lesson.severity} />{" "}
                  <span className="badge">
                    {lesson.linked ? t("requirementLinks.linkedDirectly") : t("requirementLinks.sameArea")}
                  </span>{" "}
                  {lesson.unverified ? <UnverifiedBadge /> : null}
                  {lesson.archived ? <span className="badge badge-denied">{t("lessons.archived")}</span> : null}
                </p>
                {lesson.recommendation ? (
                  <div className="surfaced-lesson-recommendation">
                    <span className="visually-hidden">{t("lessons.field.recommendation")}: </span>
                    <Markdown>{lesson.recommendation}</Markdown>
                  </div>
                ) : null}
                <p className="muted">{lesson.ownerRegionName}</p>
              </li>
            ))}
          </ul>
          {areaTotal > shownForArea && isArea(area) ? (
            <p>
              <Link to={`/lessons?area=${area}`}>{t("requirementLinks.allAreaLessons", { count: areaTotal })}</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

type LinkErrors = { standard?: string[] | null; lesson?: string[] | null };

/** The standards and lessons of a requirement being edited: each change is saved at once, on its own. */
export function RequirementLinksEditor({
  standards,
  lessons,
  standardOptions,
  lessonOptions,
  errors,
}: {
  standards: LinkedStandardView[];
  lessons: SurfacedLessonView[];
  standardOptions: StandardOptionView[];
  lessonOptions: LessonOptionView[];
  errors: LinkErrors;
}) {
  const t = useT();
  const linkedLessons = lessons.filter((lesson) => lesson.linked);
  const linkedLessonIds = new Set(linkedLessons.map((lesson) => lesson.id));
  const unlinkedOptions = lessonOptions.filter((option) => !linkedLessonIds.has(option.id));
  return (
    <section aria-labelledby="requirement-links-editor" className="card requirement-links-editor">
      <h2 id="requirement-links-editor">{t("requirementLinks.editorHeading")}</h2>
      <p className="field-hint">{t("requirementLinks.editorHint")}</p>

      <h3>{t("requirementLinks.standardsHeading")}</h3>
      {standards.length === 0 ? (
        <p className="muted">{t("requirementLinks.noStandards")}</p>
      ) : (
        <ul className="linked-standards">
          {standards.map((standard) => (
            <li key={standard.standardId}>
              <StandardName standard={standard} />
              <NewerVersionFlag standard={standard} />
              <div className="button-row">
                {hasNewerVersion(standard) ? (
                  <Form method="post">
                    <input
                      type="hidden"
                      name="standard"
                      value={standardChoiceValue({ kind: "current", id: standard.standardId })}
                    />
                    <button type="submit" name="intent" value="link-standard" className="secondary">
                      {t("requirementLinks.repin", { code: standard.code, version: standard.currentVersion })}
                    </button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="standardId" value={standard.standardId} />
                  <button type="submit" name="intent" value="unlink-standard" className="link">
                    {t("requirementLinks.unlinkStandard", { code: standard.code })}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
      {standardOptions.length === 0 ? (
        <p className="muted">{t("requirementLinks.emptyCatalogue")}</p>
      ) : (
        <Form method="post" className="filters">
          <div className="field">
            <label htmlFor="link-standard">{t("requirementLinks.standardLabel")}</label>
            <StandardSelect
              id="link-standard"
              name="standard"
              options={standardOptions}
              errorId={errors.standard ? "link-standard-error" : undefined}
            />
            <ErrorList id="link-standard-error" errors={errors.standard} />
          </div>
          <button type="submit" name="intent" value="link-standard">
            {t("requirementLinks.linkStandard")}
          </button>
        </Form>
      )}

      <h3>{t("requirementLinks.linkedLessonsHeading")}</h3>
      {linkedLessons.length === 0 ? (
        <p className="muted">{t("requirementLinks.noLinkedLessons")}</p>
      ) : (
        <ul className="linked-lessons">
          {linkedLessons.map((lesson) => (
            <li key={lesson.id}>
              <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link> <SeverityBadge severity={lesson.severity} />
              <Form method="post" className="inline-form">
                <input type="hidden" name="lessonId" value={lesson.id} />
                <button type="submit" name="intent" value="unlink-lesson" className="link">
                  {t("requirementLinks.unlinkLesson", { title: lesson.title })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {unlinkedOptions.length === 0 ? (
        <p className="muted">{t("requirementLinks.noLessonOptions")}</p>
      ) : (
        <Form method="post" className="filters">
          <div className="field">
            <label htmlFor="link-lesson">{t("requirementLinks.lessonLabel")}</label>
            <LessonSelect
              id="link-lesson"
              name="lessonId"
              options={unlinkedOptions}
              errorId={errors.lesson ? "link-lesson-error" : undefined}
            />
            <ErrorList id="link-lesson-error" errors={errors.lesson} />
          </div>
          <button type="submit" name="intent" value="link-lesson">
            {t("requirementLinks.linkLesson")}
          </button>
        </Form>
      )}
    </section>
  );
}

/** One option per standard and version: "HL7 FHIR, R4 (4.0.1) (aktuell)" first, older ones after. */
function StandardSelect({
  id,
  name,
  options,
  errorId,
  multiple,
  selected = [],
}: {
  id: string;
  name: string;
  options: StandardOptionView[];
  errorId?: string;
  multiple?: boolean;
  selected?: string[];
}) {
  const t = useT();
  return (
    <select
      id={id}
      name={name}
      multiple={multiple}
      size={multiple ? 8 : undefined}
      defaultValue={multiple ? selected : ""}
      aria-invalid={errorId ? true : undefined}
      aria-describedby={[multiple ? `${id}-hint` : undefined, errorId].filter(Boolean).join(" ") || undefined}
    >
      {multiple ? null : <option value="">{t("requirementLinks.chooseStandard")}</option>}
      {options.map((standard) => (
        <optgroup key={standard.id} label={`${standard.code} – ${standard.name}`}>
          <option value={standardChoiceValue({ kind: "current", id: standard.id })}>
            {standard.currentVersion
              ? t("requirementLinks.optionCurrent", {
                  code: standard.code,
                  name: standard.name,
                  version: standard.currentVersion,
                })
              : t("requirementLinks.optionNoVersion", { code: standard.code, name: standard.name })}
          </option>
          {standard.versions.map((version) => (
            <option key={version.id} value={standardChoiceValue({ kind: "version", id: version.id })}>
              {t("requirementLinks.optionVersion", {
                code: standard.code,
                name: standard.name,
                version: version.label,
              })}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** Lessons for the requirement's area first, then the others. */
function LessonSelect({
  id,
  name,
  options,
  errorId,
  multiple,
  selected = [],
}: {
  id: string;
  name: string;
  options: LessonOptionView[];
  errorId?: string;
  multiple?: boolean;
  selected?: string[];
}) {
  const t = useT();
  const groups = [
    { label: t("requirementLinks.lessonsForArea"), options: options.filter((option) => option.concernsArea) },
    { label: t("requirementLinks.otherLessons"), options: options.filter((option) => !option.concernsArea) },
  ].filter((group) => group.options.length > 0);
  return (
    <select
      id={id}
      name={name}
      multiple={multiple}
      size={multiple ? 8 : undefined}
      defaultValue={multiple ? selected : ""}
      aria-invalid={errorId ? true : undefined}
      aria-describedby={[multiple ? `${id}-hint` : undefined, errorId].filter(Boolean).join(" ") || undefined}
    >
      {multiple ? null : <option value="">{t("requirementLinks.chooseLesson")}</option>}
      {groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((option) => (
            <option key={option.id} value={option.id}>
              {t("requirementLinks.lessonOption", { title: option.title, region: option.regionShortName })}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The optional links of a requirement being written: saved with it. */
export function NewRequirementLinkFields({
  standardOptions,
  lessonOptions,
  errors,
  selected,
}: {
  standardOptions: StandardOptionView[];
  lessonOptions: LessonOptionView[];
  errors: { standards?: string[] | null; lessons?: string[] | null };
  /** What the person had chosen, when the form comes back with an error. */
  selected: { standards: string[]; lessons: string[] };
}) {
  const t = useT();
  return (
    <fieldset className="requirement-links-new">
      <legend>{t("requirementLinks.editorHeading")}</legend>
      {standardOptions.length > 0 ? (
        <div className="field">
          <label htmlFor="new-standards">{t("requirementLinks.standardsLabel")}</label>
          <p id="new-standards-hint" className="field-hint">
            {t("requirementLinks.multiHint")}
          </p>
          <StandardSelect
            id="new-standards"
            name="standards"
            options={standardOptions}
            multiple
            selected={selected.standards}
            errorId={errors.standards ? "new-standards-error" : undefined}
          />
          <ErrorList id="new-standards-error" errors={errors.standards} />
        </div>
      ) : null}
      {lessonOptions.length > 0 ? (
        <div className="field">
          <label htmlFor="new-lessons">{t("requirementLinks.lessonsLabel")}</label>
          <p id="new-lessons-hint" className="field-hint">
            {t("requirementLinks.multiHint")}
          </p>
          <LessonSelect
            id="new-lessons"
            name="lessons"
            options={lessonOptions}
            multiple
            selected={selected.lessons}
            errorId={errors.lessons ? "new-lessons-error" : undefined}
          />
          <ErrorList id="new-lessons-error" errors={errors.lessons} />
        </div>
      ) : null}
    </fieldset>
  );
}
