import type { PatientAppointment } from '@cairn/platform/scheduling';

import { shareableSessions } from './shareable-session.view';

const appt = (appointmentId: string, startAt: string, status: string): PatientAppointment => ({
  appointmentId,
  startAt,
  endAt: new Date(new Date(startAt).getTime() + 50 * 60_000).toISOString(),
  status,
  serviceType: 'psychotherapy-45',
  providerId: 'p1',
  providerName: 'Dr. Maya Ortiz',
  siteId: 's1',
  siteName: 'Tucson',
});

describe('shareable sessions', () => {
  it('offers only the appointments the share rule accepts, newest first, each saying whether a summary was shared', () => {
    const sessions = shareableSessions(
      [
        appt('a', '2026-11-01T17:00:00.000Z', 'completed'),
        appt('b', '2026-11-20T17:00:00.000Z', 'completed'),
        appt('c', '2026-11-25T17:00:00.000Z', 'no_show'),
        appt('d', '2026-11-26T17:00:00.000Z', 'cancelled'),
        appt('e', '2026-11-27T17:00:00.000Z', 'scheduled'),
        appt('f', '2026-11-28T17:00:00.000Z', 'checked_in'),
        appt('g', '2026-11-29T17:00:00.000Z', 'late_cancelled'),
      ],
      new Map([['a', { summaryId: 'sum-a', sharedAt: new Date('2026-11-02T09:00:00.000Z') }]]),
    );
    expect(sessions.map((s) => s.appointmentId)).toEqual(['b', 'a']);
    expect(sessions[0]).toMatchObject({
      summaryId: null,
      summarySharedAt: null,
      clinicianId: 'p1',
      clinicianName: 'Dr. Maya Ortiz',
      siteName: 'Tucson',
    });
    expect(sessions[1]).toMatchObject({ summaryId: 'sum-a', summarySharedAt: '2026-11-02T09:00:00.000Z' });
  });

  it('answers an empty list when nothing was held', () => {
    expect(shareableSessions([appt('x', '2026-11-01T17:00:00.000Z', 'no_show')], new Map())).toEqual([]);
  });
});
