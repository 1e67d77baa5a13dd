import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";

import { ErrorList, InputField } from "~/components/forms";
import { useT } from "~/utils/i18n";
import { RAG_STATUSES } from "~/utils/procurement-fields";
import { LOU_PHASES, louPhaseLabel } from "~/utils/lou-phases";

import { RagBadge } from "./procurement-badges";

/** The form widgets of the procurement pages; the schemas are in utils/procurement-fields.ts. */

export function TextAreaField({
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

export function PhaseSelect({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field, { ariaAttributes: true })}>
        {LOU_PHASES.map((phase, index) => (
          <option key={phase} value={phase}>
            {phase === "cancelled" ? t(louPhaseLabel[phase]) : `${index + 1}. ${t(louPhaseLabel[phase])}`}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Grön, gul, röd as radio buttons with their badge, in a fieldset whose legend names the choice. */
export function RagRadios({ field, legend }: { field: FieldMetadata<unknown>; legend: string }) {
  return (
    <fieldset
      className="rag-choice"
      aria-describedby={field.errors ? field.errorId : undefined}
      aria-invalid={field.errors ? true : undefined}
    >
      <legend>{legend}</legend>
      {getCollectionProps(field, { type: "radio", options: [...RAG_STATUSES] }).map(({ key, ...props }) => {
        const rag = RAG_STATUSES.find((value) => value === props.value);
        return rag ? (
          <label key={key} className="checkbox" htmlFor={props.id}>
            <input {...props} /> <RagBadge rag={rag} />
          </label>
        ) : null;
      })}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export type ProcurementFields = Record<
  "title" | "description" | "caseNumber" | "participantRegionIds" | "phase" | "rag" | "ragReason",
  FieldMetadata<unknown>
>;

/** Title, Dnr, description, participating regions, phase and RAG: the create and edit forms. */
export function ProcurementFormFields({
  fields,
  regions,
}: {
  fields: ProcurementFields;
  /** Regions that may take part (the lead region is left out). */
  regions: Array<{ id: string; name: string }>;
}) {
  const t = useT();
  return (
    <>
      <InputField field={fields.title} label={t("procurements.field.title")} />
      <InputField
        field={fields.caseNumber}
        label={t("procurements.field.caseNumber")}
        hint={t("procurements.field.caseNumberHint")}
      />
      <TextAreaField field={fields.description} label={t("procurements.field.description")} rows={4} />
      <fieldset
        aria-describedby={[
          `${fields.participantRegionIds.id}-hint`,
          fields.participantRegionIds.errors ? fields.participantRegionIds.errorId : null,
        ]
          .filter(Boolean)
          .join(" ")}
      >
        <legend>{t("procurements.field.participants")}</legend>
        <p id={`${fields.participantRegionIds.id}-hint`} className="field-hint">
          {t("procurements.field.participantsHint")}
        </p>
        <ErrorList id={fields.participantRegionIds.errorId} errors={fields.participantRegionIds.errors} />
        <ul className="region-choices">
          {getCollectionProps(fields.participantRegionIds, {
            type: "checkbox",
            options: regions.map((region) => region.id),
          }).map(({ key, ...props }) => (
            <li key={key}>
              <label className="checkbox" htmlFor={props.id}>
                <input {...props} /> {regions.find((region) => region.id === props.value)?.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <PhaseSelect field={fields.phase} label={t("procurements.field.phase")} />
      <RagRadios field={fields.rag} legend={t("procurements.field.rag")} />
      <TextAreaField
        field={fields.ragReason}
        label={t("procurements.field.ragReason")}
        hint={t("procurements.field.ragReasonHint")}
        rows={3}
      />
    </>
  );
}

export type MilestoneFields = Record<
  "phase" | "label" | "plannedOn" | "actualOn" | "unverified",
  FieldMetadata<unknown>
>;

/** A milestone's phase, label, planned and actual date, and whether the date is verified. */
export function MilestoneFormFields({ fields }: { fields: MilestoneFields }) {
  const t = useT();
  const unverified = getInputProps(fields.unverified, { type: "checkbox", ariaAttributes: true });
  return (
    <>
      <div className="form-row">
        <PhaseSelect field={fields.phase} label={t("procurements.milestone.phase")} />
        <InputField
          field={fields.label}
          label={t("procurements.milestone.label")}
          hint={t("procurements.milestone.labelHint")}
        />
      </div>
      <div className="form-row">
        <InputField field={fields.plannedOn} label={t("procurements.milestone.plannedOn")} type="date" />
        <InputField field={fields.actualOn} label={t("procurements.milestone.actualOn")} type="date" />
      </div>
      <div className="field">
        <label className="checkbox" htmlFor={fields.unverified.id}>
          <input {...unverified} /> {t("procurements.markUnverified")}
        </label>
        <ErrorList id={fields.unverified.errorId} errors={fields.unverified.errors} />
      </div>
    </>
  );
}
