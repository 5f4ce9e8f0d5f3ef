import type { PatientAppointment } from '@cairn/platform/scheduling';

import { cleanTopics, prepRefusal } from './session-prep.rules';

const appt = (startAt: string, status = 'scheduled'): PatientAppointment => ({
  appointmentId: 'a',
  startAt,
  endAt: startAt,
  status,
  serviceType: 'psychotherapy_45',
  providerId: 'p',
  providerName: null,
  siteId: 's',
  siteName: 'Tucson',
});

describe('pre-session prep rules', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('takes an upcoming, booked appointment', () => expect(prepRefusal(appt('2026-12-08T10:00:00Z'), now)).toBeNull());
  it('refuses a past or started appointment', () => {
    expect(prepRefusal(appt('2026-12-06T10:00:00Z'), now)).toMatch(/upcoming/);
    expect(prepRefusal(appt('2026-12-07T10:00:00Z'), now)).toMatch(/upcoming/);
  });
  it('refuses a cancelled one', () => expect(prepRefusal(appt('2026-12-08T10:00:00Z', 'cancelled'), now)).toMatch(/cancelled/));
  it('cleans topics', () => expect(cleanTopics([' Sleep ', '', 'sleep', 'Work'])).toEqual(['Sleep', 'Work']));
});
