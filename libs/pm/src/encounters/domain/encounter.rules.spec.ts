import type { CreateGroupEncountersInput } from '@cairn/platform/scheduling';

import { groupEncounterInputProblems, peerEncounterInputProblems } from './encounter.rules';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const valid: CreateGroupEncountersInput = {
  groupSessionId: id(1),
  siteId: id(2),
  serviceDate: '2025-03-04',
  renderingProviderId: id(3),
  attendees: [
    { patientId: id(10), chartId: id(20), attendanceStatus: 'present', minutesAttended: 60 },
    { patientId: id(11), chartId: id(21), attendanceStatus: 'partial', minutesAttended: 25 },
  ],
};

describe('groupEncounterInputProblems', () => {
  it('accepts present and partial attendees of a well-formed session', () => {
    expect(groupEncounterInputProblems(valid)).toEqual([]);
  });

  it('refuses an absent attendee: absent attendees never get an encounter', () => {
    const input = { ...valid, attendees: [{ ...valid.attendees[0]!, attendanceStatus: 'absent' as 'present' }] };
    expect(groupEncounterInputProblems(input)).toEqual([
      { field: 'attendees[0].attendanceStatus', message: 'only present or partial attendees get an encounter' },
    ]);
  });

  it('refuses an empty roster, a patient listed twice, and malformed ids, dates and minutes, naming each field', () => {
    expect(groupEncounterInputProblems({ ...valid, attendees: [] }).map((p) => p.field)).toEqual(['attendees']);
    const twice = { ...valid, attendees: [valid.attendees[0]!, { ...valid.attendees[0]!, chartId: id(22) }] };
    expect(groupEncounterInputProblems(twice).map((p) => p.field)).toEqual(['attendees[1].patientId']);
    const bad = {
      ...valid,
      groupSessionId: 'x',
      serviceDate: '2025-02-30',
      attendees: [{ ...valid.attendees[0]!, chartId: 'nope', minutesAttended: 12.5 }],
    };
    expect(groupEncounterInputProblems(bad).map((p) => p.field)).toEqual([
      'groupSessionId',
      'serviceDate',
      'attendees[0].chartId',
      'attendees[0].minutesAttended',
    ]);
  });
});

describe('peerEncounterInputProblems', () => {
  const valid = {
    peerEncounterId: '3f0e8a3c-6c7b-4a55-9d0c-0b1f5b0f4a11',
    patientId: '3f0e8a3c-6c7b-4a55-9d0c-0b1f5b0f4a12',
    chartId: '3f0e8a3c-6c7b-4a55-9d0c-0b1f5b0f4a13',
    siteId: '3f0e8a3c-6c7b-4a55-9d0c-0b1f5b0f4a14',
    renderingProviderId: '3f0e8a3c-6c7b-4a55-9d0c-0b1f5b0f4a15',
    serviceDate: '2026-03-10',
    durationMinutes: 53,
  };

  it('accepts a complete peer encounter', () => {
    expect(peerEncounterInputProblems(valid)).toEqual([]);
  });

  it('names every malformed field', () => {
    const fields = peerEncounterInputProblems({ ...valid, chartId: 'x', serviceDate: '2026-02-30', durationMinutes: 0 }).map(
      (p) => p.field,
    );
    expect(fields).toEqual(['chartId', 'serviceDate', 'durationMinutes']);
  });
});
