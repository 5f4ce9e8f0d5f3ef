import { DEMO_CLINICIAN, DEMO_CLINICIAN_CASELOAD, DEMO_CONSULTANT_EMAIL, DEMO_ORGS, demoStaff, demoStaffForScale } from './demo-catalogue';
import { generatePatients, PATIENTS_PER_ORG, REFERENCE_DATE } from './demo-patients';

const staff = demoStaffForScale('small');
const generate = (org: 'sonoran' | 'cascade', seed = 1, from = 0, to = PATIENTS_PER_ORG.small) =>
  generatePatients({ org: DEMO_ORGS[org], staff, scale: 'small', seed, from, to });

describe('generatePatients', () => {
  it('is a pure function of (seed, organization, index), whatever the batch boundaries', () => {
    const whole = generate('sonoran');
    expect(generate('sonoran')).toEqual(whole);
    expect([...generate('sonoran', 1, 0, 13), ...generate('sonoran', 1, 13, 40)]).toEqual(whole);
  });

  it('gives another seed other patients (ids and names)', () => {
    const a = generate('sonoran', 1);
    const b = generate('sonoran', 2);
    expect(b.some((r) => a.some((x) => x.patient.id === r.patient.id))).toBe(false);
    expect(b.map((r) => `${r.patient.firstName} ${r.patient.lastName}`)).not.toEqual(
      a.map((r) => `${r.patient.firstName} ${r.patient.lastName}`),
    );
  });

  it('spreads patients over every site of the organization', () => {
    for (const org of ['sonoran', 'cascade'] as const) {
      const sites = new Set(generate(org).map((r) => r.patient.siteId));
      expect([...sites].sort()).toEqual(DEMO_ORGS[org].sites.map((s) => s.id).sort());
    }
  });

  it('makes the demo clinician primary therapist of exactly the first Tucson Central patients and nothing else', () => {
    const clinician = demoStaff(DEMO_CLINICIAN.email);
    const tucson = DEMO_ORGS.sonoran.sites.find((s) => s.code === 'TUC')!;
    const records = generate('sonoran');
    const theirs = records.filter((r) => r.careTeam.some((a) => a.staffUserId === clinician.id));
    expect(theirs).toHaveLength(DEMO_CLINICIAN_CASELOAD.small);
    for (const r of theirs) {
      expect(r.patient.siteId).toBe(tucson.id);
      expect(r.patient.status).toBe('active');
      expect(r.careTeam).toEqual([expect.objectContaining({ staffUserId: clinician.id, role: 'primary_therapist', endedOn: null })]);
    }
    expect(generate('cascade').some((r) => r.careTeam.some((a) => a.staffUserId === clinician.id))).toBe(false);
  });

  it('gives every patient a current primary therapist of the same organization, mostly one working at their site', () => {
    for (const org of ['sonoran', 'cascade'] as const) {
      const clinicians = staff.filter((p) => p.bindings.some((b) => b.org === org && b.role === 'clinician'));
      for (const r of generate(org)) {
        const primaries = r.careTeam.filter((a) => a.role === 'primary_therapist' && a.endedOn === r.chart.closedOn);
        expect(primaries).toHaveLength(1);
        expect(clinicians.map((c) => c.id)).toContain(primaries[0]!.staffUserId);
      }
    }
  });

  it('assigns the consultant patients in both organizations', () => {
    const consultant = demoStaff(DEMO_CONSULTANT_EMAIL);
    for (const org of ['sonoran', 'cascade'] as const) {
      expect(generate(org).some((r) => r.careTeam.some((a) => a.staffUserId === consultant.id))).toBe(true);
    }
  });

  it('keeps every date before the reference date, assignments ordered, and ended assignments in the past', () => {
    const all = [...generate('sonoran'), ...generate('cascade')];
    const ended = all.flatMap((r) => r.careTeam).filter((a) => a.endedOn !== null);
    expect(ended.length).toBeGreaterThan(0);
    for (const r of all) {
      expect(r.patient.dateOfBirth < REFERENCE_DATE).toBe(true);
      expect(r.chart.openedOn < REFERENCE_DATE).toBe(true);
      for (const a of r.careTeam) {
        expect(a.startedOn >= r.chart.openedOn).toBe(true);
        expect(a.startedOn < REFERENCE_DATE).toBe(true);
        if (a.endedOn) expect(a.endedOn >= a.startedOn && a.endedOn < REFERENCE_DATE).toBe(true);
      }
    }
  });

  it('makes about a fifth of charts Part 2, each with a program name, and others without one', () => {
    const charts = generatePatients({ org: DEMO_ORGS.sonoran, staff, scale: 'small', seed: 1, from: 0, to: 2000 }).map((r) => r.chart);
    const part2 = charts.filter((c) => c.isPart2);
    expect(part2.length / charts.length).toBeGreaterThan(0.17);
    expect(part2.length / charts.length).toBeLessThan(0.23);
    expect(part2.every((c) => c.part2ProgramName && DEMO_ORGS.sonoran.part2Programs.includes(c.part2ProgramName as never))).toBe(true);
    expect(charts.filter((c) => !c.isPart2).every((c) => c.part2ProgramName === null)).toBe(true);
  });

  it('produces adults 18-80 and some adolescents, with names and fields the API would accept', () => {
    const records = generatePatients({ org: DEMO_ORGS.cascade, staff, scale: 'small', seed: 5, from: 0, to: 1000 });
    const ages = records.map((r) => 2026 - Number(r.patient.dateOfBirth.slice(0, 4)));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(13);
    expect(Math.max(...ages)).toBeLessThanOrEqual(81);
    expect(ages.filter((a) => a < 18).length).toBeGreaterThan(50);
    const name = /^[\p{L}\p{M}' .-]+$/u;
    for (const { patient: p } of records) {
      expect(p.firstName).toMatch(name);
      expect(p.lastName).toMatch(name);
      if (p.middleName) expect(p.middleName).toMatch(name);
      expect(p.postalCode).toMatch(/^\d{5}$/);
      expect(p.phone).toMatch(/^\d{3}-555-01\d{2}$/);
      expect(p.state).toBe('OR');
      expect(Number.isNaN(Date.parse(`${p.dateOfBirth}T00:00:00Z`))).toBe(false);
    }
  });
});

describe('demoStaffForScale', () => {
  it('keeps the fixed staff and their ids at every scale and adds clinicians for larger ones', () => {
    const small = demoStaffForScale('small');
    const large = demoStaffForScale('large');
    expect(large.slice(0, small.length)).toEqual(small);
    expect(large.length).toBeGreaterThan(small.length);
    expect(new Set(large.map((p) => p.email)).size).toBe(large.length);
    expect(new Set(large.map((p) => p.id)).size).toBe(large.length);
  });
});
