import type { PatientAppointment } from '@cairn/platform/scheduling';

import { addDays, attendanceCorrelation, dayIn, moodTrend } from './mood.rules';

const p = (date: string, score: number, symptoms: string[] = []) => ({ date, score, symptoms });
const appt = (startAt: string, status: string): PatientAppointment => ({
  appointmentId: 'a',
  startAt,
  endAt: startAt,
  status,
  serviceType: 'IND',
  providerId: 'u',
  providerName: null,
  siteId: 's',
  siteName: 'S',
});

describe('moodTrend', () => {
  it('averages per day and over the window, and says how the second half moved against the first', () => {
    const t = moodTrend(
      [p('2026-11-01', 8, ['ANXIETY']), p('2026-11-01', 6), p('2026-11-20', 3, ['ANXIETY', 'INSOMNIA']), p('2026-10-01', 1)],
      '2026-11-01',
      '2026-11-30',
    );
    expect(t.entries).toBe(3);
    expect(t.days).toEqual([
      { date: '2026-11-01', averageScore: 7, entries: 2 },
      { date: '2026-11-20', averageScore: 3, entries: 1 },
    ]);
    expect(t.averageScore).toBe(5.7);
    expect(t.latestScore).toBe(3);
    expect(t.change).toBe(-4);
    expect(t.topSymptoms).toEqual([
      { symptom: 'ANXIETY', count: 2 },
      { symptom: 'INSOMNIA', count: 1 },
    ]);
  });

  it('has no averages without entries', () => {
    expect(moodTrend([], '2026-11-01', '2026-11-30')).toMatchObject({
      entries: 0,
      averageScore: null,
      latestScore: null,
      change: null,
      days: [],
    });
  });
});

describe('attendanceCorrelation', () => {
  it('compares the days after attended sessions with those after missed ones and the rest', () => {
    const points = [p('2026-11-02', 8), p('2026-11-04', 7), p('2026-11-10', 3), p('2026-11-11', 2), p('2026-11-25', 5)];
    const c = attendanceCorrelation(
      points,
      [
        appt('2026-11-02T17:00:00Z', 'completed'),
        appt('2026-11-09T17:00:00Z', 'no_show'),
        appt('2026-11-16T17:00:00Z', 'cancelled'),
        appt('2026-11-30T17:00:00Z', 'scheduled'),
      ],
      'America/Phoenix',
      '2026-11-01',
      '2026-11-30',
    );
    expect(c).toMatchObject({
      attendedSessions: 1,
      missedSessions: 1,
      averageAfterAttended: 7.5,
      averageAfterMissed: 2.5,
      averageOtherDays: 5,
    });
    expect(c.sessions).toEqual([
      { date: '2026-11-02', attended: true, status: 'completed' },
      { date: '2026-11-09', attended: false, status: 'no_show' },
    ]);
  });
});

describe('calendar helpers', () => {
  it('takes the day in the organization time zone, and adds days across months', () => {
    expect(dayIn('America/Phoenix', new Date('2026-11-02T05:00:00Z'))).toBe('2026-11-01');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
