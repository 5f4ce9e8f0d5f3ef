import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { FieldError } from '../../../shared/field';
import { Modal } from '../../../shared/modal';
import { THERAPIST_ROLES } from './change-request-words';

export const THERAPIST_REQUIRED = 'Choose the new therapist.';
export const DENIAL_REASON_REQUIRED = 'Enter a reason. The client reads it in the portal.';

/**
 * Approve a request under review by choosing the new primary therapist among the organization's clinicians and
 * supervisors (the staff directory); the client's current primary therapist is not offered. The API refuses an
 * unknown staff member or the current therapist again under `newTherapistId`, shown under the field.
 */
export function ApproveDialog({
  patientId,
  patientLabel,
  onCancel,
  onApprove,
}: {
  patientId: string;
  patientLabel: string;
  onCancel(): void;
  onApprove(newTherapistId: string): Promise<void>;
}) {
  const { scope } = useAuth();
  const [therapist, setTherapist] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const staff = useQuery({
    queryKey: ['staff-directory', scope.organizationId ?? null, 'all'],
    queryFn: () => call(api.GET('/api/v1/staff-directory', { params: { query: { pageSize: 200 } } })),
  });
  const patient = useQuery({
    queryKey: ['patient', scope, patientId],
    retry: false,
    queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id: patientId } } })),
  });
  const today = new Date().toISOString().slice(0, 10);
  const current = patient.data?.careTeam.find((m) => m.role === 'primary_therapist' && (m.endedOn === null || m.endedOn >= today));
  const names = new Map((staff.data?.items ?? []).map((s) => [s.id, s.displayName]));
  const options = (staff.data?.items ?? [])
    .filter((s) => s.roles.some((r) => (THERAPIST_ROLES as readonly string[]).includes(r)) && s.id !== current?.staffUserId)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!therapist) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onApprove(therapist);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const apiFieldError = fieldErrorOf(error, 'newTherapistId');
  const message = invalid ? THERAPIST_REQUIRED : apiFieldError;
  return (
    <Modal
      title={`Approve the change for ${patientLabel}`}
      description={
        <p>
          The new therapist becomes the client’s primary therapist from today. They see what the client shares in the portal; the current
          therapist no longer does.
        </p>
      }
      onClose={onCancel}
    >
      <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form">
        <p>
          Current primary therapist:{' '}
          {patient.isPending ? 'loading…' : current ? (names.get(current.staffUserId) ?? 'not in the staff directory') : 'none on record'}
        </p>
        <label htmlFor="new-therapist">New therapist (required)</label>
        <select
          id="new-therapist"
          value={therapist}
          aria-invalid={Boolean(message) || undefined}
          aria-describedby={message ? 'new-therapist-error' : undefined}
          onChange={(e) => {
            setTherapist(e.target.value);
            if (e.target.value) setInvalid(false);
          }}
        >
          <option value="">{staff.isPending ? 'Loading the staff directory…' : 'Choose a clinician'}</option>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName} ({s.roles.join(', ').replace(/_/g, ' ')})
            </option>
          ))}
        </select>
        <FieldError id="new-therapist-error" message={message} />
        {staff.isError && <ErrorMessage error={staff.error} />}
        {error !== undefined && !apiFieldError && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Approving…' : 'Approve and assign'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Deny a request under review, with the reason the client reads (required; the API refuses an empty one). */
export function DenyDialog({
  patientLabel,
  onCancel,
  onDeny,
}: {
  patientLabel: string;
  onCancel(): void;
  onDeny(reason: string): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onDeny(reason.trim());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const message = invalid ? DENIAL_REASON_REQUIRED : fieldErrorOf(error, 'reason');
  return (
    <Modal
      title={`Deny the change for ${patientLabel}`}
      description={<p>The client keeps their current therapist and reads your reason in the portal.</p>}
      onClose={onCancel}
    >
      <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form">
        <label htmlFor="deny-reason">Reason the client will read (required)</label>
        <textarea
          id="deny-reason"
          rows={3}
          maxLength={4000}
          value={reason}
          aria-invalid={Boolean(message) || undefined}
          aria-describedby={message ? 'deny-reason-error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setInvalid(false);
          }}
        />
        <FieldError id="deny-reason-error" message={message} />
        {error !== undefined && !fieldErrorOf(error, 'reason') && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Denying…' : 'Deny request'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
