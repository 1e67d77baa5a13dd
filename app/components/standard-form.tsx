import type { FieldMetadata } from "@conform-to/react";
import { getTextareaProps } from "@conform-to/react";

import { ErrorList, InputField, SelectField } from "~/components/forms";
import { useT } from "~/utils/i18n";
import {
  STANDARD_CATEGORIES,
  STANDARD_LIFECYCLES,
  standardCategoryLabel,
  standardLifecycleLabel,
} from "~/utils/standard-fields";

/** The catalogue entry's values as the browser posts them (all text). */
export type StandardFormValues = {
  code?: string;
  name?: string;
  ownerBody?: string;
  category?: string;
  link?: string;
  description?: string;
  lifecycle?: string;
  firstVersion?: string;
  baseVersion?: string;
};

type FieldName = "code" | "name" | "ownerBody" | "category" | "link" | "description" | "lifecycle";
export type StandardFields = Record<FieldName, FieldMetadata<unknown>>;

/** The fields of a catalogue entry, shared by the new and the edit page. */
export function StandardFormFields({ fields }: { fields: StandardFields }) {
  const t = useT();
  const descriptionHint = `${fields.description.id}-hint`;
  return (
    <>
      <InputField field={fields.code} label={t("standards.field.code")} hint={t("standards.field.codeHint")} />
      <InputField field={fields.name} label={t("standards.field.name")} hint={t("standards.field.nameHint")} />
      <InputField
        field={fields.ownerBody}
        label={t("standards.field.ownerBody")}
        hint={t("standards.field.ownerBodyHint")}
      />
      <SelectField
        field={fields.category}
        label={t("standards.field.category")}
        options={STANDARD_CATEGORIES.map((category) => ({
          value: category,
          label: t(standardCategoryLabel[category]),
        }))}
      />
      <SelectField
        field={fields.lifecycle}
        label={t("standards.field.lifecycle")}
        options={STANDARD_LIFECYCLES.map((lifecycle) => ({
          value: lifecycle,
          label: t(standardLifecycleLabel[lifecycle]),
        }))}
      />
      <InputField
        field={fields.link}
        label={t("standards.field.link")}
        type="url"
        hint={t("standards.field.linkHint")}
      />
      <div className="field">
        <label htmlFor={fields.description.id}>{t("standards.field.description")}</label>
        <p id={descriptionHint} className="field-hint">
          {t("standards.field.descriptionHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.description, { ariaAttributes: true })}
          aria-describedby={[descriptionHint, fields.description.errors ? fields.description.errorId : null]
            .filter(Boolean)
            .join(" ")}
          rows={6}
        />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
    </>
  );
}
