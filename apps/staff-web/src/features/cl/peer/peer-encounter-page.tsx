import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';

import { api, call } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PauseIcon } from '../../../shared/icons';
import { PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { FieldError } from './field-error';
import { PeerEncounterForm, type PeerEncounterFields } from './peer-encounter-form';
import { chargeWords, statusWords, type PeerCharge, type PeerEncounter } from './peer-words';

/**
 * One peer encounter: its facts, then what the user may do with it: edit or finalize a draft (the peer provider),
 * add an addendum to a finalized one, and where it stands in billing (its charge, polled while it is being created).
 */
export function PeerEncounterPage() {
  const { id = '' } = useParams();
  const { scope, me, permissions } = useAuth();
  const client = useQueryClient();
  const key = ['peer-encounter', scope.organizationId, id];
  const encounter = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/peer-encounters/{id}', { params: { path: { id } } })),
  });
  const vocabulary = useQuery({
    queryKey: ['peer-service-types', scope.organizationId],
    staleTime: 60_000,
    queryFn: () => call(api.GET('/api/v1/peer-service-types')),
  });
  const [editing, setEditing] = useState(false);
  const [finalizeError, setFinalizeError] = useState<unknown>();
  const [finalizing, setFinalizing] = useState(false);
  const e = encounter.data;
  const staff = useStaffNames([e?.peerProviderId, ...(e?.addenda.map((a) => a.authorId) ?? [])], scope.organizationId);
  if (isRefusal(encounter.error)) return <RefusedPage title="Peer encounter" error={encounter.error} />;
  if (encounter.error) {
    return (
      <>
        <PageHeader title="Peer encounter" />
        <ErrorMessage error={encounter.error} />
        <p>
          <Link to="/peer/encounters">Back to peer encounters</Link>
        </p>
      </>
    );
  }
  if (!e) return <p role="status">Loading the encounter…</p>;
  const mine = me?.user.id === e.peerProviderId;
  const isDraft = e.status === 'draft';
  const refresh = async (next?: PeerEncounter) => {
    if (next) client.setQueryData(key, next);
    await client.invalidateQueries({ queryKey: ['peer-encounter-charge', scope.organizationId, id] });
    await client.invalidateQueries({ queryKey: ['patient-peer-encounters', scope.organizationId, e.patientId] });
  };
  const save = async (f: PeerEncounterFields, confirmOverlap: boolean) => {
    const next = await call(
      api.PATCH('/api/v1/peer-encounters/{id}', {
        params: { path: { id } },
        body: { ...f, ...(confirmOverlap ? { confirmOverlap: true } : {}) },
      }),
    );
    await refresh(next);
    setEditing(false);
  };
  const finalize = async () => {
    setFinalizing(true);
    setFinalizeError(undefined);
    try {
      await refresh(await call(api.POST('/api/v1/peer-encounters/{id}/finalize', { params: { path: { id } } })));
    } catch (err) {
      setFinalizeError(err);
    } finally {
      setFinalizing(false);
    }
  };
  return (
    <>
      <PageHeader
        title={
          <>
            Peer encounter of {e.serviceDate} <span className="badge">{statusWords(e.status)}</span>
          </>
        }
      />
      <p>
        <Link to={`/peer/encounters?patient=${e.patientId}`}>All peer encounters of this patient</Link>
      </p>
      {e.part2Notice && <p className="part2-notice">{e.part2Notice}</p>}
      {!editing && (
        <dl className="facts">
          <div>
            <dt>Patient</dt>
            <dd>
              <Link to={`/patients/${e.patientId}`}>Open the chart</Link>
            </dd>
          </div>
          <div>
            <dt>Peer specialist</dt>
            <dd>
              <StaffName id={e.peerProviderId} names={staff.names} isPending={staff.isPending} />
            </dd>
          </div>
          <div>
            <dt>Times</dt>
            <dd>
              {e.startTime}–{e.endTime} ({e.durationMinutes} minutes)
            </dd>
          </div>
          <div>
            <dt>Service type</dt>
            <dd>
              {[...(vocabulary.data?.inForce ?? []), ...(vocabulary.data?.organizationTypes ?? [])].find((t) => t.key === e.serviceType)
                ?.label ?? e.serviceType.replace(/_/g, ' ')}{' '}
              ({e.serviceTypeSource === 'pf15' ? 'PF-15' : 'your organization’s list'})
            </dd>
          </div>
          <div>
            <dt>Code and units</dt>
            <dd>
              {e.hcpcsCode} × {e.units} unit{e.units === 1 ? '' : 's'} ({e.unitBasis.replace(/_/g, ' ')})
            </dd>
          </div>
          <div>
            <dt>Focus</dt>
            <dd className="prewrap">{e.focusNotes || '—'}</dd>
          </div>
          {e.finalizedAt && (
            <div>
              <dt>Finalized</dt>
              <dd>{new Date(e.finalizedAt).toLocaleString()}</dd>
            </div>
          )}
        </dl>
      )}
      {isDraft && mine && editing && (
        <>
          <h2>Edit the draft</h2>
          <PeerEncounterForm siteId={e.siteId} initial={e} submitLabel="Save changes" onSave={save} onCancel={() => setEditing(false)} />
        </>
      )}
      {isDraft && mine && !editing && (
        <div className="dialog-actions">
          {permissions.has('cl.peer-encounters.write') && (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit the draft
            </button>
          )}
          {permissions.has('cl.peer-encounters.finalize') && (
            <button type="button" disabled={finalizing} onClick={() => void finalize()}>
              {finalizing ? 'Finalizing…' : 'Finalize and send to billing'}
            </button>
          )}
        </div>
      )}
      {isDraft && !mine && <p className="muted">Only the peer specialist who documented it may edit or finalize this draft.</p>}
      {finalizeError !== undefined && <ErrorMessage error={finalizeError} />}
      <ChargeStatus id={id} />
      {!isDraft && <Addenda encounter={e} names={staff.names} canWrite={permissions.has('cl.peer-encounters.write')} onAdded={refresh} />}
    </>
  );
}

/** The charge status with a symbol (drawn for on hold) and words. */
export function ChargeStatusLine({ charge }: { charge: PeerCharge }) {
  const w = chargeWords(charge);
  return (
    <p role="status" className="charge-status" data-charge-status={charge.chargeStatus}>
      {charge.chargeStatus === 'on_hold' ? <PauseIcon /> : <span aria-hidden="true">{w.symbol}</span>} {w.text}
    </p>
  );
}

function ChargeStatus({ id }: { id: string }) {
  const { scope } = useAuth();
  const charge = useQuery({
    queryKey: ['peer-encounter-charge', scope.organizationId, id],
    queryFn: () => call(api.GET('/api/v1/peer-encounters/{id}/charge', { params: { path: { id } } })),
    // While the charge is being created, ask again every few seconds.
    refetchInterval: (q) => (q.state.data?.chargeStatus === 'pending' ? 3000 : false),
  });
  return (
    <section aria-labelledby="peer-charge-heading">
      <h2 id="peer-charge-heading">Billing</h2>
      {charge.error !== null && charge.error !== undefined && <ErrorMessage error={charge.error} />}
      {charge.data && <ChargeStatusLine charge={charge.data} />}
    </section>
  );
}

function Addenda(props: {
  encounter: PeerEncounter;
  names: ReadonlyMap<string, string>;
  canWrite: boolean;
  onAdded(next: PeerEncounter): Promise<void>;
}) {
  const { encounter, names, canWrite, onAdded } = props;
  const [body, setBody] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!body.trim()) {
      setInvalid('Write the addendum first: what is corrected or added, and why.');
      document.getElementById('peer-addendum')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const next = await call(
        api.POST('/api/v1/peer-encounters/{id}/addenda', { params: { path: { id: encounter.id } }, body: { body: body.trim() } }),
      );
      setBody('');
      await onAdded(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const message = invalid ?? fieldErrorOf(error, 'body');
  return (
    <section aria-labelledby="peer-addenda-heading">
      <h2 id="peer-addenda-heading">Addenda</h2>
      <p className="muted">A finalized encounter is locked; corrections and additions are addenda.</p>
      {encounter.addenda.length === 0 && <p>No addenda.</p>}
      <ol className="addenda">
        {encounter.addenda.map((a) => (
          <li key={a.id}>
            <p className="prewrap">{a.body}</p>
            <p className="muted">
              <StaffName id={a.authorId} names={names} />, {new Date(a.createdAt).toLocaleString()}
            </p>
          </li>
        ))}
      </ol>
      {canWrite && (
        <form onSubmit={(ev) => void submit(ev)} noValidate className="dialog-form">
          {error !== undefined && !fieldErrorOf(error, 'body') && <ErrorMessage error={error} />}
          <label htmlFor="peer-addendum">New addendum</label>
          <textarea
            id="peer-addendum"
            rows={3}
            maxLength={20000}
            value={body}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'peer-addendum-error' : undefined}
            onChange={(ev) => {
              setBody(ev.target.value);
              setInvalid(undefined);
            }}
          />
          <FieldError id="peer-addendum-error" message={message} />
          <div className="dialog-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Adding…' : 'Add addendum'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
