import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";

import { ErrorList, InputField } from "~/components/forms";
import { useT } from "~/utils/i18n";
import { areaLabel, isArea } from "~/utils/labels";
import { LESSON_SEVERITIES, LESSON_SOURCE_KINDS, severityLabel, sourceKindLabel } from "~/utils/lesson-fields";
import { LOU_PHASES, louPhaseLabel } from "~/utils/lou-phases";
import { AREAS } from "~/utils/requirement-fields";

/** The lesson form's values as the browser posts them. */
export type LessonFormValues = {
  title?: string;
  whatHappened?: string;
  lesson?: string;
  recommendation?: string;
  sourceKind?: string;
  sourceTitle?: string;
  sourceDate?: string;
  sourceUrl?: string;
  unverified?: boolean;
  phase?: string;
  areas?: string[];
  severity?: string;
  baseVersion?: string;
};

type FieldName =
  | "title"
  | "whatHappened"
  | "lesson"
  | "recommendation"
  | "sourceKind"
  | "sourceTitle"
  | "sourceDate"
  | "sourceUrl"
  | "unverified"
  | "phase"
  | "areas"
  | "severity";
export type LessonFields = Record<FieldName, FieldMetadata<unknown>>;

function TextArea({
  field,
  label,
  hint,
  rows,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  rows: number;
}) {
  const props = getTextareaProps(field, { ariaAttributes: true });
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...props}
        rows={rows}
        aria-describedby={[hintId, props["aria-describedby"]].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Select({
  field,
  label,
  options,
  empty,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  options: Array<{ value: string; label: string }>;
  empty?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field, { ariaAttributes: true })}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * A lesson's fields in the order it is told: what happened, the lesson, what to do; then where it
 * comes from, and what it concerns (phase, areas, severity), which decides where it surfaces.
 */
export function LessonFormFields({ fields }: { fields: LessonFields }) {
  const t = useT();
  const unverified = getInputProps(fields.unverified, { type: "checkbox", ariaAttributes: true });
  return (
    <>
      <InputField field={fields.title} label={t("lessons.field.title")} hint={t("lessons.field.titleHint")} />
      <TextArea
        field={fields.whatHappened}
        label={t("lessons.field.whatHappened")}
        hint={t("lessons.field.markdownHint")}
        rows={5}
      />
      <TextArea field={fields.lesson} label={t("lessons.field.lesson")} rows={4} />
      <TextArea
        field={fields.recommendation}
        label={t("lessons.field.recommendation")}
        hint={t("lessons.field.recommendationHint")}
        rows={4}
      />
      <fieldset className="lesson-fieldset">
        <legend>{t("lessons.field.source")}</legend>
        <div className="form-row">
          <Select
            field={fields.sourceKind}
            label={t("lessons.field.sourceKind")}
            options={LESSON_SOURCE_KINDS.map((value) => ({ value, label: t(sourceKindLabel[value]) }))}
          />
          <InputField field={fields.sourceDate} label={t("lessons.field.sourceDate")} type="date" />
        </div>
        <InputField
          field={fields.sourceTitle}
          label={t("lessons.field.sourceTitle")}
          hint={t("lessons.field.sourceTitleHint")}
        />
        <InputField
          field={fields.sourceUrl}
          label={t("lessons.field.sourceUrl")}
          type="url"
          hint={t("lessons.field.sourceUrlHint")}
        />
        <div className="checkbox">
          <input {...unverified} /> <label htmlFor={fields.unverified.id}>{t("lessons.field.unverified")}</label>
          <ErrorList id={fields.unverified.errorId} errors={fields.unverified.errors} />
        </div>
      </fieldset>
      <div className="form-row">
        <Select
          field={fields.phase}
          label={t("lessons.field.phase")}
          options={LOU_PHASES.map((value) => ({ value, label: t(louPhaseLabel[value]) }))}
          empty={t("lessons.field.noPhase")}
        />
        <Select
          field={fields.severity}
          label={t("lessons.field.severity")}
          options={LESSON_SEVERITIES.map((value) => ({ value, label: t(severityLabel[value]) }))}
        />
      </div>
      <fieldset
        className="lesson-areas"
        aria-describedby={[`${fields.areas.id}-hint`, fields.areas.errors ? fields.areas.errorId : undefined]
          .filter(Boolean)
          .join(" ")}
      >
        <legend>{t("lessons.field.areas")}</legend>
        <p id={`${fields.areas.id}-hint`} className="field-hint">
          {t("lessons.field.areasHint")}
        </p>
        <ul className="plain lesson-area-options">
          {getCollectionProps(fields.areas, { type: "checkbox", options: [...AREAS] }).map(({ key, ...props }) => (
            <li key={key}>
              <input {...props} />{" "}
              <label htmlFor={props.id}>
                {props.value} – {isArea(props.value) ? t(areaLabel[props.value]) : props.value}
              </label>
            </li>
          ))}
        </ul>
        <ErrorList id={fields.areas.errorId} errors={fields.areas.errors} />
      </fieldset>
    </>
  );
}
