import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";

import { ErrorList, InputField } from "~/components/forms";
import { useT } from "~/utils/i18n";
import { ambitionLabel, areaLabel, obligationLabel, requirementTypeLabel, verificationLabel } from "~/utils/labels";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

/** The requirement form's values as the browser posts them (all text). */
export type RequirementFormValues = {
  ref?: string;
  title?: string;
  text?: string;
  obligation?: string;
  type?: string;
  area?: string;
  rationale?: string;
  verification?: string;
  weight?: string;
  ambition?: string;
  tags?: string;
  sectionId?: string;
  baseVersion?: string;
};

type FieldName =
  | "ref"
  | "title"
  | "text"
  | "obligation"
  | "type"
  | "area"
  | "rationale"
  | "verification"
  | "weight"
  | "ambition"
  | "tags";
export type RequirementFields = Record<FieldName, FieldMetadata<unknown>>;

function Select({
  field,
  label,
  options,
  allowEmpty,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  options: Array<{ value: string; label: string }>;
  allowEmpty?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field, { ariaAttributes: true })}>
        {allowEmpty !== undefined ? <option value="">{allowEmpty}</option> : null}
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

/** The requirement's fields, in the order a procurement officer reads them: what, why, how verified. */
export function RequirementFormFields({ fields }: { fields: RequirementFields }) {
  const t = useT();
  return (
    <>
      <div className="form-row">
        <Select
          field={fields.area}
          label={t("requirement.area")}
          options={AREAS.map((area) => ({ value: area, label: `${area} – ${t(areaLabel[area])}` }))}
        />
        <InputField field={fields.ref} label={t("requirement.ref")} hint={t("requirement.refHint")} />
      </div>
      <InputField field={fields.title} label={t("requirement.title")} />
      <TextArea field={fields.text} label={t("requirement.text")} hint={t("requirement.textHint")} rows={8} />
      <div className="form-row">
        <Select
          field={fields.obligation}
          label={t("requirement.obligation")}
          options={OBLIGATIONS.map((value) => ({ value, label: t(obligationLabel[value]) }))}
        />
        <Select
          field={fields.type}
          label={t("requirement.type")}
          options={REQUIREMENT_TYPES.map((value) => ({ value, label: t(requirementTypeLabel[value]) }))}
        />
        <Select
          field={fields.verification}
          label={t("requirement.verification")}
          options={VERIFICATION_METHODS.map((value) => ({ value, label: t(verificationLabel[value]) }))}
        />
      </div>
      <TextArea
        field={fields.rationale}
        label={t("requirement.rationale")}
        hint={t("requirement.rationaleHint")}
        rows={4}
      />
      <div className="form-row">
        <div className="field">
          <label htmlFor={fields.weight.id}>{t("requirement.weight")}</label>
          <p id={`${fields.weight.id}-hint`} className="field-hint">
            {t("requirement.weightHint")}
          </p>
          <input
            {...getInputProps(fields.weight, { type: "number", ariaAttributes: true })}
            min={0}
            max={1000}
            aria-describedby={[`${fields.weight.id}-hint`, fields.weight.errors ? fields.weight.errorId : undefined]
              .filter(Boolean)
              .join(" ")}
          />
          <ErrorList id={fields.weight.errorId} errors={fields.weight.errors} />
        </div>
        <Select
          field={fields.ambition}
          label={t("requirement.ambition")}
          options={AMBITION_LEVELS.map((value) => ({ value, label: t(ambitionLabel[value]) }))}
          allowEmpty={t("requirement.noAmbition")}
        />
      </div>
      <InputField field={fields.tags} label={t("requirement.tags")} hint={t("requirement.tagsHint")} />
    </>
  );
}
