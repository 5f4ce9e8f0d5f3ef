import {
  CL_GROUP_ENCOUNTERS_APPROVED_V1,
  CL_GROUP_SESSION_DOCUMENTED_V1,
  CL_PROGRESS_NOTE_SIGNED_V1,
  PEER_ENCOUNTER_FINALIZED_V1,
} from '@cairn/platform/clinical';
import { InvalidInputError } from '@cairn/platform/kernel';
import {
  PM_APPOINTMENT_BOOKED_V1,
  PM_APPOINTMENT_RESCHEDULED_V1,
  PM_APPOINTMENT_STATUS_CHANGED_V1,
  PM_CHARGE_CREATED_V1,
} from '@cairn/platform/scheduling';

import {
  assertSignalRange,
  DRILL_KEYS,
  DRILL_RECORD_QUERIES,
  GetAppointmentSignalsQuery,
  GetPerformanceSignalsQuery,
  ListNoteSignalRecordsQuery,
  ListSignalRecordsQuery,
  SIGNAL_EVENT_TYPES,
  SIGNAL_METRICS,
  SIGNAL_SOURCES,
  signalMetricsOf,
  SOURCE_SIGNAL_QUERIES,
  toOwnerSignalRecordsQuery,
  toSourceSignalsQuery,
} from './index';

describe('the performance signals contract', () => {
  it('names every metric once, with a description, and every source has at least one metric', () => {
    const keys = SIGNAL_METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of SIGNAL_METRICS) expect(m.description.length).toBeGreaterThan(20);
    for (const s of SIGNAL_SOURCES) expect(signalMetricsOf(s).length).toBeGreaterThan(0);
  });

  it('has the metric keys the dashboards contract promises', () => {
    const keys = new Set(SIGNAL_METRICS.map((m) => m.key));
    for (const k of [
      'appointments.scheduled',
      'appointments.cancelled',
      'appointments.late-cancelled',
      'appointments.no-show',
      'appointments.booked-minutes',
      'appointments.available-minutes',
      'appointments.gap-minutes',
      'appointments.backfilled',
      'notes.signed',
      'notes.unsigned',
      'notes.overdue-48h',
      'notes.lag-hours-sum',
      'notes.lag-count',
      'group-encounters.pending-review',
      'group-encounters.approved',
      'peer-encounters.draft',
      'peer-encounters.finalized',
      'caseload.active',
      'charges.created',
      'charges.amount-cents',
      'charges.on-hold',
      'consents.expiring-30d',
      'supervision.hours',
      'supervision.peers-short',
      'audit.chain-verified',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it('routes each source to its own query class and each drill key to its owner', () => {
    const classes = Object.values(SOURCE_SIGNAL_QUERIES);
    expect(new Set(classes).size).toBe(SIGNAL_SOURCES.length);
    const routed = toSourceSignalsQuery(new GetPerformanceSignalsQuery('org', 'pm.appointments', '2026-01-01', '2026-01-31'));
    expect(routed).toBeInstanceOf(GetAppointmentSignalsQuery);
    expect(routed).toMatchObject({ organizationId: 'org', from: '2026-01-01', to: '2026-01-31', source: 'pm.appointments' });
    expect(toSourceSignalsQuery(new GetPerformanceSignalsQuery('org', 'nope' as never, '2026-01-01', '2026-01-01'))).toBeUndefined();

    expect(Object.keys(DRILL_RECORD_QUERIES).sort()).toEqual([...DRILL_KEYS].sort());
    const owner = toOwnerSignalRecordsQuery(
      new ListSignalRecordsQuery('org', 'notes.overdue', { from: '2026-01-01', to: '2026-01-02' }, { page: 2, pageSize: 10 }),
    );
    expect(owner).toBeInstanceOf(ListNoteSignalRecordsQuery);
    expect(owner).toMatchObject({ drillKey: 'notes.overdue', page: { page: 2, pageSize: 10 } });
  });

  it('refuses ranges a source must not run, naming the field', () => {
    expect(() => assertSignalRange('2026-01-01', '2026-01-01')).not.toThrow();
    const fail = (from: string, to: string) => {
      try {
        assertSignalRange(from, to);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as InvalidInputError).errors?.map((x) => x.field);
      }
      throw new Error('accepted');
    };
    expect(fail('2026-02-30', '2026-03-01')).toEqual(['from']);
    expect(fail('2026-01-01', 'tomorrow')).toEqual(['to']);
    expect(fail('2026-01-02', '2026-01-01')).toEqual(['to']);
    expect(fail('2024-01-01', '2026-01-05')).toEqual(['to']);
  });
});

describe('the events the catalogue names', () => {
  it('are the publishers’ own event names', () => {
    expect(Object.values(SIGNAL_EVENT_TYPES).sort()).toEqual(
      [
        PM_APPOINTMENT_BOOKED_V1,
        PM_APPOINTMENT_RESCHEDULED_V1,
        PM_APPOINTMENT_STATUS_CHANGED_V1,
        PM_CHARGE_CREATED_V1,
        CL_PROGRESS_NOTE_SIGNED_V1,
        CL_GROUP_SESSION_DOCUMENTED_V1,
        CL_GROUP_ENCOUNTERS_APPROVED_V1,
        PEER_ENCOUNTER_FINALIZED_V1,
      ].sort(),
    );
    const named = new Set(SIGNAL_METRICS.flatMap((m) => m.events));
    for (const e of named) expect(Object.values(SIGNAL_EVENT_TYPES)).toContain(e);
  });
});
