import { describe, expect, it } from 'vitest';

import { choosable, sessionWords, type ShareableSession } from './session-picker';

const s = (over: Partial<ShareableSession> = {}): ShareableSession => ({
  appointmentId: 'a1',
  startAt: '2026-12-02T17:00:00.000Z',
  endAt: '2026-12-02T17:50:00.000Z',
  status: 'completed',
  serviceType: 'psychotherapy-45',
  clinicianId: 'c1',
  clinicianName: 'Dr. Maya Ortiz',
  siteId: 's1',
  siteName: 'Tucson Clinic',
  summaryId: null,
  summarySharedAt: null,
  ...over,
});
const opts = { timeZone: 'America/Phoenix', now: new Date('2026-12-05T12:00:00Z') };

describe('sessionWords', () => {
  it('says the day, the time span, the clinician and the site in the given zone', () => {
    expect(sessionWords(s(), opts)).toBe('Wed 2 Dec, 10:00–10:50 with Dr. Maya Ortiz at Tucson Clinic');
  });
  it('adds that a summary was shared, the year when it is not this year, and leaves out an unknown clinician', () => {
    expect(
      sessionWords(
        s({ startAt: '2025-12-30T17:00:00.000Z', endAt: '2025-12-30T18:00:00.000Z', clinicianName: null, summaryId: 'x' }),
        opts,
      ),
    ).toBe('Tue 30 Dec 2025, 10:00–11:00 at Tucson Clinic — summary already shared');
  });
});

describe('choosable', () => {
  it('keeps only a listed session without a summary', () => {
    const list = [s(), s({ appointmentId: 'a2', summaryId: 'x' })];
    expect(choosable(list, 'a1')).toBe('a1');
    expect(choosable(list, 'a2')).toBe('');
    expect(choosable(list, 'elsewhere')).toBe('');
    expect(choosable(undefined, 'a1')).toBe('');
  });
});
