import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useState } from "react";

import { ErrorList, FormErrors, InputField } from "~/components/forms";
import { AdoptionStatus } from "~/components/standard-badges";
import { useT } from "~/utils/i18n";
import {
  ADOPTION_STATUSES,
  AddVersionSchema,
  AdoptionSchema,
  COMMON_LEVELS,
  MarkCommonSchema,
  RemoveCommonSchema,
  adoptionStatusLabel,
  commonLevelLabel,
  swedishToday,
  type AdoptionStatus as AdoptionStatusValue,
  type CommonLevel,
} from "~/utils/standard-fields";

/** The forms of a standard's page: a new version, the steering group's common marking, a region's adoption. */

type LastResult = SubmissionResult<string[]> | null | undefined;

function TextArea({ field, label, hint }: { field: FieldMetadata<unknown>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : null;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId ?? undefined} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...getTextareaProps(field, { ariaAttributes: true })}
        aria-describedby={[hintId, field.errors ? field.errorId : null].filter(Boolean).join(" ") || undefined}
        rows={3}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Radio buttons in a fieldset; the error is tied to the group. */
function RadioGroup({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  options: Array<{ value: string; label: string }>;
}) {
  const initial = typeof field.initialValue === "string" ? field.initialValue : undefined;
  return (
    <fieldset
      className="radio-group"
      aria-describedby={field.errors ? field.errorId : undefined}
      aria-invalid={field.errors ? true : undefined}
    >
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input type="radio" name={field.name} value={option.value} defaultChecked={initial === option.value} />{" "}
          {option.label}
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function AddVersionForm({
  standardVersion,
  currentVersion,
  lastResult,
}: {
  standardVersion: number;
  currentVersion: string;
  lastResult: LastResult;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "add-standard-version",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddVersionSchema }),
    shouldRevalidate: "onBlur",
  });
  // Fixed for the form's lifetime: a reload must not quietly move it past someone else's save.
  const [openedVersion] = useState(standardVersion);
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <h3>{t("standards.version.addTitle")}</h3>
      <p>
        {currentVersion
          ? t("standards.version.addIntro", { version: currentVersion })
          : t("standards.version.addIntroFirst")}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add-version" />
      <input type="hidden" name="baseVersion" value={openedVersion} />
      <InputField field={fields.label} label={t("standards.version.label")} hint={t("standards.version.labelHint")} />
      <InputField field={fields.releasedOn} label={t("standards.version.releasedOn")} type="date" />
      <TextArea field={fields.note} label={t("standards.version.note")} hint={t("standards.version.noteHint")} />
      <div>
        <button type="submit">{t("standards.version.submit")}</button>
      </div>
    </Form>
  );
}

export type MarkingView = {
  level: CommonLevel;
  decisionReference: string;
  decidedOn: string | null;
} | null;

/** The steering group's marking for one collaboration: set or change it, or take it back. */
export function CommonMarkingForms({
  collaborationId,
  collaborationName,
  marking,
  markResult,
  removeResult,
}: {
  collaborationId: string;
  collaborationName: string;
  marking: MarkingView;
  markResult: LastResult;
  removeResult: LastResult;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: `mark-common-${collaborationId}`,
    lastResult: markResult,
    defaultValue: {
      level: marking?.level ?? "required",
      decisionReference: "",
      decidedOn: swedishToday(),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MarkCommonSchema }),
    shouldRevalidate: "onBlur",
  });
  const [removeForm, removeFields] = useForm({
    id: `remove-common-${collaborationId}`,
    lastResult: removeResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RemoveCommonSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="card common-forms">
      <h3>{t("standards.common.formTitle", { collaboration: collaborationName })}</h3>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <p>
          {marking
            ? t("standards.common.changeIntro", { level: t(commonLevelLabel[marking.level]) })
            : t("standards.common.markIntro")}
        </p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="mark-common" />
        <input type="hidden" name="collaborationId" value={collaborationId} />
        <RadioGroup
          field={fields.level}
          legend={t("standards.common.level")}
          options={COMMON_LEVELS.map((level) => ({ value: level, label: t(commonLevelLabel[level]) }))}
        />
        <InputField
          field={fields.decisionReference}
          label={t("standards.common.reference")}
          hint={t("standards.common.referenceHint")}
        />
        <InputField field={fields.decidedOn} label={t("standards.common.decidedOn")} type="date" />
        <div>
          <button type="submit">{marking ? t("standards.common.change") : t("standards.common.mark")}</button>
        </div>
      </Form>
      {marking ? (
        <Form method="post" className="stack" {...getFormProps(removeForm)}>
          <h4>{t("standards.common.removeTitle")}</h4>
          <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
          <input type="hidden" name="intent" value="remove-common" />
          <input type="hidden" name="collaborationId" value={collaborationId} />
          <InputField
            field={removeFields.decisionReference}
            label={t("standards.common.removeReference")}
            hint={t("standards.common.referenceHint")}
          />
          <div>
            <button type="submit" className="secondary">
              {t("standards.common.remove")}
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}

export type AdoptionView = {
  status: AdoptionStatusValue;
  statusDate: string | null;
  note: string;
  version: number;
  recordedByName: string | null;
  updatedAt: string;
};

/**
 * The current region's adoption of the standard. After a conflict the other admin's record is
 * shown, the person's own choices stay in the form and the next save replaces the record.
 */
export function AdoptionForm({
  regionName,
  adoption,
  conflict,
  lastResult,
}: {
  regionName: string;
  adoption: AdoptionView | null;
  conflict: { current: AdoptionView | null } | null;
  lastResult: LastResult;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "record-adoption",
    lastResult,
    defaultValue: {
      status: adoption?.status ?? "",
      statusDate: adoption?.statusDate ?? "",
      note: adoption?.note ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AdoptionSchema }),
    shouldRevalidate: "onBlur",
  });
  const [openedVersion] = useState(adoption?.version ?? 0);
  const baseVersion = conflict ? (conflict.current?.version ?? 0) : openedVersion;
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <h3 id="adoption-form-title">{t("standards.adoption.formTitle", { region: regionName })}</h3>
      {conflict ? (
        <div className="notice notice-warning" role="alert">
          <p>
            {conflict.current
              ? t("standards.adoption.conflict", {
                  name: conflict.current.recordedByName ?? t("audit.unknownPerson"),
                  time: t.dateTime(conflict.current.updatedAt),
                  status: t(adoptionStatusLabel[conflict.current.status]),
                })
              : t("standards.adoption.conflictGone")}
          </p>
          <p>{t("standards.adoption.conflictChoices")}</p>
        </div>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="adopt" />
      <input type="hidden" name="baseVersion" value={baseVersion} key={baseVersion} />
      <RadioGroup
        field={fields.status}
        legend={t("standards.adoption.status")}
        options={ADOPTION_STATUSES.map((status) => ({ value: status, label: t(adoptionStatusLabel[status]) }))}
      />
      <InputField
        field={fields.statusDate}
        label={t("standards.adoption.date")}
        type="date"
        hint={t("standards.adoption.dateHint")}
      />
      <TextArea field={fields.note} label={t("standards.adoption.note")} hint={t("standards.adoption.noteHint")} />
      <div>
        <button type="submit">{t("standards.adoption.submit")}</button>
      </div>
      {adoption ? (
        <p className="muted">
          {t("standards.adoption.current", {
            name: adoption.recordedByName ?? t("audit.unknownPerson"),
            time: t.dateTime(adoption.updatedAt),
          })}{" "}
          <AdoptionStatus status={adoption.status} />
        </p>
      ) : null}
    </Form>
  );
}
