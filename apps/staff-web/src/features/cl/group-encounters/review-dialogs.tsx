import { FormEvent, useRef, useState } from 'react';

import type { Generation } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { CodePicker } from '../../../shared/code-picker';
import { codeWords } from '../../../shared/code-words';
import { ErrorMessage } from '../../../shared/error-message';
import { Modal } from '../../../shared/modal';
import { codeEditErrors, parseModifiers } from './group-review';

export const REASON_REQUIRED = 'Enter a reason for rejecting. It is kept with the rejected encounters.';

/**
 * Reject the selected generations with a reason (required: the API answers 400 without one, so the dialog
 * says so first, beside the field). Escape or Cancel closes it without rejecting anything.
 */
export function RejectDialog({ count, onCancel, onReject }: { count: number; onCancel(): void; onReject(reason: string): Promise<void> }) {
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setInvalid(true);
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onReject(reason.trim());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const noun = `${count} encounter${count === 1 ? '' : 's'}`;
  return (
    <Modal title={`Reject ${noun}`} description={<p>A rejected encounter is never billed. The decision is final.</p>} onClose={onCancel}>
      <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form">
        <label htmlFor="reject-reason">Reason for rejecting (required)</label>
        <textarea
          id="reject-reason"
          ref={field}
          value={reason}
          rows={3}
          maxLength={1000}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'reject-reason-error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setInvalid(false);
          }}
        />
        {invalid && <FieldError id="reject-reason-error" message={REASON_REQUIRED} />}
        {error !== undefined && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Rejecting…' : `Reject ${noun}`}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Correct a pending generation's proposed code and modifiers (PATCH; the API checks them against the code library). */
export function CodeEditDialog({
  row,
  attendee,
  onCancel,
  onSave,
}: {
  row: Generation;
  attendee: string;
  onCancel(): void;
  onSave(code: string, modifiers: string[]): Promise<void>;
}) {
  const [code, setCode] = useState(row.proposedCptCode ?? '');
  const [modifiers, setModifiers] = useState((row.proposedModifiers ?? []).join(', '));
  const [errors, setErrors] = useState<{ code?: string; modifiers?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = codeEditErrors(code, modifiers);
    setErrors(found);
    if (found.code || found.modifiers) {
      document.getElementById(found.code ? 'edit-code' : 'edit-modifiers')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSave(code.trim().toUpperCase(), parseModifiers(modifiers));
    } catch (err) {
      // A refusal of one field goes under that field, in words; anything else above the buttons.
      const onField = { code: fieldErrorOf(err, 'proposedCptCode'), modifiers: fieldErrorOf(err, 'proposedModifiers') };
      if (onField.code || onField.modifiers) {
        setErrors(onField);
        document.getElementById(onField.code ? 'edit-code' : 'edit-modifiers')?.focus();
      } else setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Edit the proposed code"
      description={
        <p>
          {attendee}, session of {row.sessionDate}. Now {codeWords(row.proposedCptCode, row.proposedModifiers ?? [])}. The code is advisory:
          billing's fee schedule decides the final code.
        </p>
      }
      onClose={onCancel}
    >
      <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form">
        <label htmlFor="edit-code">Code (CPT or HCPCS)</label>
        <CodePicker
          id="edit-code"
          value={code}
          on={row.sessionDate ?? undefined}
          invalid={Boolean(errors.code)}
          describedBy={errors.code ? 'edit-code-error' : undefined}
          onChange={setCode}
        />
        <FieldError id="edit-code-error" message={errors.code} />
        <label htmlFor="edit-modifiers">Modifiers (separated by commas, up to 4)</label>
        <input
          id="edit-modifiers"
          value={modifiers}
          autoComplete="off"
          aria-invalid={errors.modifiers ? true : undefined}
          aria-describedby={errors.modifiers ? 'edit-modifiers-error' : undefined}
          onChange={(e) => setModifiers(e.target.value)}
        />
        <FieldError id="edit-modifiers-error" message={errors.modifiers} />
        {error !== undefined && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save code'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A field's refusal under it, with a symbol and words (never colour alone); nothing when there is none. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
