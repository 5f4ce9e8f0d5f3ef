import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, type Schemas } from '../../../api/client';
import { ApiError, fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { FieldError } from './field-error';
import { MODALITIES, type Modality } from './peer-words';

export type Supervision = Schemas['PeerSupervisionResponseDto'];

export interface SupervisionFields {
  peerProviderId: string;
  supervisionDate: string;
  durationMinutes: string;
  modality: Modality | '';
  notes: string;
}

const FIELDS = ['peerProviderId', 'supervisionDate', 'durationMinutes', 'modality', 'notes'] as const;

/** What the form can tell before asking the API (the API checks the same and more: who is a peer, the date's range). */
export function supervisionErrors(v: SupervisionFields): Partial<Record<keyof SupervisionFields, string>> {
  const out: Partial<Record<keyof SupervisionFields, string>> = {};
  if (!v.peerProviderId) out.peerProviderId = 'Choose the peer specialist who was supervised.';
  if (!v.supervisionDate) out.supervisionDate = 'Enter the date of the supervision.';
  const m = Number(v.durationMinutes);
  if (!v.durationMinutes.trim()) out.durationMinutes = 'Enter how many minutes the supervision took.';
  else if (!Number.isInteger(m) || m < 1 || m > 480) out.durationMinutes = 'Minutes must be a whole number from 1 to 480.';
  if (!v.modality) out.modality = 'Choose how the supervision took place.';
  return out;
}

/**
 * Record a supervision session, or correct one (its recorder, within the window the API allows). The peer is chosen
 * among the organization's peer specialists (the staff directory); refusals appear under their fields.
 */
export function SupervisionForm(props: {
  initial?: Supervision;
  submitLabel: string;
  onSave(fields: SupervisionFields): Promise<void>;
  onCancel?(): void;
}) {
  const { initial, submitLabel, onSave, onCancel } = props;
  const { scope, me } = useAuth();
  const [v, setV] = useState<SupervisionFields>({
    peerProviderId: initial?.peerProviderId ?? '',
    supervisionDate: initial?.supervisionDate ?? '',
    durationMinutes: initial ? String(initial.durationMinutes) : '',
    modality: (initial?.modality as Modality | undefined) ?? '',
    notes: initial?.notes ?? '',
  });
  const [shown, setShown] = useState<Partial<Record<keyof SupervisionFields, string>>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const directory = useQuery({
    queryKey: ['staff-directory-all', scope.organizationId],
    staleTime: 5 * 60_000,
    queryFn: () => call(api.GET('/api/v1/staff-directory', { params: { query: { page: 1, pageSize: 200 } } })),
  });
  const peers = (directory.data?.items ?? []).filter((s) => s.roles.includes('peer_specialist') && s.id !== me?.user.id);
  const set = (k: keyof SupervisionFields) => (value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    setShown((old) => ({ ...old, [k]: undefined }));
  };
  const fieldError = (k: keyof SupervisionFields) => shown[k] ?? fieldErrorOf(error, k);
  const attrs = (k: keyof SupervisionFields) => ({
    id: `sup-${k}`,
    'aria-invalid': fieldError(k) ? true : undefined,
    'aria-describedby': fieldError(k) ? `sup-${k}-error` : undefined,
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = supervisionErrors(v);
    setShown(local);
    const first = FIELDS.find((f) => local[f]);
    if (first) {
      document.getElementById(`sup-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSave(v);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const onlyFieldErrors =
    error instanceof ApiError &&
    error.problem.fieldErrors.length > 0 &&
    error.problem.fieldErrors.every((f) => (FIELDS as readonly string[]).includes(f.field));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form" aria-label={submitLabel}>
      {error !== undefined &&
        (onlyFieldErrors ? (
          <p role="alert" className="error">
            <span aria-hidden="true">⚠ </span>This could not be saved. Check the fields marked below.
          </p>
        ) : (
          <ErrorMessage error={error} />
        ))}
      <label htmlFor="sup-peerProviderId">Peer specialist</label>
      <select {...attrs('peerProviderId')} value={v.peerProviderId} onChange={(e) => set('peerProviderId')(e.target.value)}>
        <option value="">Choose…</option>
        {peers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
          </option>
        ))}
        {initial && !peers.some((p) => p.id === v.peerProviderId) && v.peerProviderId && (
          <option value={v.peerProviderId}>{v.peerProviderId}</option>
        )}
      </select>
      <FieldError id="sup-peerProviderId-error" message={fieldError('peerProviderId')} />
      <label htmlFor="sup-supervisionDate">Date</label>
      <input {...attrs('supervisionDate')} type="date" value={v.supervisionDate} onChange={(e) => set('supervisionDate')(e.target.value)} />
      <FieldError id="sup-supervisionDate-error" message={fieldError('supervisionDate')} />
      <label htmlFor="sup-durationMinutes">Minutes</label>
      <input
        {...attrs('durationMinutes')}
        type="number"
        inputMode="numeric"
        min={1}
        max={480}
        value={v.durationMinutes}
        onChange={(e) => set('durationMinutes')(e.target.value)}
      />
      <FieldError id="sup-durationMinutes-error" message={fieldError('durationMinutes')} />
      <label htmlFor="sup-modality">Modality</label>
      <select {...attrs('modality')} value={v.modality} onChange={(e) => set('modality')(e.target.value)}>
        <option value="">Choose…</option>
        {MODALITIES.map((m) => (
          <option key={m.key} value={m.key}>
            {m.label}
          </option>
        ))}
      </select>
      <FieldError id="sup-modality-error" message={fieldError('modality')} />
      <label htmlFor="sup-notes">Notes</label>
      <textarea {...attrs('notes')} rows={3} maxLength={20000} value={v.notes} onChange={(e) => set('notes')(e.target.value)} />
      <FieldError id="sup-notes-error" message={fieldError('notes')} />
      <div className="dialog-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
