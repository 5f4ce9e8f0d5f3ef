import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let supervisor: StaffSession;
let sonoranOrgId: string;
let tucsonSiteId: string;
let clinicianId: string;
const sessions: Record<string, StaffSession> = {};

const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const today = new Date().toISOString().slice(0, 10);
const STATEMENTS = ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'];

/** A complete TPO consent naming the whole organization; override to build the other rows of the table. */
const tpoConsent = (extra: Record<string, unknown> = {}) => ({
  consentType: 'tpo',
  disclosingParty: 'Sonoran Behavioral Health, Opioid Treatment Program',
  informationDescription: 'All substance use disorder treatment records',
  recordTypes: ['*'],
  recipients: [{ type: 'organization', organizationId: sonoranOrgId, name: 'Sonoran Behavioral Health' }],
  purposes: ['treatment', 'payment', 'health_care_operations'],
  expirationEvent: 'none',
  signedBy: 'patient',
  signedOn: today,
  statements: STATEMENTS,
  ...extra,
});

/** A Part 2 patient (or not) at Tucson Central with the demo clinician as primary therapist. */
async function newPatient(isPart2 = true): Promise<string> {
  const res = await as(app, supervisor)
    .post('/api/v1/patients')
    .send({
      siteId: tucsonSiteId,
      firstName: 'Renata',
      lastName: `Consent${letters()}`,
      dateOfBirth: '1990-03-04',
      primaryTherapistId: clinicianId,
      ...(isPart2 ? { isPart2: true, part2ProgramName: 'Opioid Treatment Program' } : {}),
    });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function recordConsent(patientId: string, body: Record<string, unknown>): Promise<string> {
  const res = await as(app, supervisor).post(`/api/v1/patients/${patientId}/consents`).send(body);
  if (res.status !== 201) throw new Error(`consent answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

beforeAll(async () => {
  app = await bootApi();
  supervisor = await login(app, 'supervisor@sonoran.cairn.test');
  for (const [key, email] of [
    ['clinician', 'clinician@sonoran.cairn.test'],
    ['billing', 'billing@sonoran.cairn.test'],
    ['supervisor', 'supervisor@sonoran.cairn.test'],
  ] as const) {
    sessions[key] = await login(app, email);
  }
  sonoranOrgId = await demo.orgId('sonoran');
  tucsonSiteId = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  clinicianId = await demo.userId('clinician@sonoran.cairn.test');
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('cl_check_sud_consent through GET /api/v1/patients/:id/part2-access: consent state x role', () => {
  type Row = {
    name: string;
    setup: (patientId: string) => Promise<void>;
    expect: Record<'clinician' | 'billing' | 'supervisor', boolean>;
    denial: string;
  };
  const rows: Row[] = [
    {
      name: 'no consent',
      setup: async () => undefined,
      expect: { clinician: false, billing: false, supervisor: false },
      denial: 'no_consent',
    },
    {
      name: 'expired consent',
      setup: async (p) =>
        void (await recordConsent(p, tpoConsent({ signedOn: '2025-01-02', expiresOn: '2025-06-30', expirationEvent: undefined }))),
      expect: { clinician: false, billing: false, supervisor: false },
      denial: 'expired',
    },
    {
      name: 'revoked consent',
      setup: async (p) => {
        const id = await recordConsent(p, tpoConsent());
        const res = await as(app, supervisor).post(`/api/v1/patients/${p}/consents/${id}/revoke`).send({ method: 'written' });
        expect(res.status).toBe(200);
      },
      expect: { clinician: false, billing: false, supervisor: false },
      denial: 'revoked',
    },
    {
      name: 'TPO consent',
      setup: async (p) => void (await recordConsent(p, tpoConsent())),
      expect: { clinician: true, billing: true, supervisor: true },
      denial: '',
    },
    {
      name: 'specific consent for another purpose',
      setup: async (p) =>
        void (await recordConsent(
          p,
          tpoConsent({ consentType: 'specific_disclosure', purposes: ['research'], expiresOn: '2099-12-31', expirationEvent: undefined }),
        )),
      expect: { clinician: false, billing: false, supervisor: false },
      denial: 'not_covered',
    },
    {
      name: 'specific consent for payment, to the billing role',
      setup: async (p) =>
        void (await recordConsent(
          p,
          tpoConsent({
            consentType: 'specific_disclosure',
            purposes: ['payment'],
            recipients: [{ type: 'role', roleKey: 'billing_coordinator' }],
            recordTypes: ['peer_encounter', 'billing'],
            expiresOn: '2099-12-31',
            expirationEvent: undefined,
          }),
        )),
      expect: { clinician: false, billing: true, supervisor: false },
      denial: 'not_covered',
    },
  ];

  for (const row of rows) {
    for (const role of ['clinician', 'billing', 'supervisor'] as const) {
      it(`${row.name} x ${role}: ${row.expect[role] ? 'allows' : 'denies'} and audits the decision`, async () => {
        const patientId = await newPatient();
        await row.setup(patientId);
        const res = await as(app, sessions[role]!).get(`/api/v1/patients/${patientId}/part2-access?recordType=peer_encounter`);
        expect(res.status).toBe(200);
        const allowed = row.expect[role];
        expect(res.body).toMatchObject({ allowed, part2: true, reason: allowed ? 'consent_on_file' : row.denial });

        const events = await demo.auditEvents(`action = 'part2.consent.check' AND request_id = $1`, [res.headers['x-request-id']]);
        expect(events).toHaveLength(1);
        const email = {
          clinician: 'clinician@sonoran.cairn.test',
          billing: 'billing@sonoran.cairn.test',
          supervisor: 'supervisor@sonoran.cairn.test',
        }[role];
        expect(events[0]).toMatchObject({
          actor_user_id: await demo.userId(email),
          patient_id: patientId,
          resource_type: 'chart',
          resource_id: res.body.chartId,
          outcome: allowed ? 'success' : 'denied',
          reason: allowed ? 'consent_on_file' : row.denial,
          scope: expect.objectContaining({ recordType: 'peer_encounter', part2: true, part2NoticeApplies: allowed }),
        });
      });
    }
  }

  it('allows every role for a chart that is not under Part 2, without the §2.32 flag', async () => {
    const patientId = await newPatient(false);
    const res = await as(app, sessions['billing']!).get(`/api/v1/patients/${patientId}/part2-access?recordType=progress_note`);
    expect(res.body).toMatchObject({ allowed: true, part2: false, reason: 'not_part2' });
    const [event] = await demo.auditEvents(`action = 'part2.consent.check' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({ outcome: 'success', scope: expect.objectContaining({ part2: false, part2NoticeApplies: false }) });
  });

  it('denies a record type the consent does not list', async () => {
    const patientId = await newPatient();
    await recordConsent(patientId, tpoConsent({ recordTypes: ['progress_note'] }));
    expect(
      (await as(app, sessions['clinician']!).get(`/api/v1/patients/${patientId}/part2-access?recordType=progress_note`)).body.allowed,
    ).toBe(true);
    expect(
      (await as(app, sessions['clinician']!).get(`/api/v1/patients/${patientId}/part2-access?recordType=peer_encounter`)).body,
    ).toMatchObject({
      allowed: false,
      reason: 'not_covered',
    });
  });

  it("answers 404 for a patient outside the caller's scope and 400 for an unknown record type", async () => {
    const [notMine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', false, 1);
    const unseen = await as(app, sessions['clinician']!).get(`/api/v1/patients/${notMine}/part2-access?recordType=chart`);
    expectProblem(unseen, 404);
    const [check] = await demo.auditEvents(`action = 'part2.consent.check' AND request_id = $1`, [unseen.headers['x-request-id']]);
    expect(check).toMatchObject({
      outcome: 'not_found',
      reason: 'unknown_chart',
      patient_id: null,
      resource_id: null,
      scope: expect.objectContaining({ requestedPatientId: notMine }),
    });
    const bad = await as(app, sessions['clinician']!).get(`/api/v1/patients/${await newPatient()}/part2-access?recordType=everything`);
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['recordType']);
  });
});

describe('POST /api/v1/patients/:id/consents', () => {
  it('records a consent, audited with kinds and ids only', async () => {
    const patientId = await newPatient();
    const res = await as(app, supervisor).post(`/api/v1/patients/${patientId}/consents`).send(tpoConsent());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      patientId,
      consentType: 'tpo',
      status: 'active',
      effectiveOn: today,
      expiresOn: null,
      revokedAt: null,
    });
    const [event] = await demo.auditEvents(`action = 'part2.consent.create' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({
      resource_id: res.body.id,
      patient_id: patientId,
      outcome: 'success',
      scope: expect.objectContaining({ consentType: 'tpo', part2NoticeApplies: true }),
    });
    expect(JSON.stringify(event)).not.toContain('Opioid Treatment Program');
  });

  it('names each missing §2.31 element with 400 problem+json and writes nothing', async () => {
    const patientId = await newPatient();
    const res = await as(app, supervisor).post(`/api/v1/patients/${patientId}/consents`).send({ consentType: 'tpo' });
    expectProblem(res, 400);
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    for (const f of [
      'disclosingParty',
      'informationDescription',
      'recordTypes',
      'recipients',
      'purposes',
      'signedBy',
      'signedOn',
      'statements',
    ])
      expect(fields).toContain(f);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'recipients').message).toContain('§2.31(a)(4)');
    const count = await demo.owner.query('SELECT count(*)::int AS n FROM cl_part2_consents WHERE patient_id = $1', [patientId]);
    expect(count.rows[0].n).toBe(0);
  });

  it('refuses a TPO consent that leaves out payment, a missing revocation statement, and an empty recipient list', async () => {
    const patientId = await newPatient();
    const res = await as(app, supervisor)
      .post(`/api/v1/patients/${patientId}/consents`)
      .send(tpoConsent({ purposes: ['treatment', 'health_care_operations'], statements: ['redisclosure', 'treatment_not_conditioned'] }));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'purposes', message: expect.stringContaining('payment') }),
        expect.objectContaining({ field: 'statements', message: expect.stringContaining('right_to_revoke') }),
      ]),
    );
    const empty = await as(app, supervisor)
      .post(`/api/v1/patients/${patientId}/consents`)
      .send(tpoConsent({ recipients: [] }));
    expectProblem(empty, 400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'recipients' })]);
    const badRecipient = await as(app, supervisor)
      .post(`/api/v1/patients/${patientId}/consents`)
      .send(tpoConsent({ recipients: [{ type: 'role', roleKey: 'janitor' }] }));
    expectProblem(badRecipient, 400);
    expect(badRecipient.body.errors.map((e: { field: string }) => e.field)).toEqual(['recipients.0.roleKey']);
  });

  it('refuses "none" as the expiration of a specific disclosure', async () => {
    const res = await as(app, supervisor)
      .post(`/api/v1/patients/${await newPatient()}/consents`)
      .send(tpoConsent({ consentType: 'specific_disclosure', purposes: ['payment'] }));
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['expirationEvent']);
  });

  it('answers 422 for a chart not under Part 2, 404 outside the scope, 403 without cl.consents.manage', async () => {
    const plain = await newPatient(false);
    const refused = await as(app, supervisor).post(`/api/v1/patients/${plain}/consents`).send(tpoConsent());
    expectProblem(refused, 422);
    const [refusal] = await demo.auditEvents(`action = 'part2.consent.create' AND request_id = $1`, [refused.headers['x-request-id']]);
    expect(refusal).toMatchObject({
      patient_id: plain,
      resource_id: null,
      outcome: 'failure',
      reason: 'chart_not_part2',
      scope: expect.objectContaining({ part2: false }),
    });
    expect((await demo.owner.query('SELECT count(*)::int AS n FROM cl_part2_consents WHERE patient_id = $1', [plain])).rows[0].n).toBe(0);
    const [notMine] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', false, 1);
    const unseen = await as(app, sessions['clinician']!).post(`/api/v1/patients/${notMine}/consents`).send(tpoConsent());
    expectProblem(unseen, 404);
    const [notFound] = await demo.auditEvents(`action = 'part2.consent.create' AND request_id = $1`, [unseen.headers['x-request-id']]);
    expect(notFound).toMatchObject({
      outcome: 'not_found',
      patient_id: null,
      resource_id: null,
      scope: expect.objectContaining({ requestedPatientId: notMine }),
    });
    expectProblem(
      await as(app, sessions['billing']!)
        .post(`/api/v1/patients/${await newPatient()}/consents`)
        .send(tpoConsent()),
      403,
    );
  });
});

describe('revocation and listing', () => {
  it('takes effect immediately, answers 409 the second time and 404 for an unknown consent', async () => {
    const patientId = await newPatient();
    const id = await recordConsent(patientId, tpoConsent());
    const check = () => as(app, sessions['clinician']!).get(`/api/v1/patients/${patientId}/part2-access?recordType=progress_note`);
    expect((await check()).body.allowed).toBe(true);
    const revoked = await as(app, sessions['clinician']!)
      .post(`/api/v1/patients/${patientId}/consents/${id}/revoke`)
      .send({ method: 'oral' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationMethod: 'oral', revokedAt: expect.any(String) });
    expect((await check()).body).toMatchObject({ allowed: false, reason: 'revoked' });
    const [event] = await demo.auditEvents(`action = 'part2.consent.revoke' AND request_id = $1`, [revoked.headers['x-request-id']]);
    expect(event).toMatchObject({ outcome: 'success', resource_id: id, patient_id: patientId });

    const again = await as(app, supervisor).post(`/api/v1/patients/${patientId}/consents/${id}/revoke`).send({ method: 'written' });
    expectProblem(again, 409);
    const [conflict] = await demo.auditEvents(`action = 'part2.consent.revoke' AND request_id = $1`, [again.headers['x-request-id']]);
    expect(conflict).toMatchObject({ outcome: 'failure', reason: 'already_revoked', resource_id: id, patient_id: patientId });
    expectProblem(
      await as(app, supervisor)
        .post(`/api/v1/patients/${patientId}/consents/00000000-0000-4000-8000-000000000000/revoke`)
        .send({ method: 'written' }),
      404,
    );
    const bad = await as(app, supervisor).post(`/api/v1/patients/${patientId}/consents/${id}/revoke`).send({ method: 'email' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['method']);
  });

  it('lists consents newest first with the §2.32 notice, paginated and audited', async () => {
    const patientId = await newPatient();
    const first = await recordConsent(patientId, tpoConsent());
    const second = await recordConsent(
      patientId,
      tpoConsent({ consentType: 'specific_disclosure', purposes: ['payment'], expiresOn: '2099-01-01', expirationEvent: undefined }),
    );
    const res = await as(app, sessions['billing']!).get(`/api/v1/patients/${patientId}/consents?pageSize=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 1, part2Notice: expect.stringContaining('42 CFR part 2') });
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([second]);
    const page2 = await as(app, sessions['billing']!).get(`/api/v1/patients/${patientId}/consents?pageSize=1&page=2`);
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([first]);
    const [event] = await demo.auditEvents(`action = 'part2.consent.list' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event).toMatchObject({
      patient_id: patientId,
      outcome: 'success',
      scope: expect.objectContaining({ consentIds: [second], part2NoticeApplies: true }),
    });
  });
});

describe('§2.32 notice on patient reads', () => {
  it('flags the read of a Part 2 chart in the response and the audit row, and not a plain chart', async () => {
    const part2 = await newPatient(true);
    const plain = await newPatient(false);
    const a = await as(app, supervisor).get(`/api/v1/patients/${part2}`);
    expect(a.body.part2Notice).toContain('prohibits unauthorized use or disclosure');
    const [ea] = await demo.auditEvents(`action = 'patient.read' AND request_id = $1`, [a.headers['x-request-id']]);
    expect(ea!['scope']).toMatchObject({ part2: true, part2NoticeApplies: true });
    const b = await as(app, supervisor).get(`/api/v1/patients/${plain}`);
    expect(b.body.part2Notice).toBeNull();
    const [eb] = await demo.auditEvents(`action = 'patient.read' AND request_id = $1`, [b.headers['x-request-id']]);
    expect(eb!['scope']).not.toHaveProperty('part2NoticeApplies');
  });

  it('flags the write responses that return a Part 2 chart (register, update, care-team) in their audit rows', async () => {
    const part2 = await newPatient(true);
    const [created] = await demo.auditEvents(`action = 'patient.create' AND patient_id = $1`, [part2]);
    expect(created!['scope']).toMatchObject({ part2NoticeApplies: true });
    const upd = await as(app, supervisor).patch(`/api/v1/patients/${part2}`).send({ preferredName: 'Ren' });
    expect(upd.body.part2Notice).toContain('42 CFR part 2');
    const [updated] = await demo.auditEvents(`action = 'patient.update' AND request_id = $1`, [upd.headers['x-request-id']]);
    expect(updated!['scope']).toMatchObject({ changedFields: ['preferredName'], part2NoticeApplies: true });
    const asg = await as(app, supervisor)
      .post(`/api/v1/patients/${part2}/care-team`)
      .send({ staffUserId: await demo.userId('peer@sonoran.cairn.test'), role: 'peer_specialist' });
    expect(asg.status).toBe(201);
    const [assigned] = await demo.auditEvents(`action = 'patient.care-team.assign' AND request_id = $1`, [asg.headers['x-request-id']]);
    expect(assigned!['scope']).toMatchObject({ role: 'peer_specialist', part2NoticeApplies: true });
  });

  it('names the Part 2 patients among search results in the audit row', async () => {
    const part2 = await newPatient(true);
    const mrn = (await demo.owner.query('SELECT mrn FROM cl_charts WHERE patient_id = $1', [part2])).rows[0].mrn;
    const res = await as(app, supervisor).get(`/api/v1/patients?mrn=${mrn}`);
    expect(res.body.items[0].part2Notice).toContain('42 CFR part 2');
    const [event] = await demo.auditEvents(`action = 'patient.search' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(event!['scope']).toMatchObject({ part2PatientIds: [part2], part2NoticeApplies: true });
  });
});
