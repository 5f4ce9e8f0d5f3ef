import { DEMO_ORG_LIST, demoStaffForScale, SeedScale } from './demo-catalogue';
import { demoConsentKind } from './demo-consents';
import { generateGroups, generateGroupSessions, GROUP_SESSIONS_PER_GROUP, LAST_GROUP_SESSION_ON, zonedInstant } from './demo-groups';
import { generatePatients, PATIENTS_PER_ORG } from './demo-patients';
import { demoShift } from './deterministic';

const build = (scale: SeedScale, seed = 1) =>
  DEMO_ORG_LIST.map((org) => {
    const staff = demoStaffForScale(scale);
    const patients = generatePatients({ org, staff, scale, seed, from: 0, to: Math.min(PATIENTS_PER_ORG[scale], 1000) });
    const groups = generateGroups(org, staff);
    return { org, staff, patients, groups, sessions: groups.flatMap((g) => generateGroupSessions(org, g, scale, patients)) };
  });

describe('demo groups', () => {
  const small = build('small');

  it('gives each organization a psychotherapy, a multi-family and a Part 2 SUD group, facilitated by clinical staff of the site', () => {
    for (const { org, staff, groups } of small) {
      expect(groups.map((g) => [g.groupType, g.sudProgram])).toEqual([
        ['psychotherapy_group', false],
        ['multi_family_group', false],
        ['sud_group_counseling', true],
      ]);
      for (const g of groups) {
        const site = org.sites.find((s) => s.id === g.siteId)!;
        expect(g.facilitatorIds.length).toBeGreaterThan(0);
        for (const id of g.facilitatorIds) {
          const person = staff.find((p) => p.id === id)!;
          expect(
            person.bindings.some(
              (b) =>
                b.org === org.slug &&
                ['clinician', 'peer_specialist', 'supervisor'].includes(b.role) &&
                (!b.sites || b.sites.includes(site.code)),
            ),
          ).toBe(true);
        }
      }
    }
  });

  it('has weekly sessions in every state: documented with the event, a draft with attendance and one without', () => {
    for (const { groups, sessions } of small) {
      for (const g of groups) {
        const mine = sessions.filter((s) => s.groupId === g.id);
        expect(mine).toHaveLength(GROUP_SESSIONS_PER_GROUP.small);
        expect(mine.at(-1)!.sessionDate).toBe(LAST_GROUP_SESSION_ON);
        expect(mine.map((s) => s.status)).toEqual(['documented', 'documented', 'documented', 'documented', 'draft', 'draft']);
        expect(mine.at(-2)!.attendance.length).toBeGreaterThan(0);
        expect(mine.at(-1)!.attendance).toEqual([]);
        for (const s of mine.filter((x) => x.status === 'documented')) {
          expect(s.event!.payload.attendees).toHaveLength(s.attendance.length);
          expect(s.event!.payload.documented_at).toBe(s.documentedAt);
        }
      }
      expect(sessions.filter((s) => s.status === 'documented')).toHaveLength(12);
    }
  });

  it('follows the attendance rules: 4-8 site patients, one partial under 30 minutes, one absent, the rest present for the whole session', () => {
    for (const { patients, sessions } of small) {
      for (const s of sessions.filter((x) => x.attendance.length > 0)) {
        const length =
          Number(s.endTime.slice(0, 2)) * 60 +
          Number(s.endTime.slice(3)) -
          (Number(s.startTime.slice(0, 2)) * 60 + Number(s.startTime.slice(3)));
        expect(s.attendance.length).toBeGreaterThanOrEqual(4);
        expect(s.attendance.length).toBeLessThanOrEqual(8);
        expect(new Set(s.attendance.map((a) => a.patientId)).size).toBe(s.attendance.length);
        expect(s.attendance.every((a) => patients.find((r) => r.patient.id === a.patientId)?.patient.siteId === s.siteId)).toBe(true);
        const partial = s.attendance.filter((a) => a.status === 'partial');
        expect(partial).toHaveLength(1);
        expect(partial[0]!.minutesAttended).toBeLessThan(30);
        expect(partial[0]!.departureTime).toBe(s.endTime);
        expect(s.attendance.filter((a) => a.status === 'absent' && a.minutesAttended === 0)).toHaveLength(1);
        expect(s.attendance.filter((a) => a.status === 'present').every((a) => a.minutesAttended === length)).toBe(true);
      }
    }
  });

  it('puts Part 2 charts with and without a group-encounter consent into the SUD groups', () => {
    for (const { patients, groups, sessions } of small) {
      const sud = groups.find((g) => g.sudProgram)!;
      const attendees = new Set(sessions.filter((s) => s.groupId === sud.id).flatMap((s) => s.attendance.map((a) => a.patientId)));
      const part2 = patients.filter((r) => r.chart.isPart2 && attendees.has(r.patient.id)).map((r) => demoConsentKind(r.patient.id));
      expect(part2.some((k) => k === 'tpo' || k === 'payment_only')).toBe(true);
      expect(part2.some((k) => k === 'none' || k === 'revoked_tpo' || k === 'expired_specific')).toBe(true);
    }
  });

  it('is deterministic, and its group and session ids do not depend on the seed', () => {
    expect(build('small')).toEqual(small);
    const other = build('small', 2);
    expect(other.map((o) => o.sessions.map((s) => s.id))).toEqual(small.map((o) => o.sessions.map((s) => s.id)));
  });

  it('converts a site-local time to the instant, daylight saving included', () => {
    expect(zonedInstant('2025-07-01', '11:30', 'America/Phoenix').toISOString()).toBe('2025-07-01T18:30:00.000Z');
    expect(zonedInstant('2025-07-01', '11:30', 'America/Los_Angeles').toISOString()).toBe('2025-07-01T18:30:00.000Z');
    expect(zonedInstant('2025-12-01', '11:30', 'America/Los_Angeles').toISOString()).toBe('2025-12-01T19:30:00.000Z');
  });
});

describe('group sessions anchored on the demo day', () => {
  it('end two to three weeks before today on any day, on the same weekday, and are unchanged on the test anchor', () => {
    const { org, patients, groups } = build('small')[0]!;
    const group = groups[0]!;
    const atAnchor = generateGroupSessions(org, group, 'small', patients, demoShift('2026-01-01').days);
    expect(atAnchor.at(-1)!.sessionDate).toBe(LAST_GROUP_SESSION_ON);
    const today = '2026-12-05';
    const later = generateGroupSessions(org, group, 'small', patients, demoShift(today).days);
    const last = later.at(-1)!.sessionDate;
    const gap = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / 86_400_000;
    expect(gap).toBeGreaterThanOrEqual(14);
    expect(gap).toBeLessThan(21);
    expect(later.map((s) => s.id)).toEqual(atAnchor.map((s) => s.id));
    expect(later.every((s) => s.status !== 'documented' || s.documentedAt! < `${today}T00:00:00Z`)).toBe(true);
  });
});
