import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";

import { useT } from "~/utils/i18n";

/** Field errors arrive as dictionary keys from the shared zod schemas; shown translated. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const t = useT();
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{t.message(error)}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password" | "date" | "search" | "url" | "number";

export function InputField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const inputProps = getInputProps(field, { type, ariaAttributes: true });
  const describedBy = [hintId, inputProps["aria-describedby"]].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        // Passwords are never sent back into a page.
        defaultValue={type === "password" ? undefined : inputProps.defaultValue}
        aria-describedby={describedBy}
        autoComplete={autoComplete}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field, { ariaAttributes: true })}>
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

export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  const t = useT();
  if (!errors || errors.length === 0) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{t.message(error)}</p>
      ))}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
