import type { CreateGroupEncountersInput } from '@cairn/platform/scheduling';
import { groupEncounterInputProblems } from './encounter-rules';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const valid: CreateGroupEncountersInput = {
  groupSessionId: id(1), siteId: id(2), serviceDate: '2025-03-04', renderingProviderId: id(3),
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
    expect(groupEncounterInputProblems(input)).toEqual([{ field: 'attendees[0].attendanceStatus', message: 'only present or partial attendees get an encounter' }]);
  });

  it('refuses an empty roster, a patient listed twice, and malformed ids, dates and minutes, naming each field', () => {
    expect(groupEncounterInputProblems({ ...valid, attendees: [] }).map((p) => p.field)).toEqual(['attendees']);
    const twice = { ...valid, attendees: [valid.attendees[0]!, { ...valid.attendees[0]!, chartId: id(22) }] };
    expect(groupEncounterInputProblems(twice).map((p) => p.field)).toEqual(['attendees[1].patientId']);
    const bad = {
      ...valid, groupSessionId: 'x', serviceDate: '2025-02-30',
      attendees: [{ ...valid.attendees[0]!, chartId: 'nope', minutesAttended: 12.5 }],
    };
    expect(groupEncounterInputProblems(bad).map((p) => p.field)).toEqual(['groupSessionId', 'serviceDate', 'attendees[0].chartId', 'attendees[0].minutesAttended']);
  });
});
