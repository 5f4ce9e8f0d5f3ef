import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { api, call, Charge } from '../../../api/client';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { codeWords } from '../../../shared/code-words';
import { DateFilter } from '../../../shared/date-filter';
import { ErrorMessage } from '../../../shared/error-message';
import { PauseIcon } from '../../../shared/icons';
import { PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { PatientName, PatientNames, usePatientNames } from '../../../shared/patient-names';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { SortableHeader, sortParam, useAddressSort } from '../../../shared/sortable';
import { TableWrap } from '../../../shared/table-wrap';

const PAGE_SIZE = 50;

/** The API's sortable fields (GET /charges `sort`): the list is paged, so the server sorts. */
const SORT_FIELDS = ['serviceDate', 'amount', 'status'] as const;
type ChargeSortParam = `${'' | '-'}${(typeof SORT_FIELDS)[number]}`;

export const WITHHELD_PATIENT = 'Withheld – Part 2 consent required';

const HOLD_REASON: Record<string, string> = {
  no_fee_schedule_entry: 'no fee schedule entry for this code on the service date',
  zero_units: 'the minutes give zero billable units',
  invalid_duration: 'the minutes are not a whole number of 0 or more',
  future_service_date: 'the service date is still to come; it cannot be billed before the service is given',
};

export function holdReasonWords(reason: string | null): string {
  if (!reason) return 'reason not given';
  return HOLD_REASON[reason] ?? reason.replace(/_/g, ' ');
}

const UNIT_BASIS: Record<string, string> = {
  per_encounter: 'per encounter',
  per_15_minutes: 'per 15 minutes',
  per_session: 'per session',
  per_diem: 'per day',
};
const unitBasisWords = (b: string | null) => (b ? (UNIT_BASIS[b] ?? b.replace(/_/g, ' ')) : '');

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export function amountWords(cents: number | null): string {
  return cents === null ? '—' : money.format(cents / 100);
}

/** A charge's status with a symbol and words (never colour alone); on hold says why. */
export function ChargeStatus({ charge }: { charge: Pick<Charge, 'status' | 'holdReason'> }) {
  if (charge.status === null) return <span className="muted">Withheld</span>;
  if (charge.status === 'ready') {
    return (
      <span className="status status-ready">
        <span aria-hidden="true">✓ </span>Ready to bill
      </span>
    );
  }
  if (charge.status === 'on_hold') {
    return (
      <span className="status status-on_hold">
        <PauseIcon /> On hold: {holdReasonWords(charge.holdReason)}
      </span>
    );
  }
  if (charge.status === 'billed') {
    return (
      <span className="status status-billed">
        <span aria-hidden="true">✓ </span>Billed
      </span>
    );
  }
  if (charge.status === 'voided') {
    return (
      <span className="status status-voided">
        <span aria-hidden="true">✕ </span>Voided
      </span>
    );
  }
  if (charge.status === null) return <span className="status muted">Withheld</span>;
  return <span className="status">{String(charge.status).replace(/_/g, ' ')}</span>;
}

export function ChargePatient({ charge, patients }: { charge: Pick<Charge, 'consentRequired' | 'patientId'>; patients: PatientNames }) {
  if (charge.consentRequired) {
    return (
      <strong className="withheld">
        <span aria-hidden="true">§ </span>
        {WITHHELD_PATIENT}
      </strong>
    );
  }
  if (!charge.patientId) return <span className="muted">No patient record (peer encounter without a PM encounter)</span>;
  return <PatientName id={charge.patientId} names={patients.names} isPending={patients.isPending} />;
}

export function ChargeSource({ source }: { source: Charge['source'] }) {
  if (!source) return <span className="muted">Withheld</span>;
  if (source.type === 'group_encounter_generation') {
    return source.sessionId ? (
      <>
        Group session (<Link to={`/group-sessions/${source.sessionId}`}>details</Link>)
      </>
    ) : (
      <>Group session</>
    );
  }
  if (source.type === 'peer_encounter') return <>Peer encounter</>;
  return <>{String(source.type).replace(/_/g, ' ')}</>;
}

export function ChargeCode({ charge }: { charge: Pick<Charge, 'final' | 'proposed'> }) {
  // A withheld charge (42 CFR Part 2) has neither: its code would say what the patient was treated for.
  if (!charge.final || !charge.proposed) return <span className="muted">Withheld</span>;
  const final = charge.final.code ? codeWords(charge.final.code, charge.final.modifiers) : null;
  const proposed = codeWords(charge.proposed.code, charge.proposed.modifiers);
  return (
    <>
      <span className="code">{final ?? 'No final code yet'}</span>
      {final !== proposed && (
        <span className="muted small">
          <br />
          proposed {proposed}
        </span>
      )}
    </>
  );
}

/**
 * PM-07 charges for billing: the worker creates them from approved group encounters and finalized peer
 * encounters. Filters by service date range and status (and a group session, from a link).
 */
export function ChargesPage() {
  const { scope, permissions } = useAuth();
  const { params, setFilter, setPage, clear } = useAddressFilters();
  const status = params.get('status') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const sessionId = params.get('session') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const { sort, sortBy } = useAddressSort(SORT_FIELDS, { field: 'serviceDate', direction: 'descending' });
  const query = {
    status: (status || undefined) as 'ready' | 'on_hold' | 'billed' | 'voided' | undefined,
    from: from || undefined,
    to: to || undefined,
    sessionId: sessionId || undefined,
    page,
    pageSize: PAGE_SIZE,
    sort: sortParam(sort) as ChargeSortParam,
  };
  const result = useQuery({
    queryKey: ['charges', scope, query],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/charges', { params: { query } })),
  });
  const rows = result.data?.items ?? [];
  const patients = usePatientNames(
    rows.map((c) => (c.consentRequired ? null : c.patientId)),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  if (isRefusal(result.error)) return <RefusedPage title="Charges" error={result.error} />;
  return (
    <>
      <PageHeader
        title="Charges"
        description="Charges created from approved group encounters and peer encounters, newest service date first; a column header sorts by it."
      />
      <form className="filters inline-form" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <span className="field">
          <label htmlFor="charges-from">Service date from</label>
          <DateFilter id="charges-from" value={from} onApply={(v) => setFilter('from', v)} />
        </span>
        <span className="field">
          <label htmlFor="charges-to">to</label>
          <DateFilter id="charges-to" value={to} onApply={(v) => setFilter('to', v)} />
        </span>
        <span className="field">
          <label htmlFor="charges-status">Status</label>
          <select id="charges-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Any status</option>
            <option value="ready">Ready to bill</option>
            <option value="on_hold">On hold</option>
            <option value="billed">Billed</option>
            <option value="voided">Voided</option>
          </select>
        </span>
        {(from || to || status || sessionId) && (
          <button type="button" className="secondary" onClick={clear}>
            Clear filters
          </button>
        )}
      </form>
      {sessionId && (
        <p className="note">
          Showing the charges of one group session only.{' '}
          <button type="button" className="link" onClick={() => setFilter('session', '')}>
            Show all charges
          </button>
        </p>
      )}
      {result.error && <ErrorMessage error={result.error} />}
      {result.isPending && !result.error && <p role="status">Loading charges…</p>}
      {data && (
        <>
          <p role="status">
            {result.isPlaceholderData
              ? 'Loading…'
              : data.total === 0
                ? 'No charges match these filters.'
                : `${data.total} charge${data.total === 1 ? '' : 's'}. Page ${data.page} of ${pages}.`}
          </p>
          {rows.length > 0 && (
            <TableWrap label="Charges table">
              <table className="charges">
                <caption className="visually-hidden">Charges</caption>
                <thead>
                  <tr>
                    <SortableHeader field="serviceDate" sort={sort} onSort={sortBy} firstDirection="descending">
                      Service date
                    </SortableHeader>
                    <th scope="col">Patient</th>
                    <th scope="col">Code and modifiers</th>
                    <th scope="col">Units</th>
                    <SortableHeader field="amount" sort={sort} onSort={sortBy} firstDirection="descending">
                      Amount
                    </SortableHeader>
                    <SortableHeader field="status" sort={sort} onSort={sortBy}>
                      Status
                    </SortableHeader>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id} data-charge-id={c.id} data-source-id={c.source?.id ?? ''} data-status={c.status ?? 'withheld'}>
                      <td className="nowrap">{c.serviceDate ?? '—'}</td>
                      <th scope="row">
                        <ChargePatient charge={c} patients={patients} />
                      </th>
                      <td>
                        <ChargeCode charge={c} />
                      </td>
                      <td>
                        {c.units ?? '—'}
                        {c.unitBasis && <span className="muted small"> ({unitBasisWords(c.unitBasis)})</span>}
                      </td>
                      <td>{amountWords(c.amountCents)}</td>
                      <td>
                        <ChargeStatus charge={c} />
                      </td>
                      <td>
                        <ChargeSource source={c.source} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {rows.some((c) => c.part2Notice) && (
            <p className="note part2-note">
              <strong>
                <span aria-hidden="true">§ </span>Part 2 records:
              </strong>{' '}
              {rows.find((c) => c.part2Notice)!.part2Notice}
            </p>
          )}
          {rows.some((c) => c.consentRequired) && (
            <p className="note part2-note">
              <span aria-hidden="true">§ </span>A withheld charge belongs to a 42 CFR Part 2 (substance use disorder) record that no consent
              covers you for: only that it exists is shown, not its code, amount, date or patient.
              {sort.field !== 'serviceDate' && ' Sorted by amount or status, withheld charges come after all the others.'}
            </p>
          )}
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
    </>
  );
}
