import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { api, call, type Patient } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { PageHeader } from '../../../shared/layout';
import { Part2Badge } from '../../../shared/part2-badge';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { TableWrap } from '../../../shared/table-wrap';
import { PeerEncounterForm, type PeerEncounterFields } from './peer-encounter-form';
import { part2Withheld, statusWords } from './peer-words';

/**
 * Peer encounters: pick a patient (search by name or MRN), see their peer encounters and record a new one. The
 * patient is kept in the address (`?patient=`). A Part 2 patient no consent covers for the user is withheld with
 * the reason: no list, no form (the API would show nothing and refuse the draft).
 */
export function PeerEncountersPage() {
  const { scope, permissions } = useAuth();
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patient') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(text ? { q: text } : {});
  };
  const patients = useQuery({
    queryKey: ['peer-patient-search', scope, q],
    enabled: !patientId,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/patients', { params: { query: { q: q || undefined, page: 1, pageSize: 10 } } })),
  });
  if (isRefusal(patients.error)) return <RefusedPage title="Peer encounters" error={patients.error} />;
  return (
    <>
      <PageHeader title="Peer encounters" />
      {patientId ? (
        <PatientPeerEncounters
          patientId={patientId}
          canWrite={permissions.has('cl.peer-encounters.write')}
          onChange={() => setParams(q ? { q } : {})}
        />
      ) : (
        <>
          <form role="search" aria-label="Find a patient" onSubmit={search} className="inline-form">
            <label htmlFor="peer-patient-search">Patient (name or MRN)</label>
            <input id="peer-patient-search" type="search" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit">Search</button>
          </form>
          {patients.error !== null && patients.error !== undefined && <ErrorMessage error={patients.error} />}
          {patients.isPending && <p role="status">Loading patients…</p>}
          {patients.data && (
            <>
              <p role="status">
                {patients.data.total === 0
                  ? 'No patients in your scope match.'
                  : `Choose a patient (${patients.data.items.length} of ${patients.data.total} shown${q ? ` for “${q}”` : ''}).`}
              </p>
              <ul className="peer-patient-list">
                {patients.data.items.map((p) => (
                  <li key={p.id}>
                    <button type="button" onClick={() => setParams({ ...(q ? { q } : {}), patient: p.id })}>
                      {p.lastName}, {p.firstName}
                    </button>{' '}
                    <span className="muted">MRN {p.chart?.mrn ?? '—'}</span> {p.chart?.isPart2 && <Part2Badge />}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}

function PatientPeerEncounters({ patientId, canWrite, onChange }: { patientId: string; canWrite: boolean; onChange(): void }) {
  const { scope } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const patient = useQuery({
    queryKey: ['patient', scope.organizationId, patientId],
    queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id: patientId } } })),
  });
  const isPart2 = patient.data?.chart?.isPart2 === true;
  const access = useQuery({
    queryKey: ['part2-access', scope.organizationId, patientId, 'peer_encounter'],
    enabled: isPart2,
    queryFn: () =>
      call(api.GET('/api/v1/patients/{id}/part2-access', { params: { path: { id: patientId }, query: { recordType: 'peer_encounter' } } })),
  });
  const withheld = isPart2 && access.data && !access.data.allowed ? access.data : undefined;
  const readable = !!patient.data && (!isPart2 || access.data?.allowed === true);
  const list = useQuery({
    queryKey: ['patient-peer-encounters', scope.organizationId, patientId],
    enabled: readable,
    queryFn: () =>
      call(api.GET('/api/v1/patients/{id}/peer-encounters', { params: { path: { id: patientId }, query: { page: 1, pageSize: 50 } } })),
  });
  const create = async (f: PeerEncounterFields, confirmOverlap: boolean) => {
    const e = await call(
      api.POST('/api/v1/peer-encounters', {
        body: { patientId, ...f, focusNotes: f.focusNotes || undefined, ...(confirmOverlap ? { confirmOverlap: true } : {}) },
      }),
    );
    await client.invalidateQueries({ queryKey: ['patient-peer-encounters', scope.organizationId, patientId] });
    void navigate(`/peer/encounters/${e.id}`);
  };
  const name = (p: Patient) => `${p.firstName} ${p.lastName}`;
  return (
    <section aria-labelledby="peer-patient-heading">
      <h2 id="peer-patient-heading">
        {patient.data ? name(patient.data) : 'Patient'} {isPart2 && <Part2Badge />}
      </h2>
      <p>
        <button type="button" className="secondary" onClick={onChange}>
          Choose another patient
        </button>
      </p>
      {patient.error !== null && patient.error !== undefined && <ErrorMessage error={patient.error} />}
      {access.error !== null && access.error !== undefined && <ErrorMessage error={access.error} />}
      {withheld && (
        <p className="error" role="status">
          {part2Withheld(withheld)}
        </p>
      )}
      {readable && (
        <>
          {patient.data?.part2Notice && <p className="part2-notice">{patient.data.part2Notice}</p>}
          <h3>Encounters</h3>
          {list.error !== null && list.error !== undefined && <ErrorMessage error={list.error} />}
          {list.isPending && <p role="status">Loading encounters…</p>}
          {list.data && list.data.items.length === 0 && <p>No peer encounters yet.</p>}
          {list.data && list.data.items.length > 0 && (
            <TableWrap label="Peer encounters of the patient">
              <table>
                <caption className="visually-hidden">Peer encounters, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Times</th>
                    <th scope="col">Code and units</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Link to={`/peer/encounters/${e.id}`}>{e.serviceDate}</Link>
                      </td>
                      <td>
                        {e.startTime}–{e.endTime} ({e.durationMinutes} min)
                      </td>
                      <td>
                        {e.hcpcsCode} × {e.units}
                      </td>
                      <td>{statusWords(e.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {canWrite && patient.data && !adding && (
            <p>
              <button type="button" onClick={() => setAdding(true)}>
                Record a peer encounter
              </button>
            </p>
          )}
          {canWrite && patient.data && adding && (
            <>
              <h3>New peer encounter</h3>
              <PeerEncounterForm siteId={patient.data.siteId} submitLabel="Save draft" onSave={create} onCancel={() => setAdding(false)} />
            </>
          )}
        </>
      )}
    </section>
  );
}
