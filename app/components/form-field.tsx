import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

type FieldProps = {
  label: string;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
  errors?: string[];
  hint?: string;
};

/**
 * The name of the first field (in form order) that has errors, so that field can take the focus
 * when the page comes back from the server, with or without JavaScript.
 */
export function firstFieldWithErrors(fields: { name: string; errors?: string[] }[]): string | undefined {
  return fields.find((field) => field.errors?.length)?.name;
}

// Errors are locale keys from the shared zod schema; they are tied to the input with aria-describedby.
export function Field({ label, inputProps, errors, hint }: FieldProps) {
  const errorId = `${inputProps.id}-error`;
  const hintId = `${inputProps.id}-hint`;
  const hasErrors = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={inputProps.id}>{label}</label>
      <input {...inputProps} aria-invalid={hasErrors || undefined} aria-describedby={describedBy} />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** A field's errors (locale keys), announced; the id is what the field's aria-describedby names. */
export function FieldErrors({ errors, id }: { errors?: string[] | null; id: string }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ errors, id }: { errors?: string[]; id: string }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{t(error)}</p>
      ))}
    </div>
  );
}
