import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { GenerationWorker } from './support/generation-worker';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let supervisor: StaffSession;
let supervisorId: string;
let clinicianId: string;
let tucson: string;
let sonoranOrg: string;

const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const NOTE = 'Group practised distress tolerance skills; members shared coping plans.';

/** A new Tucson Central patient with a chart (Part 2 or not), the demo clinician as primary therapist. */
async function newPatient(isPart2 = false): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucson,
      firstName: 'Gideon',
      lastName: `Group${letters()}`,
      dateOfBirth: '1984-02-11',
      primaryTherapistId: clinicianId,
      ...(isPart2 ? { isPart2: true, part2ProgramName: 'Intensive Outpatient Program' } : {}),
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function newGroup(extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await as(app, supervisor)
    .post('/api/v1/groups')
    .send({
      siteId: tucson,
      name: `DBT skills ${letters()}`,
      groupType: 'psychotherapy_group',
      sudProgram: false,
      facilitatorIds: [supervisorId, clinicianId],
      ...extra,
    });
  if (res.status !== 201) throw new Error(`group answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function newSession(groupId: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await as(app, supervisor)
    .post('/api/v1/group-sessions')
    .send({ groupId, sessionDate: '2025-06-03', startTime: '10:00', endTime: '11:30', note: NOTE, ...extra });
  if (res.status !== 201) throw new Error(`session answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function outboxRows(sessionId: string) {
  const { rows } = await demo.owner.query(
    `SELECT id, organization_id, event_type, payload FROM pf_outbox_events WHERE event_type = 'cl_group_session_documented.v1' AND payload->>'session_id' = $1`,
    [sessionId],
  );
  return rows;
}

const chartOf = async (patientId: string) =>
  (await demo.owner.query('SELECT id FROM cl_charts WHERE patient_id = $1', [patientId])).rows[0].id as string;

beforeAll(async () => {
  app = await bootApi();
  supervisor = await login(app, 'supervisor@sonoran.cairn.test');
  supervisorId = await demo.userId('supervisor@sonoran.cairn.test');
  clinicianId = await demo.userId('clinician@sonoran.cairn.test');
  tucson = (await demo.sites('sonoran')).find((x) => x.code === 'TUC')!.id;
  sonoranOrg = await demo.orgId('sonoran');
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('group sessions and attendance (CL-14)', () => {
  it('creates a group, a session, records attendance and documents it, publishing the exact event once', async () => {
    const group = await newGroup({ defaultModality: 'telehealth_video' });
    expect(group).toMatchObject({
      siteId: tucson,
      groupType: 'psychotherapy_group',
      sudProgram: false,
      facilitatorIds: [supervisorId, clinicianId],
      active: true,
    });
    expect((await as(app, supervisor).get(`/api/v1/groups/${group['id']}`)).body).toMatchObject({ id: group['id'] });

    const session = await newSession(group['id']);
    expect(session).toMatchObject({
      status: 'draft',
      modality: 'telehealth_video',
      facilitatorId: supervisorId,
      durationMinutes: 90,
      attendance: [],
      note: NOTE,
    });
    const [a, b, c] = [await newPatient(), await newPatient(), await newPatient()];
    const recorded = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({
        attendees: [
          { patientId: a, status: 'present' },
          { patientId: b, status: 'partial', arrivalTime: '10:40', departureTime: '11:05' },
          { patientId: c, status: 'absent' },
        ],
      });
    expect(recorded.status).toBe(200);
    expect(recorded.body.attendance.map((r: any) => [r.patientId, r.status, r.minutesAttended])).toEqual([
      [a, 'present', 90],
      [b, 'partial', 25],
      [c, 'absent', 0],
    ]);
    // Replacing one patient's attendance keeps the others.
    const replaced = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({ attendees: [{ patientId: a, status: 'partial', minutesAttended: 60 }] });
    expect(replaced.body.attendance.map((r: any) => r.patientId)).toEqual([b, c, a]);
    expect(replaced.body.attendance.find((r: any) => r.patientId === a)).toMatchObject({ status: 'partial', minutesAttended: 60 });
    expect(
      (
        await as(app, supervisor)
          .patch(`/api/v1/group-sessions/${session['id']}`)
          .send({ note: `${NOTE} Homework: diary card.` })
      ).status,
    ).toBe(200);

    const documented = await as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`);
    expect(documented.status).toBe(200);
    expect(documented.body).toMatchObject({
      status: 'documented',
      documentedBy: supervisorId,
      documentedAt: expect.any(String),
      note: `${NOTE} Homework: diary card.`,
    });

    const rows = await outboxRows(session['id']);
    expect(rows).toHaveLength(1);
    expect(rows[0].organization_id).toBe(sonoranOrg);
    expect(rows[0].payload).toEqual({
      organization_id: sonoranOrg,
      session_id: session['id'],
      group_id: group['id'],
      site_id: tucson,
      group_type: 'psychotherapy_group',
      sud_program: false,
      modality: 'telehealth_video',
      session_date: '2025-06-03',
      start_time: '10:00',
      end_time: '11:30',
      duration_minutes: 90,
      facilitator_id: supervisorId,
      documented_by: supervisorId,
      documented_at: documented.body.documentedAt,
      attendees: [
        // In the order recorded: a's attendance was replaced last.
        { patient_id: b, chart_id: await chartOf(b), attendance_status: 'partial', minutes_attended: 25 },
        { patient_id: c, chart_id: await chartOf(c), attendance_status: 'absent', minutes_attended: 0 },
        { patient_id: a, chart_id: await chartOf(a), attendance_status: 'partial', minutes_attended: 60 },
      ],
    });

    // Signed: a second sign, note edits and attendance edits answer 409 and publish nothing.
    expectProblem(await as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`), 409);
    expectProblem(await as(app, supervisor).patch(`/api/v1/group-sessions/${session['id']}`).send({ note: 'changed' }), 409);
    expectProblem(
      await as(app, supervisor)
        .put(`/api/v1/group-sessions/${session['id']}/attendance`)
        .send({ attendees: [{ patientId: c, status: 'present' }] }),
      409,
    );
    expect(await outboxRows(session['id'])).toHaveLength(1);
    // The database refuses changes too, even as the owner.
    await expect(demo.owner.query(`UPDATE cl_group_sessions SET note = 'tampered' WHERE id = $1`, [session['id']])).rejects.toThrow(
      /documented and locked/,
    );
    await expect(
      demo.owner.query(`UPDATE cl_group_attendance SET minutes_attended = 5 WHERE session_id = $1 AND patient_id = $2`, [session['id'], b]),
    ).rejects.toThrow(/locked/);
  });

  it('lets exactly one of two concurrent document calls succeed, with one outbox row', async () => {
    const group = await newGroup();
    const session = await newSession(group['id']);
    await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({ attendees: [{ patientId: await newPatient(), status: 'present' }] });
    const results = await Promise.all([1, 2, 3].map(() => as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await outboxRows(session['id'])).toHaveLength(1);
  });

  it('refuses to document without attendance (422) and by someone who does not facilitate the group (403)', async () => {
    const session = await newSession((await newGroup())['id']);
    const empty = await as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`);
    expectProblem(empty, 422);
    expect(empty.body.errors[0].field).toBe('attendance');
    await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({ attendees: [{ patientId: await newPatient(), status: 'present' }] });
    const admin = await login(app, 'admin@sonoran.cairn.test');
    expectProblem(await as(app, admin).post(`/api/v1/group-sessions/${session['id']}/document`), 403);
    expect(await outboxRows(session['id'])).toHaveLength(0);
    expect((await as(app, supervisor).get(`/api/v1/group-sessions/${session['id']}`)).body.status).toBe('draft');
  });

  it('refuses to document a session that has not ended (future date, or today before its end time in the site time zone) with 422 naming sessionDate', async () => {
    const group = await newGroup();
    // Today's wall clock at Tucson Central (America/Phoenix, no daylight saving): a session ending in an hour.
    const now = new Date();
    const local = new Date(now.getTime() - 7 * 3600_000);
    const today = local.toISOString().slice(0, 10);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const later = new Date(local.getTime() + 60 * 60_000);
    const cases: Array<Record<string, unknown>> = [{ sessionDate: '2027-01-04', startTime: '10:00', endTime: '11:00' }];
    // Only when the hour after now is still today in Phoenix can a same-day session end later today.
    if (later.toISOString().slice(0, 10) === today && hhmm(local) < hhmm(later)) {
      cases.push({ sessionDate: today, startTime: hhmm(local), endTime: hhmm(later) });
    }
    for (const when of cases) {
      const session = await newSession(group['id'], when);
      await as(app, supervisor)
        .put(`/api/v1/group-sessions/${session['id']}/attendance`)
        .send({ attendees: [{ patientId: await newPatient(), status: 'present' }] });
      const refused = await as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`);
      expectProblem(refused, 422);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['sessionDate']);
      // Nothing written: still a draft, no event (so no generation, approval or charge can follow), a denied audit row.
      expect((await as(app, supervisor).get(`/api/v1/group-sessions/${session['id']}`)).body.status).toBe('draft');
      expect(await outboxRows(session['id'])).toHaveLength(0);
      const refusals = await demo.auditEvents(`action = 'group-session.document' AND resource_id = $1`, [session['id']]);
      expect(refusals.map((r) => [r['outcome'], r['reason']])).toEqual([['denied', 'session_not_ended']]);
    }
    // A session of today that ended an hour ago (when that is still today in Phoenix) documents.
    const earlier = new Date(local.getTime() - 60 * 60_000);
    if (earlier.toISOString().slice(0, 10) === today && hhmm(earlier) < hhmm(local)) {
      const past = await newSession(group['id'], { sessionDate: today, startTime: hhmm(earlier), endTime: hhmm(local) });
      await as(app, supervisor)
        .put(`/api/v1/group-sessions/${past['id']}/attendance`)
        .send({ attendees: [{ patientId: await newPatient(), status: 'present' }] });
      expect((await as(app, supervisor).post(`/api/v1/group-sessions/${past['id']}/document`)).status).toBe(200);
    }
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const group = await newGroup();
    const field = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);

    const wrongType = await as(app, supervisor)
      .post('/api/v1/groups')
      .send({ siteId: tucson, name: 'x', groupType: 'yoga_group', sudProgram: false, facilitatorIds: [supervisorId] });
    expectProblem(wrongType, 400);
    expect(field(wrongType)).toContain('groupType');
    const notClinical = await as(app, supervisor)
      .post('/api/v1/groups')
      .send({
        siteId: tucson,
        name: 'x',
        groupType: 'psychotherapy_group',
        sudProgram: false,
        facilitatorIds: [await demo.userId('billing@sonoran.cairn.test')],
      });
    expectProblem(notClinical, 422);
    expect(field(notClinical)).toEqual(['facilitatorIds.0']);

    const badOrder = await as(app, supervisor)
      .post('/api/v1/group-sessions')
      .send({ groupId: group['id'], sessionDate: '2025-06-03', startTime: '11:00', endTime: '10:00' });
    expectProblem(badOrder, 400);
    expect(field(badOrder)).toEqual(['endTime']);
    const badTime = await as(app, supervisor)
      .post('/api/v1/group-sessions')
      .send({ groupId: group['id'], sessionDate: '2025-02-30', startTime: '9:00', endTime: '10:00' });
    expectProblem(badTime, 400);
    expect(field(badTime)).toEqual(expect.arrayContaining(['sessionDate', 'startTime']));
    const notFacilitator = await as(app, supervisor)
      .post('/api/v1/group-sessions')
      .send({
        groupId: group['id'],
        sessionDate: '2025-06-03',
        startTime: '10:00',
        endTime: '11:00',
        facilitatorId: await demo.userId('clinician.tucson@sonoran.cairn.test'),
      });
    expectProblem(notFacilitator, 422);
    expect(field(notFacilitator)).toEqual(['facilitatorId']);

    const session = await newSession(group['id']);
    const p = await newPatient();
    const put = (attendees: unknown[]) => as(app, supervisor).put(`/api/v1/group-sessions/${session['id']}/attendance`).send({ attendees });
    const tooLong = await put([{ patientId: p, status: 'present', minutesAttended: 95 }]);
    expectProblem(tooLong, 400);
    expect(field(tooLong)).toEqual(['attendees.0.minutesAttended']);
    const absentMinutes = await put([{ patientId: p, status: 'absent', minutesAttended: 20 }]);
    expectProblem(absentMinutes, 400);
    expect(field(absentMinutes)).toEqual(['attendees.0.minutesAttended']);
    const partialFull = await put([{ patientId: p, status: 'partial', minutesAttended: 90 }]);
    expect(field(partialFull)).toEqual(['attendees.0.minutesAttended']);
    const outside = await put([{ patientId: p, status: 'partial', arrivalTime: '09:30', minutesAttended: 20 }]);
    expect(field(outside)).toEqual(['attendees.0.arrivalTime']);
    const inconsistent = await put([
      { patientId: p, status: 'partial', arrivalTime: '10:30', departureTime: '11:00', minutesAttended: 45 },
    ]);
    expect(field(inconsistent)).toEqual(['attendees.0.minutesAttended']);
    const unknown = await put([
      { patientId: p, status: 'present' },
      { patientId: '3f0c7a9e-1b2d-4c5e-8f90-123456789abc', status: 'present' },
    ]);
    expectProblem(unknown, 400);
    expect(field(unknown)).toEqual(['attendees.1.patientId']);
    const badStatus = await put([{ patientId: p, status: 'late' }]);
    expect(field(badStatus)).toEqual(['attendees.0.status']);
    // Nothing of the refused requests was written (the unknown patient came second: the first was not kept).
    expect((await as(app, supervisor).get(`/api/v1/group-sessions/${session['id']}`)).body.attendance).toEqual([]);
  });

  it('keeps groups and sessions inside the organization and behind their permissions', async () => {
    const session = await newSession((await newGroup())['id']);
    const hr = await login(app, 'hr@sonoran.cairn.test');
    expectProblem(await as(app, hr).get('/api/v1/groups'), 403);
    expectProblem(await as(app, hr).get(`/api/v1/group-sessions/${session['id']}`), 403);
    expectProblem(
      await as(app, hr)
        .post('/api/v1/group-sessions')
        .send({ groupId: session['groupId'], sessionDate: '2025-06-03', startTime: '10:00', endTime: '11:00' }),
      403,
    );
    const billing = await login(app, 'billing@sonoran.cairn.test');
    expect((await as(app, billing).get(`/api/v1/group-sessions/${session['id']}`)).status).toBe(200);
    expectProblem(await as(app, billing).post(`/api/v1/group-sessions/${session['id']}/document`), 403);
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    expectProblem(
      await as(app, clinician)
        .post('/api/v1/groups')
        .send({ siteId: tucson, name: 'x', groupType: 'psychotherapy_group', sudProgram: false, facilitatorIds: [clinicianId] }),
      403,
    );

    const cascade = await login(app, 'supervisor@cascade.cairn.test');
    expectProblem(await as(app, cascade).get(`/api/v1/group-sessions/${session['id']}`), 404);
    expectProblem(await as(app, cascade).post(`/api/v1/group-sessions/${session['id']}/document`), 404);
    expectProblem(await as(app, cascade).get(`/api/v1/groups/${session['groupId']}`), 404);
    const phoenixOnly = await login(app, 'supervisor.north@sonoran.cairn.test');
    expectProblem(await as(app, phoenixOnly).get(`/api/v1/group-sessions/${session['id']}`), 404);
  });

  it('lists to a care-team clinician only their patients, counts the others, and refuses them the signature of a partial roster', async () => {
    const session = await newSession((await newGroup())['id']);
    const mine = await newPatient();
    const [notMine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', false, 1);
    await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({
        attendees: [
          { patientId: mine, status: 'present' },
          { patientId: notMine, status: 'absent' },
        ],
      });
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const read = await as(app, clinician).get(`/api/v1/group-sessions/${session['id']}`);
    expect(read.status).toBe(200);
    expect(read.body.attendance.map((r: { patientId: string }) => r.patientId)).toEqual([mine]);
    expect(read.body.attendeesOutsideScope).toBe(1);
    // The clinician facilitates the group but cannot see the whole roster: no partial event.
    expectProblem(await as(app, clinician).post(`/api/v1/group-sessions/${session['id']}/document`), 403);
    expect(await outboxRows(session['id'])).toHaveLength(0);
    // Nor can they record a patient outside their care team.
    const refused = await as(app, clinician)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({ attendees: [{ patientId: notMine, status: 'present' }] });
    expectProblem(refused, 400);
    expect(refused.body.errors[0].field).toBe('attendees.0.patientId');
  });

  it('lists sessions by group, date range and status, paginated and audited', async () => {
    const group = await newGroup();
    for (const d of ['2025-01-07', '2025-01-14', '2025-01-21']) await newSession(group['id'], { sessionDate: d });
    const list = await as(app, supervisor).get(
      `/api/v1/group-sessions?groupId=${group['id']}&from=2025-01-10&to=2025-01-31&status=draft&pageSize=1`,
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(list.body.items[0]).toMatchObject({ sessionDate: '2025-01-21', groupId: group['id'], status: 'draft' });
    expect(list.body.items[0].note).toBeUndefined();
    const docd = await as(app, supervisor).get(`/api/v1/group-sessions?groupId=${group['id']}&status=documented`);
    expect(docd.body.total).toBe(0);
    const badRange = await as(app, supervisor).get('/api/v1/group-sessions?from=2025-02-01&to=2025-01-01');
    expectProblem(badRange, 400);
    expect(badRange.body.errors[0].field).toBe('to');
    expectProblem(await as(app, supervisor).get('/api/v1/group-sessions?status=signed'), 400);
    const groups = await as(app, supervisor).get(`/api/v1/groups?siteId=${tucson}&groupType=psychotherapy_group&active=true`);
    expect(groups.body.items.some((g: { id: string }) => g.id === group['id'])).toBe(true);
    const [audit] = await demo.auditEvents(`action = 'group-session.list' AND request_id = $1`, [list.headers['x-request-id']]);
    expect(audit).toMatchObject({ outcome: 'success' });
  });

  it('audits reads and writes without the note text', async () => {
    const session = await newSession((await newGroup())['id']);
    const p = await newPatient();
    await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({ attendees: [{ patientId: p, status: 'present' }] });
    await as(app, supervisor).get(`/api/v1/group-sessions/${session['id']}`);
    await as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`);
    const events = await demo.auditEvents(`resource_id = $1 AND action LIKE 'group-session.%'`, [session['id']]);
    expect(events.map((e) => e['action'])).toEqual([
      'group-session.create',
      'group-session.attendance.record',
      'group-session.read',
      'group-session.document',
    ]);
    expect(events[1]).toMatchObject({ patient_id: p });
    expect(JSON.stringify(events)).not.toContain('distress tolerance');
  });

  it('audits the group definition once, and an attendance write once per attendee', async () => {
    const group = await newGroup();
    const [created] = await demo.auditEvents(`action = 'group.create' AND resource_id = $1`, [group['id']]);
    expect(created).toMatchObject({
      outcome: 'success',
      resource_type: 'group',
      scope: expect.objectContaining({ siteId: tucson, facilitatorIds: [supervisorId, clinicianId] }),
    });
    const session = await newSession(group['id']);
    const [p, q] = [await newPatient(), await newPatient()];
    const res = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({
        attendees: [
          { patientId: p, status: 'present' },
          { patientId: q, status: 'absent' },
        ],
      });
    expect(res.status).toBe(200);
    const rows = await demo.auditEvents(`action = 'group-session.attendance.record' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(
      rows.map((r) => [r['patient_id'], r['resource_id'], r['outcome'], (r['scope'] as Record<string, unknown>)['status']]).sort(),
    ).toEqual(
      [
        [p, session['id'], 'success', 'present'],
        [q, session['id'], 'success', 'absent'],
      ].sort(),
    );
  });

  it('hides the identity of SUD-group attendees no consent covers, and marks Part 2 reads in the audit', async () => {
    const group = await newGroup({ name: `IOP process group ${letters()}`, groupType: 'sud_group_counseling', sudProgram: true });
    const session = await newSession(group['id']);
    const [plain, closed, consented] = [await newPatient(false), await newPatient(true), await newPatient(true)];
    const consent = await as(app, supervisor)
      .post(`/api/v1/patients/${consented}/consents`)
      .send({
        consentType: 'tpo',
        disclosingParty: 'Sonoran Behavioral Health, Intensive Outpatient Program',
        informationDescription: 'All substance use disorder treatment records',
        recordTypes: ['group_encounter'],
        recipients: [{ type: 'organization', organizationId: sonoranOrg, name: 'Sonoran Behavioral Health' }],
        purposes: ['treatment', 'payment', 'health_care_operations'],
        expirationEvent: 'none',
        signedBy: 'patient',
        signedOn: new Date().toISOString().slice(0, 10),
        statements: ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'],
      });
    expect(consent.status).toBe(201);
    const put = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({
        attendees: [
          { patientId: plain, status: 'present' },
          { patientId: closed, status: 'partial', minutesAttended: 20 },
          { patientId: consented, status: 'absent' },
        ],
      });
    expect(put.status).toBe(200);
    const read = await as(app, supervisor).get(`/api/v1/group-sessions/${session['id']}`);
    expect(read.status).toBe(200);
    const byStatus = Object.fromEntries(read.body.attendance.map((r: any) => [r.status, r]));
    expect(byStatus['present']).toMatchObject({ consentRequired: false, patientId: plain });
    expect(byStatus['partial']).toMatchObject({ consentRequired: true, patientId: null, chartId: null, minutesAttended: 20 });
    expect(byStatus['absent']).toMatchObject({ consentRequired: false, patientId: consented, chartId: await chartOf(consented) });
    expect(read.body.part2Notice).toMatch(/42 CFR part 2/i);
    expect(JSON.stringify(read.body)).not.toContain(closed);
    const [audit] = await demo.auditEvents(`action = 'group-session.read' AND request_id = $1`, [read.headers['x-request-id']]);
    expect(audit!['scope']).toMatchObject({ part2: true, part2NoticeApplies: true, part2ConsentRequiredCount: 1 });
    expect(JSON.stringify(audit!['scope'])).not.toContain(closed);

    // Documenting still publishes the whole roster (ids only, for the generation handler).
    expect((await as(app, supervisor).post(`/api/v1/group-sessions/${session['id']}/document`)).status).toBe(200);
    const [row] = await outboxRows(session['id']);
    expect(row.payload.sud_program).toBe(true);
    expect(row.payload.attendees.map((x: { patient_id: string }) => x.patient_id).sort()).toEqual([plain, closed, consented].sort());
  });

  it('serves the demo groups: documented sessions read back with their SUD attendees masked where no consent covers them', async () => {
    const groups = await as(app, supervisor).get('/api/v1/groups?groupType=sud_group_counseling');
    const iop = groups.body.items.find((g: { name: string }) => g.name === 'IOP Process Group');
    expect(iop).toMatchObject({ sudProgram: true, siteId: tucson });
    const list = await as(app, supervisor).get(`/api/v1/group-sessions?groupId=${iop.id}&status=documented`);
    expect(list.body.total).toBe(4);
    const read = await as(app, supervisor).get(`/api/v1/group-sessions/${list.body.items[0].id}`);
    expect(read.status).toBe(200);
    expect(read.body.attendance.length).toBeGreaterThanOrEqual(4);
    // Which attendees the supervisor may see is exactly what cl_check_sud_consent answers for them.
    const { rows } = await demo.owner.query<{ id: string; is_part2: boolean; covered: boolean }>(
      `SELECT x.id, c.is_part2, EXISTS (SELECT 1 FROM cl_part2_consents k WHERE k.chart_id = c.id AND k.revoked_at IS NULL AND k.consent_type = 'tpo') AS covered
         FROM cl_group_attendance x JOIN cl_charts c ON c.id = x.chart_id WHERE x.session_id = $1`,
      [read.body.id],
    );
    for (const row of read.body.attendance as { id: string; consentRequired: boolean; patientId: string | null }[]) {
      const truth = rows.find((r) => r.id === row.id)!;
      expect(row.consentRequired).toBe(truth.is_part2 && !truth.covered);
      expect(row.patientId === null).toBe(row.consentRequired);
    }
    expect(read.body.attendance.some((r: { consentRequired: boolean }) => r.consentRequired)).toBe(true);
    expect(await outboxRows(read.body.id)).toHaveLength(1);
  });
});

describe('attendance corrections: removing a patient recorded on a draft by mistake', () => {
  let worker: GenerationWorker;
  beforeAll(async () => {
    worker = await GenerationWorker.start();
  });
  afterAll(async () => {
    await worker?.close();
  });

  const remove = (sessionId: string, patientId: string, who: StaffSession = supervisor) =>
    as(app, who).delete(`/api/v1/group-sessions/${sessionId}/attendance/${patientId}`);

  async function draftWith(statuses: Array<'present' | 'absent'>) {
    const session = await newSession((await newGroup())['id']);
    const ids: string[] = [];
    for (const _ of statuses) ids.push(await newPatient());
    const res = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${session['id']}/attendance`)
      .send({ attendees: ids.map((patientId, i) => ({ patientId, status: statuses[i] })) });
    expect(res.status).toBe(200);
    return { sessionId: session['id'] as string, ids };
  }

  it('removes the attendee from the draft, audited; the documented roster, its generations and encounters never include them', async () => {
    const { sessionId, ids } = await draftWith(['present', 'present', 'absent']);
    const [a, b, c] = ids as [string, string, string];
    const res = await remove(sessionId, b);
    expect(res.status).toBe(200);
    expect(res.body.attendance.map((r: { patientId: string }) => r.patientId)).toEqual([a, c]);
    const [event] = await demo.auditEvents(`action = 'group-session.attendance.remove' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({
      outcome: 'success',
      resource_id: sessionId,
      patient_id: b,
      scope: expect.objectContaining({ removedStatus: 'present' }),
    });
    // Marked, never deleted: the row stays as the trace of the correction, with who removed it, on no roster.
    const kept = await demo.owner.query(
      'SELECT removed_at, removed_by FROM cl_group_attendance WHERE session_id = $1 AND patient_id = $2',
      [sessionId, b],
    );
    expect(kept.rows).toEqual([{ removed_at: expect.any(Date), removed_by: supervisorId }]);
    const read = await as(app, supervisor).get(`/api/v1/group-sessions/${sessionId}`);
    expect(read.body.attendance.map((r: { patientId: string }) => r.patientId)).toEqual([a, c]);

    expect((await as(app, supervisor).post(`/api/v1/group-sessions/${sessionId}/document`)).status).toBe(200);
    const [row] = await outboxRows(sessionId);
    expect(row.payload.attendees.map((x: { patient_id: string }) => x.patient_id)).toEqual([a, c]);
    // The real generation consumer and PM's encounter handler, from the published payload.
    expect(await worker.document(row.payload, row.id)).toBe('processed');
    const generated = await demo.owner.query('SELECT patient_id, status FROM cl_group_encounter_generations WHERE group_session_id = $1', [
      sessionId,
    ]);
    expect(generated.rows.map((g: { patient_id: string }) => g.patient_id).sort()).toEqual([a, c].sort());
    const encounters = await demo.owner.query('SELECT patient_id FROM pm_encounters WHERE source_id = $1', [sessionId]);
    expect(encounters.rows.map((e: { patient_id: string }) => e.patient_id)).toEqual([a]);
  });

  it('answers 409 once the session is documented, and the database refuses the removal too', async () => {
    const { sessionId, ids } = await draftWith(['present']);
    expect((await as(app, supervisor).post(`/api/v1/group-sessions/${sessionId}/document`)).status).toBe(200);
    const res = await remove(sessionId, ids[0]!);
    expectProblem(res, 409);
    const [event] = await demo.auditEvents(`action = 'group-session.attendance.remove' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({ outcome: 'denied' });
    const active = 'SELECT 1 FROM cl_group_attendance WHERE session_id = $1 AND removed_at IS NULL';
    expect((await demo.owner.query(active, [sessionId])).rowCount).toBe(1);
    await expect(
      demo.owner.query('UPDATE cl_group_attendance SET removed_at = now(), removed_by = $2 WHERE session_id = $1', [
        sessionId,
        supervisorId,
      ]),
    ).rejects.toThrow(/locked/);
  });

  it('answers 404 for a patient not on the roster (or removed already), a malformed id, an unknown session or one of another organization; 403 without the permission', async () => {
    const { sessionId, ids } = await draftWith(['present', 'present']);
    const other = await newPatient();
    expectProblem(await remove(sessionId, other), 404);
    expectProblem(await remove(sessionId, 'not-a-uuid'), 404);
    expectProblem(await remove('not-a-uuid', ids[0]!), 404);
    expectProblem(await remove(randomUUID(), ids[0]!), 404);
    expectProblem(await remove(sessionId, ids[0]!, await login(app, 'supervisor@cascade.cairn.test')), 404);
    expectProblem(await remove(sessionId, ids[0]!, await login(app, 'supervisor.north@sonoran.cairn.test')), 404);
    expectProblem(await remove(sessionId, ids[0]!, await login(app, 'hr@sonoran.cairn.test')), 403);
    expect((await remove(sessionId, ids[0]!)).status).toBe(200);
    expectProblem(await remove(sessionId, ids[0]!), 404);
    const onRoster = 'SELECT patient_id FROM cl_group_attendance WHERE session_id = $1 AND removed_at IS NULL';
    expect((await demo.owner.query(onRoster, [sessionId])).rows).toEqual([{ patient_id: ids[1] }]);
  });

  it('puts a removed patient back on the roster when their attendance is recorded again', async () => {
    const { sessionId, ids } = await draftWith(['present', 'present']);
    expect((await remove(sessionId, ids[0]!)).status).toBe(200);
    const again = await as(app, supervisor)
      .put(`/api/v1/group-sessions/${sessionId}/attendance`)
      .send({ attendees: [{ patientId: ids[0], status: 'absent' }] });
    expect(again.status).toBe(200);
    const roster = again.body.attendance.map((r: { patientId: string; status: string }) => `${r.patientId}:${r.status}`).sort();
    expect(roster).toEqual([`${ids[0]}:absent`, `${ids[1]}:present`].sort());
    const row = await demo.owner.query('SELECT removed_at, removed_by FROM cl_group_attendance WHERE session_id = $1 AND patient_id = $2', [
      sessionId,
      ids[0],
    ]);
    expect(row.rows).toEqual([{ removed_at: null, removed_by: null }]);
  });

  it('orders a removal racing the signature: either the roster lost the patient before signing, or the removal answers 409', async () => {
    const { sessionId, ids } = await draftWith(['present', 'present']);
    const [removed, signed] = await Promise.all([
      remove(sessionId, ids[1]!),
      as(app, supervisor).post(`/api/v1/group-sessions/${sessionId}/document`),
    ]);
    expect(signed.status).toBe(200);
    const [row] = await outboxRows(sessionId);
    const roster = row.payload.attendees.map((x: { patient_id: string }) => x.patient_id);
    if (removed.status === 200) expect(roster).toEqual([ids[0]]);
    else {
      expectProblem(removed, 409);
      expect(roster).toEqual(ids);
    }
  });
});
