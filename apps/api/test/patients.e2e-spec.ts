import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let supervisor: StaffSession;
let sonoranSites: { id: string; code: string; name: string }[];

beforeAll(async () => {
  app = await bootApi();
  supervisor = await login(app, 'supervisor@sonoran.cairn.test');
  sonoranSites = await demo.sites('sonoran');
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

/** Names allow letters only: a random suffix of letters keeps each test's patients apart. */
const uniqueLetters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

const newPatient = (siteId: string, extra: Record<string, unknown> = {}) => ({
  siteId,
  firstName: 'Marisol',
  lastName: `Quintero${uniqueLetters()}`,
  dateOfBirth: '1984-06-02',
  phone: '520-555-0147',
  address: { line1: '12 Saguaro Way', city: 'Tucson', state: 'AZ', postalCode: '85701' },
  ...extra,
});

describe('POST /api/v1/patients', () => {
  it('registers a patient with a chart and an MRN prefixed from the organization slug, audited without PHI', async () => {
    const body = newPatient(sonoranSites[0]!.id, { isPart2: true, part2ProgramName: 'Opioid treatment program' });
    const res = await as(app, supervisor).post('/api/v1/patients').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: 'Marisol',
      lastName: body.lastName,
      siteId: body.siteId,
      chart: { isPart2: true, mrn: expect.stringMatching(/^SON-\d{6}$/) },
    });
    const events = await demo.auditEvents(`action = 'patient.create' AND patient_id = $1`, [res.body.id]);
    expect(events).toHaveLength(1);
    const stored = JSON.stringify(events[0]);
    for (const phi of [body.lastName, 'Marisol', '1984-06-02', '520-555-0147', 'Saguaro']) expect(stored).not.toContain(phi);
  });

  it('names every invalid field, nested ones included, with 400 problem+json and writes nothing', async () => {
    // A marker of this request's own: other suites register patients in the same database meanwhile, so a count of
    // every patient before and after would race with them.
    const marker = `Invalid request ${Date.now().toString(36)} ${Math.random().toString(36).slice(2)}`;
    const res = await as(app, supervisor)
      .post('/api/v1/patients')
      .send({
        siteId: 'nope',
        firstName: '',
        dateOfBirth: '02/06/1984',
        address: { line1: marker, postalCode: 'ABC' },
        favouriteColour: 'teal',
      });
    expectProblem(res, 400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['siteId', 'firstName', 'lastName', 'dateOfBirth', 'address.postalCode', 'favouriteColour']),
    );
    const written = await demo.owner.query('SELECT count(*)::int AS n FROM cl_patients WHERE address_line1 = $1', [marker]);
    expect(written.rows[0].n).toBe(0);
  });

  it('refuses a date of birth in the future or not on the calendar', async () => {
    expectProblem(
      await as(app, supervisor)
        .post('/api/v1/patients')
        .send(newPatient(sonoranSites[0]!.id, { dateOfBirth: '2999-01-01' })),
      422,
    );
    expectProblem(
      await as(app, supervisor)
        .post('/api/v1/patients')
        .send(newPatient(sonoranSites[0]!.id, { dateOfBirth: '2001-02-30' })),
      400,
    );
  });

  it("refuses a site of another organization with 422, and a site outside the caller's binding with 403", async () => {
    const [cascadeSite] = await demo.sites('cascade');
    expectProblem(await as(app, supervisor).post('/api/v1/patients').send(newPatient(cascadeSite!.id)), 422);
    const frontdesk = await login(app, 'frontdesk@sonoran.cairn.test');
    const { siteIds } = await demo.bindingSites('frontdesk@sonoran.cairn.test', 'sonoran');
    const elsewhere = sonoranSites.find((s) => !siteIds.includes(s.id))!;
    expectProblem(await as(app, frontdesk).post('/api/v1/patients').send(newPatient(elsewhere.id)), 403);
  });
});

describe('GET /api/v1/patients/:id', () => {
  it('returns the patient with chart and care team, and audits the read', async () => {
    const [id] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
    const res = await as(app, supervisor).get(`/api/v1/patients/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.chart).toMatchObject({ mrn: expect.any(String) });
    expect(res.body.careTeam.length).toBeGreaterThan(0);
    const events = await demo.auditEvents(`action = 'patient.read' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      patient_id: id,
      outcome: 'success',
      actor_user_id: await demo.userId('supervisor@sonoran.cairn.test'),
    });
  });

  it('shows a clinician their assigned patients and answers 404 for the others', async () => {
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const [mine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
    const [notMine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', false, 1);
    expect((await as(app, clinician).get(`/api/v1/patients/${mine}`)).status).toBe(200);
    const hidden = await as(app, clinician).get(`/api/v1/patients/${notMine}`);
    expectProblem(hidden, 404);
    const events = await demo.auditEvents(`action = 'patient.read' AND request_id = $1`, [hidden.headers['x-request-id']]);
    expect(events[0]).toMatchObject({ outcome: 'not_found', resource_id: notMine });
  });

  it('answers 404 for a patient of another organization, exactly as for a missing one', async () => {
    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    const sonoranPatient = await demo.patientAtSite(sonoranSites[0]!.id);
    const other = await as(app, cascadeAdmin).get(`/api/v1/patients/${sonoranPatient}`);
    const missing = await as(app, cascadeAdmin).get('/api/v1/patients/00000000-0000-4000-8000-000000000000');
    expectProblem(other, 404);
    expectProblem(missing, 404);
    expect(other.body.detail).toBe(missing.body.detail);
  });

  it("hides patients of sites outside a site-bound user's binding", async () => {
    const frontdesk = await login(app, 'frontdesk@sonoran.cairn.test');
    const { siteIds } = await demo.bindingSites('frontdesk@sonoran.cairn.test', 'sonoran');
    const elsewhere = sonoranSites.find((s) => !siteIds.includes(s.id))!;
    expectProblem(await as(app, frontdesk).get(`/api/v1/patients/${await demo.patientAtSite(elsewhere.id)}`), 404);
    expect((await as(app, frontdesk).get(`/api/v1/patients/${await demo.patientAtSite(siteIds[0]!)}`)).status).toBe(200);
  });

  it('takes an id spelled in capitals as the same patient, and audits it in its canonical spelling', async () => {
    const [id] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
    const res = await as(app, supervisor).get(`/api/v1/patients/${id!.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    const events = await demo.auditEvents(`action = 'patient.read' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(events[0]).toMatchObject({ patient_id: id, resource_id: id, outcome: 'success' });
  });

  it('answers 404 for an id that is not a UUID', async () => {
    expectProblem(await as(app, supervisor).get('/api/v1/patients/12345'), 404);
  });
});

describe('GET /api/v1/patients (search)', () => {
  it('finds by "last, first", date of birth and MRN, paginated, and audits filter names only', async () => {
    const body = newPatient(sonoranSites[1]!.id, { dateOfBirth: '1979-11-30' });
    const created = (await as(app, supervisor).post('/api/v1/patients').send(body)).body;
    const byName = await as(app, supervisor).get(`/api/v1/patients?q=${encodeURIComponent(`${body.lastName}, Mari`)}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    const byMrn = await as(app, supervisor).get(`/api/v1/patients?mrn=${created.chart.mrn}`);
    expect(byMrn.body.items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    const byDob = await as(app, supervisor).get('/api/v1/patients?dateOfBirth=1979-11-30&pageSize=200');
    expect(byDob.body.items.map((p: { id: string }) => p.id)).toContain(created.id);

    const events = await demo.auditEvents(`action = 'patient.search' AND request_id = $1`, [byName.headers['x-request-id']]);
    expect(events[0]!['scope']).toMatchObject({ filters: ['q'], resultPatientIds: [created.id] });
    expect(JSON.stringify(events[0])).not.toContain(body.lastName);
  });

  it('pages through results with a stable order and a total', async () => {
    const p1 = await as(app, supervisor).get('/api/v1/patients?pageSize=5&page=1');
    const p2 = await as(app, supervisor).get('/api/v1/patients?pageSize=5&page=2');
    expect(p1.body.items).toHaveLength(5);
    expect(p1.body.total).toBeGreaterThan(10);
    const ids1 = p1.body.items.map((p: { id: string }) => p.id);
    expect(p2.body.items.every((p: { id: string }) => !ids1.includes(p.id))).toBe(true);
  });

  it("returns only a clinician's assigned patients", async () => {
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const res = await as(app, clinician).get('/api/v1/patients?pageSize=200');
    const mine = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 500);
    expect(res.body.items.map((p: { id: string }) => p.id).sort()).toEqual([...mine].sort());
  });

  it("looks up patients by id (ids) within the caller's scope only, and audits the lookup", async () => {
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const [mine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
    const [notMine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', false, 1);
    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    const res = await as(app, clinician).get(`/api/v1/patients?ids=${mine},${notMine!.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([mine]);
    const otherOrg = await as(app, cascadeAdmin).get(`/api/v1/patients?ids=${mine}`);
    expect(otherOrg.body).toMatchObject({ items: [], total: 0 });
    const events = await demo.auditEvents(`action = 'patient.search' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(events[0]!['scope']).toMatchObject({ filters: ['ids'], resultPatientIds: [mine] });
  });

  it('refuses an ids list that is too long or holds something other than an id, naming ids', async () => {
    const tooMany = Array.from({ length: 201 }, () => '7f1c2d4e-0000-4000-8000-000000000001').join(',');
    for (const bad of [tooMany, '7f1c2d4e-0000-4000-8000-000000000001,MRN-1']) {
      const res = await as(app, supervisor).get(`/api/v1/patients?ids=${bad}`);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['ids']);
    }
  });

  it('rejects bad paging and filter values with 400 naming the field', async () => {
    const res = await as(app, supervisor).get('/api/v1/patients?pageSize=1000&dateOfBirth=yesterday');
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dateOfBirth', 'pageSize']);
  });
});

describe('PATCH /api/v1/patients/:id and care team', () => {
  it('updates demographics and audits the changed field names only', async () => {
    const created = (await as(app, supervisor).post('/api/v1/patients').send(newPatient(sonoranSites[0]!.id))).body;
    const res = await as(app, supervisor)
      .patch(`/api/v1/patients/${created.id}`)
      .send({ preferredName: 'Mari', address: { city: 'Marana' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ preferredName: 'Mari', address: { city: 'Marana' } });
    const [event] = await demo.auditEvents(`action = 'patient.update' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event!['scope']).toMatchObject({ changedFields: ['city', 'preferredName'] });
    expect(JSON.stringify(event)).not.toContain('Marana');
  });

  it('lets a clinician see a patient once assigned to the care team', async () => {
    const created = (await as(app, supervisor).post('/api/v1/patients').send(newPatient(sonoranSites[0]!.id))).body;
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    expectProblem(await as(app, clinician).get(`/api/v1/patients/${created.id}`), 404);
    const assign = await as(app, supervisor)
      .post(`/api/v1/patients/${created.id}/care-team`)
      .send({ staffUserId: await demo.userId('clinician@sonoran.cairn.test'), role: 'case_manager' });
    expect(assign.status).toBe(201);
    expect((await as(app, clinician).get(`/api/v1/patients/${created.id}`)).status).toBe(200);
  });

  it('lets an assigned-only clinician register a patient: they become the primary therapist and see the chart', async () => {
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const res = await as(app, clinician).post('/api/v1/patients').send(newPatient(sonoranSites[0]!.id));
    expect(res.status).toBe(201);
    const clinicianId = await demo.userId('clinician@sonoran.cairn.test');
    expect(res.body).toMatchObject({
      chart: { mrn: expect.stringMatching(/^[A-Z]{3}-\d{6}$/) },
      careTeam: [{ staffUserId: clinicianId, role: 'primary_therapist' }],
    });
    expect((await as(app, clinician).get(`/api/v1/patients/${res.body.id}`)).status).toBe(200);
  });

  it('lets an assigned-only clinician register a patient for a colleague, chart and care team included', async () => {
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const colleague = await demo.userId('clinician.tucson@sonoran.cairn.test');
    const res = await as(app, clinician)
      .post('/api/v1/patients')
      .send(newPatient(sonoranSites[0]!.id, { primaryTherapistId: colleague }));
    expect(res.status).toBe(201);
    const rows = await demo.owner.query(
      `SELECT (SELECT count(*)::int FROM cl_charts c WHERE c.patient_id = $1) AS charts,
              (SELECT array_agg(a.staff_user_id::text) FROM cl_care_team_assignments a WHERE a.patient_id = $1) AS team`,
      [res.body.id],
    );
    expect(rows.rows[0]).toEqual({ charts: 1, team: [colleague] });
  });

  it('lets a primary therapist hand their patient over to a colleague', async () => {
    const clinicianId = await demo.userId('clinician@sonoran.cairn.test');
    const colleague = await demo.userId('clinician.tucson@sonoran.cairn.test');
    const created = (
      await as(app, supervisor)
        .post('/api/v1/patients')
        .send(newPatient(sonoranSites[0]!.id, { primaryTherapistId: clinicianId }))
    ).body;
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    const res = await as(app, clinician)
      .post(`/api/v1/patients/${created.id}/care-team`)
      .send({ staffUserId: colleague, role: 'primary_therapist' });
    // Written; the answer is 404 because the patient has just left the caller's care team, hence their scope.
    expectProblem(res, 404);
    const team = await demo.owner.query(
      `SELECT staff_user_id::text AS staff, ended_on IS NOT NULL AS ended FROM cl_care_team_assignments WHERE patient_id = $1 ORDER BY ended`,
      [created.id],
    );
    expect(team.rows).toEqual([
      { staff: colleague, ended: false },
      { staff: clinicianId, ended: true },
    ]);
  });

  it('refuses to edit without patients.edit (billing) with 403', async () => {
    const billing = await login(app, 'billing@sonoran.cairn.test');
    const [id] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
    expectProblem(await as(app, billing).patch(`/api/v1/patients/${id}`).send({ preferredName: 'X' }), 403);
  });
});
