import { ReactElement, ReactNode } from 'react';

/** A field's refusal under it, with a symbol and words (never colour alone); nothing when there is none. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/**
 * A form field laid out the one way (README "Visual system"): the label above the control, a hint under it, the
 * error under that. The control is passed as a child with `id` (the label's `htmlFor`); wire its
 * `aria-describedby` to `Field.describedBy(id, { hint, error })` and `aria-invalid` to `Boolean(error)`.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactElement;
}) {
  return (
    <div className={error ? 'form-field invalid' : 'form-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** The `aria-describedby` of a Field's control: its hint and its error, when there are any. */
Field.describedBy = (id: string, { hint, error }: { hint?: unknown; error?: unknown }): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
