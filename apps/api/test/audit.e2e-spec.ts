import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();

beforeAll(async () => {
  app = await bootApi();
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('GET /api/v1/audit-events', () => {
  it("lists the organization's events filtered by patient, newest first, and audits the listing", async () => {
    const supervisor = await login(app, 'supervisor@sonoran.cairn.test');
    const [patientId] = await demo.patientsAssignedTo('clinician@sonoran.cairn.test', true, 1);
    await as(app, supervisor).get(`/api/v1/patients/${patientId}`);
    await as(app, supervisor).get(`/api/v1/patients/${patientId}`);

    const manager = await login(app, 'manager@sonoran.cairn.test');
    const res = await as(app, manager).get(`/api/v1/audit-events?patientId=${patientId}&action=patient.read&pageSize=1`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items[0]).toMatchObject({
      action: 'patient.read',
      patientId,
      outcome: 'success',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const listed = await demo.auditEvents(`action = 'audit.list' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(listed).toHaveLength(1);
  });

  it("never shows another organization's events", async () => {
    const cascadeAdmin = await login(app, 'admin@cascade.cairn.test');
    await as(app, cascadeAdmin).get('/api/v1/patients?pageSize=1'); // at least one event of its own
    const res = await as(app, cascadeAdmin).get('/api/v1/audit-events?pageSize=500');
    const cascade = await demo.orgId('cascade');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    const { rows } = await demo.owner.query('SELECT seq::text FROM pf_audit_events WHERE organization_id = $1', [cascade]);
    const cascadeSeqs = new Set(rows.map((r) => r.seq));
    expect(res.body.items.every((e: { seq: string }) => cascadeSeqs.has(e.seq))).toBe(true);
  });

  it('exports CSV with a header row, and audits the export', async () => {
    const manager = await login(app, 'manager@sonoran.cairn.test');
    const res = await as(app, manager).get('/api/v1/audit-events/export?action=patient.read');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,occurredAt,actorUserId,actorType,action,resourceType,resourceId,patientId,scope,outcome,reason,requestId,ip,hash',
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',patient.read,'))).toBe(true);
    expect(await demo.auditEvents(`action = 'audit.export' AND request_id = $1`, [res.headers['x-request-id']])).toHaveLength(1);
  });

  it('refuses a clinician (no audit.view) with 403, and bad filters with 400', async () => {
    const clinician = await login(app, 'clinician@sonoran.cairn.test');
    expectProblem(await as(app, clinician).get('/api/v1/audit-events'), 403);
    expectProblem(await as(app, clinician).get('/api/v1/audit-events/export'), 403);
    const manager = await login(app, 'manager@sonoran.cairn.test');
    const bad = await as(app, manager).get('/api/v1/audit-events?from=last-week&actorUserId=7');
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actorUserId', 'from']);
  });
});

describe('GET /api/v1/audit-events/verify', () => {
  it("reports the organization's chain as intact", async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test');
    const res = await as(app, admin).get('/api/v1/audit-events/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ chainKey: await demo.orgId('sonoran'), intact: true, firstBrokenSeq: null });
    expect(res.body.eventsChecked).toBeGreaterThan(0);
  });
});
