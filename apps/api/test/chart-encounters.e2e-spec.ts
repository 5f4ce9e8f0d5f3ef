import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { GenerationWorker } from './support/generation-worker';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// GET /api/v1/patients/:id/encounters: PM's encounters through the scheduling contract, with the group session
// and attendance behind group encounters, and Part 2 withholding for SUD-program groups.
// Sessions are documented through the API; their outbox event goes to the real generation consumer.
let app: INestApplication;
let worker: GenerationWorker;
const demo = new DemoFixture();
let supervisor: StaffSession;
let clinician: StaffSession;
let hr: StaffSession;
let cascade: StaffSession;
let supervisorId: string;
let clinicianId: string;
let tucson: string;
let org: string;
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const today = new Date().toISOString().slice(0, 10);

async function newPatient(isPart2 = false): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Wren',
      lastName: `Chart${letters()}`,
      dateOfBirth: '1979-07-21',
      primaryTherapistId: clinicianId,
      ...(isPart2 ? { isPart2: true, part2ProgramName: 'Intensive Outpatient Program' } : {}),
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function consentTo(patientId: string): Promise<string> {
  const c = await as(app, supervisor)
    .post(`/api/v1/patients/${patientId}/consents`)
    .send({
      consentType: 'tpo',
      disclosingParty: 'Sonoran Behavioral Health, Intensive Outpatient Program',
      informationDescription: 'All SUD treatment records',
      recordTypes: ['*'],
      recipients: [{ type: 'organization', organizationId: org, name: 'Sonoran Behavioral Health' }],
      purposes: ['treatment', 'payment', 'health_care_operations'],
      expirationEvent: 'none',
      signedBy: 'patient',
      signedOn: today,
      statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
    });
  if (c.status !== 201) throw new Error(`consent answered ${c.status}: ${JSON.stringify(c.body)}`);
  return c.body.id as string;
}

/** A documented session of a new group; the documented event is delivered to the generation consumer. */
async function documentedSession(attendees: Array<Record<string, unknown>>, group: Record<string, unknown>, sessionDate: string) {
  const g = await as(app, supervisor)
    .post('/api/v1/groups')
    .send({
      siteId: tucson,
      name: `Group ${letters()}`,
      sudProgram: false,
      facilitatorIds: [supervisorId],
      ...group,
    });
  if (g.status !== 201) throw new Error(`group answered ${g.status}: ${JSON.stringify(g.body)}`);
  const s = await as(app, supervisor)
    .post('/api/v1/group-sessions')
    .send({ groupId: g.body.id, sessionDate, startTime: '09:00', endTime: '10:30', note: 'Skills practice.' });
  if (s.status !== 201) throw new Error(`session answered ${s.status}: ${JSON.stringify(s.body)}`);
  const a = await as(app, supervisor).put(`/api/v1/group-sessions/${s.body.id}/attendance`).send({ attendees });
  if (a.status !== 200) throw new Error(`attendance answered ${a.status}: ${JSON.stringify(a.body)}`);
  const d = await as(app, supervisor).post(`/api/v1/group-sessions/${s.body.id}/document`);
  if (d.status !== 200) throw new Error(`document answered ${d.status}: ${JSON.stringify(d.body)}`);
  const { rows } = await demo.owner.query(
    `SELECT id, payload FROM pf_outbox_events WHERE event_type = 'cl_group_session_documented.v1' AND payload->>'session_id' = $1`,
    [s.body.id],
  );
  expect(await worker.document(rows[0].payload, rows[0].id)).toBe('processed');
  return { groupId: g.body.id as string, sessionId: s.body.id as string };
}

const encounters = (session: StaffSession, patientId: string, query = '') =>
  as(app, session).get(`/api/v1/patients/${patientId}/encounters${query}`);

beforeAll(async () => {
  app = await bootApi();
  worker = await GenerationWorker.start();
  supervisor = await login(app, 'supervisor@sonoran.cairn.test');
  clinician = await login(app, 'clinician@sonoran.cairn.test');
  hr = await login(app, 'hr@sonoran.cairn.test');
  cascade = await login(app, 'supervisor@cascade.cairn.test');
  supervisorId = await demo.userId('supervisor@sonoran.cairn.test');
  clinicianId = await demo.userId('clinician@sonoran.cairn.test');
  tucson = (await demo.sites('sonoran')).find((x) => x.code === 'TUC')!.id;
  org = await demo.orgId('sonoran');
});
afterAll(async () => {
  await worker.close();
  await app.close();
  await demo.close();
});

describe('GET /api/v1/patients/:id/encounters', () => {
  it('lists group encounters newest first with the session, group and attendance, and none for an absent session', async () => {
    const [p, q] = [await newPatient(), await newPatient()];
    const first = await documentedSession(
      [
        { patientId: p, status: 'present' },
        { patientId: q, status: 'absent' },
      ],
      { groupType: 'psychotherapy_group' },
      '2025-05-06',
    );
    const second = await documentedSession(
      [
        { patientId: p, status: 'partial', arrivalTime: '09:20', departureTime: '10:30' },
        { patientId: q, status: 'present' },
      ],
      { groupType: 'multi_family_group' },
      '2025-05-13',
    );
    const res = await encounters(clinician, p);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 2, withheld: 0, withheldReason: null, part2Notice: null });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        encounterType: 'group',
        serviceDate: '2025-05-13',
        siteId: tucson,
        renderingProviderId: supervisorId,
        durationMinutes: 70,
        sourceType: 'group_session',
        sourceId: second.sessionId,
        groupSession: {
          sessionId: second.sessionId,
          attendanceStatus: 'partial',
          minutesAttended: 70,
          groupId: second.groupId,
          groupName: expect.any(String),
          groupType: 'multi_family_group',
          sudProgram: false,
          startTime: '09:00',
          endTime: '10:30',
        },
      }),
      expect.objectContaining({
        serviceDate: '2025-05-06',
        groupSession: expect.objectContaining({ sessionId: first.sessionId, attendanceStatus: 'present', minutesAttended: 90 }),
      }),
    ]);
    // q was absent from the first session: only the second appears.
    expect((await encounters(supervisor, q)).body.items.map((e: any) => e.sourceId)).toEqual([second.sessionId]);
  });

  it('filters by service date and paginates', async () => {
    const p = await newPatient();
    for (const date of ['2025-03-03', '2025-03-10', '2025-03-17'])
      await documentedSession([{ patientId: p, status: 'present' }], { groupType: 'psychotherapy_group' }, date);
    const ranged = await encounters(supervisor, p, '?from=2025-03-05&to=2025-03-17&pageSize=1');
    expect(ranged.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(ranged.body.items.map((e: any) => e.serviceDate)).toEqual(['2025-03-17']);
    const page2 = await encounters(supervisor, p, '?from=2025-03-05&to=2025-03-17&pageSize=1&page=2');
    expect(page2.body.items.map((e: any) => e.serviceDate)).toEqual(['2025-03-10']);
  });

  it("withholds an SUD group's encounters on a Part 2 chart without consent, and shows them with the §2.32 notice once consented", async () => {
    const p = await newPatient(true);
    await documentedSession([{ patientId: p, status: 'present' }], { groupType: 'sud_group_counseling', sudProgram: true }, '2025-04-01');
    // The facilitator (supervisor) must see the attendee to sign; with no consent the chart's list withholds it.
    const closed = await encounters(clinician, p);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ total: 1, items: [], withheld: 1, withheldReason: 'no_consent', part2Notice: null });
    const audit = await demo.owner.query(
      `SELECT outcome, scope FROM pf_audit_events WHERE action = 'patient.encounters.read' AND patient_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [p],
    );
    expect(audit.rows[0]).toMatchObject({
      outcome: 'success',
      scope: expect.objectContaining({ withheld: 1, part2: true, part2Denied: true }),
    });
    const consentId = await consentTo(p);
    const open = await encounters(clinician, p);
    expect(open.body).toMatchObject({ withheld: 0, withheldReason: null, part2Notice: expect.stringMatching(/42 CFR part 2/) });
    expect(open.body.items).toEqual([
      expect.objectContaining({ groupSession: expect.objectContaining({ sudProgram: true, groupType: 'sud_group_counseling' }) }),
    ]);
    // Revoked: withheld again from that moment, and the reason says why.
    expect((await as(app, supervisor).post(`/api/v1/patients/${p}/consents/${consentId}/revoke`).send({ method: 'written' })).status).toBe(
      200,
    );
    expect((await encounters(clinician, p)).body).toMatchObject({ items: [], withheld: 1, withheldReason: 'revoked' });
  });

  it('answers 404 for a patient outside the scope or organization, 403 without patients.view, and 400 naming the field', async () => {
    const p = await newPatient();
    expectProblem(await encounters(cascade, p), 404);
    expectProblem(await encounters(hr, p), 403);
    expectProblem(await encounters(supervisor, '00000000-0000-4000-8000-000000000000'), 404);
    const backwards = await encounters(supervisor, p, '?from=2025-05-01&to=2025-04-01');
    expectProblem(backwards, 400);
    expect(JSON.stringify(backwards.body)).toContain('"to"');
    const badDate = await encounters(supervisor, p, '?from=2025-13-01');
    expectProblem(badDate, 400);
    expect(JSON.stringify(badDate.body)).toContain('from');
    expectProblem(await encounters(supervisor, p, '?pageSize=500'), 400);
  });
});
