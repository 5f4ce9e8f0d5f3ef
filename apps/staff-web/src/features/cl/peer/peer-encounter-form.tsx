import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call } from '../../../api/client';
import { ApiError, fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { FieldError } from './field-error';
import { previewDuration, unitsSentence, type UnitBasis } from './peer-units';
import type { PeerEncounter } from './peer-words';

/** The national peer support codes; the organization's own codes (source `organization`) are offered too. */
const PEER_CODES = ['H0038', 'H2017'];

export interface PeerEncounterFields {
  serviceDate: string;
  startTime: string;
  endTime: string;
  serviceType: string;
  hcpcsCode: string;
  focusNotes: string;
}

/**
 * One column no wider than the page: a select's natural width is its longest option (a code's description), which
 * would otherwise widen the grid past a phone's screen.
 */
const ONE_COLUMN = { gridTemplateColumns: 'minmax(0, 1fr)' } as const;
const FULL_WIDTH = { width: '100%', boxSizing: 'border-box' } as const;

const FIELDS = ['serviceDate', 'startTime', 'endTime', 'serviceType', 'hcpcsCode', 'focusNotes'] as const;

/** Words for an empty required field, shown under it before anything is sent. */
const REQUIRED: Partial<Record<keyof PeerEncounterFields, string>> = {
  serviceDate: 'Enter the date of the service.',
  startTime: 'Enter the start time.',
  endTime: 'Enter the end time.',
  serviceType: 'Choose the kind of peer service.',
  hcpcsCode: 'Choose the code to bill.',
};

export function localErrors(v: PeerEncounterFields): Partial<Record<keyof PeerEncounterFields, string>> {
  const out: Partial<Record<keyof PeerEncounterFields, string>> = {};
  for (const f of FIELDS) if (REQUIRED[f] && !v[f].trim()) out[f] = REQUIRED[f];
  if (!out.startTime && !out.endTime) {
    const d = previewDuration(v.startTime, v.endTime);
    if ('problem' in d) out.endTime = d.problem;
  }
  return out;
}

/** The 409 of an overlap: the API names the other encounter(s) under `confirmOverlap`. */
const overlapOf = (error: unknown) =>
  error instanceof ApiError && error.problem.status === 409 && error.problem.fieldErrors.some((e) => e.field === 'confirmOverlap');

/**
 * Record or edit a draft peer encounter. Duration and units are shown before saving, computed as the server does
 * (the code's unit basis from the code library, the site's jurisdiction rule). Field refusals of the API appear under
 * their fields in words; an overlap with another encounter of the patient asks for confirmation.
 */
export function PeerEncounterForm(props: {
  siteId: string;
  initial?: PeerEncounter;
  submitLabel: string;
  onSave(fields: PeerEncounterFields, confirmOverlap: boolean): Promise<void>;
  onCancel?(): void;
}) {
  const { siteId, initial, submitLabel, onSave, onCancel } = props;
  const { scope, permissions } = useAuth();
  const [v, setV] = useState<PeerEncounterFields>({
    serviceDate: initial?.serviceDate ?? '',
    startTime: initial?.startTime ?? '',
    endTime: initial?.endTime ?? '',
    serviceType: initial?.serviceType ?? '',
    hcpcsCode: initial?.hcpcsCode ?? '',
    focusNotes: initial?.focusNotes ?? '',
  });
  const [shown, setShown] = useState<Partial<Record<keyof PeerEncounterFields, string>>>({});
  const [error, setError] = useState<unknown>();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  const vocabulary = useQuery({
    queryKey: ['peer-service-types', scope.organizationId],
    staleTime: 60_000,
    queryFn: () => call(api.GET('/api/v1/peer-service-types')),
  });
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(v.serviceDate) ? v.serviceDate : undefined;
  const codes = useQuery({
    queryKey: ['peer-codes', scope.organizationId, validDate],
    enabled: permissions.has('code-library.view'),
    staleTime: 60_000,
    queryFn: () => call(api.GET('/api/v1/code-library/codes', { params: { query: { system: 'HCPCS', on: validDate, pageSize: 100 } } })),
  });
  const profile = useQuery({
    queryKey: ['jurisdiction-profile', scope.organizationId, siteId],
    enabled: permissions.has('jurisdiction.view'),
    staleTime: 5 * 60_000,
    queryFn: () => call(api.GET('/api/v1/jurisdiction/profile', { params: { query: { siteId } } })),
  });
  const peerCodes = (codes.data?.items ?? []).filter((c) => PEER_CODES.includes(c.code) || c.source === 'organization');
  // A draft's code stays choosable even when the library no longer offers it on the new date (the API then says why).
  const codeOptions =
    v.hcpcsCode && !peerCodes.some((c) => c.code === v.hcpcsCode)
      ? [...peerCodes, { code: v.hcpcsCode, shortDescription: '(not offered on this date)', unitBasis: null }]
      : peerCodes;
  const chosen = peerCodes.find((c) => c.code === v.hcpcsCode);
  const duration = previewDuration(v.startTime, v.endTime);

  const set = (k: keyof PeerEncounterFields) => (value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    setShown((old) => ({ ...old, [k]: undefined }));
  };
  const fieldError = (k: keyof PeerEncounterFields) => shown[k] ?? fieldErrorOf(error, k);
  const describe = (k: keyof PeerEncounterFields, extra?: string) =>
    [fieldError(k) ? `${k}-error` : undefined, extra].filter(Boolean).join(' ') || undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = localErrors(v);
    setShown(local);
    if (Object.keys(local).length > 0) {
      const first = FIELDS.find((f) => local[f]);
      if (first) document.getElementById(`peer-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSave(v, confirm);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Field refusals are shown under their fields; the summary says what happened without repeating them.
  const named = error instanceof ApiError ? error.problem.fieldErrors.filter((f) => !(FIELDS as readonly string[]).includes(f.field)) : [];
  const summary =
    error instanceof ApiError && error.problem.fieldErrors.length > 0 && named.length === 0
      ? 'This could not be saved. Check the fields marked below.'
      : undefined;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form peer-form" aria-label={submitLabel} style={ONE_COLUMN}>
      {error !== undefined &&
        (summary ? (
          <p role="alert" className="error">
            <span aria-hidden="true">⚠ </span>
            {summary}
          </p>
        ) : (
          <ErrorMessage error={error} />
        ))}
      <label htmlFor="peer-serviceDate">Service date</label>
      <input
        id="peer-serviceDate"
        type="date"
        value={v.serviceDate}
        aria-invalid={fieldError('serviceDate') ? true : undefined}
        aria-describedby={describe('serviceDate')}
        onChange={(e) => set('serviceDate')(e.target.value)}
      />
      <FieldError id="serviceDate-error" message={fieldError('serviceDate')} />
      <label htmlFor="peer-startTime">Start time</label>
      <input
        id="peer-startTime"
        type="time"
        value={v.startTime}
        aria-invalid={fieldError('startTime') ? true : undefined}
        aria-describedby={describe('startTime')}
        onChange={(e) => set('startTime')(e.target.value)}
      />
      <FieldError id="startTime-error" message={fieldError('startTime')} />
      <label htmlFor="peer-endTime">End time</label>
      <input
        id="peer-endTime"
        type="time"
        value={v.endTime}
        aria-invalid={fieldError('endTime') ? true : undefined}
        aria-describedby={describe('endTime', 'peer-units-preview')}
        onChange={(e) => set('endTime')(e.target.value)}
      />
      <FieldError id="endTime-error" message={fieldError('endTime')} />
      <label htmlFor="peer-serviceType">Service type</label>
      <select
        id="peer-serviceType"
        style={FULL_WIDTH}
        value={v.serviceType}
        aria-invalid={fieldError('serviceType') ? true : undefined}
        aria-describedby={describe('serviceType', 'peer-serviceType-source')}
        onChange={(e) => set('serviceType')(e.target.value)}
      >
        <option value="">Choose…</option>
        {(vocabulary.data?.inForce ?? []).map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
        {initial && !vocabulary.data?.inForce.some((t) => t.key === v.serviceType) && v.serviceType && (
          <option value={v.serviceType}>{v.serviceType} (no longer in force)</option>
        )}
      </select>
      {vocabulary.data && (
        <p id="peer-serviceType-source" className="muted">
          {vocabulary.data.usePf15 ? 'Standard PF-15 peer service types.' : 'Your organization’s own peer service types.'}
        </p>
      )}
      <FieldError id="serviceType-error" message={fieldError('serviceType')} />
      <label htmlFor="peer-hcpcsCode">HCPCS code (from the code library)</label>
      <select
        id="peer-hcpcsCode"
        style={FULL_WIDTH}
        value={v.hcpcsCode}
        aria-invalid={fieldError('hcpcsCode') ? true : undefined}
        aria-describedby={describe('hcpcsCode')}
        onChange={(e) => set('hcpcsCode')(e.target.value)}
      >
        <option value="">Choose…</option>
        {codeOptions.map((c) => (
          <option key={c.code} value={c.code}>
            {`${c.code} ${c.shortDescription}`}
          </option>
        ))}
      </select>
      <FieldError id="hcpcsCode-error" message={fieldError('hcpcsCode')} />
      <p id="peer-units-preview" role="status" className="units-preview">
        <strong>Duration and units: </strong>
        {'problem' in duration
          ? v.startTime && v.endTime
            ? duration.problem
            : 'shown once the start and end times are entered.'
          : !chosen?.unitBasis
            ? `${duration.minutes} minutes; choose a code to see its units.`
            : profile.data
              ? unitsSentence(chosen.unitBasis as UnitBasis, duration.minutes, profile.data.profile)
              : `${duration.minutes} minutes; the units rule of the site is loading.`}
      </p>
      <label htmlFor="peer-focusNotes">Focus of the encounter (notes)</label>
      <textarea
        id="peer-focusNotes"
        rows={4}
        maxLength={20000}
        value={v.focusNotes}
        aria-invalid={fieldError('focusNotes') ? true : undefined}
        aria-describedby={describe('focusNotes')}
        onChange={(e) => set('focusNotes')(e.target.value)}
      />
      <FieldError id="focusNotes-error" message={fieldError('focusNotes')} />
      {overlapOf(error) && (
        <label className="checkbox">
          <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Save anyway: the overlap is real (a
          shared contact, a crisis call)
        </label>
      )}
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
