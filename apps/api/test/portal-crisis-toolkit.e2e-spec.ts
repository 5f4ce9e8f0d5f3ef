import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { executeQueryAs } from './support/portal-bus';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Seed scenario 3 (crisis toolkit alert flow) and the toolkit's rules: the 988 Lifeline always first, every open
// logged, the third open within 7 days alerts the therapist and the admins' high-risk list once per episode, and
// nothing is ever done to the client.

let app: INestApplication;
const demo = new DemoFixture();
let therapist: StaffSession;
let otherTherapist: StaffSession;
let admin: StaffSession;
let clients: OnboardedClient[];
// Cascade's therapists: Sonoran's few primary patients are left to the other portal test files.
const THERAPIST = 'clinician.salem@cascade.cairn.test';

const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);
const alertsOf = (patientId: string) =>
  demo.owner.query<{ id: string; open_count: number; acknowledged_at: Date | null }>(
    'SELECT id, open_count, acknowledged_at FROM po_crisis_alerts WHERE patient_id = $1 ORDER BY raised_at',
    [patientId],
  );
const alertNotifications = (patientId: string) =>
  count(`SELECT count(*) AS n FROM po_notifications WHERE patient_id = $1 AND kind = 'crisis_toolkit.alert'`, [patientId]);

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  therapist = await login(app, THERAPIST);
  otherTherapist = await login(app, 'clinician@cascade.cairn.test');
  admin = await login(app, 'admin@cascade.cairn.test');
  const patients = await demo.primaryPatientsOf(THERAPIST, 5, { withoutPortalAccount: true });
  expect(patients).toHaveLength(5);
  clients = [];
  for (const p of patients) clients.push(await onboardClient(app, therapist, p));
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('scenario 3: crisis toolkit alert flow', () => {
  it('alerts the therapist and the admins on the third open within 7 days, once per episode, and does nothing to the client', async () => {
    const client = clients[0]!;
    const p = client.patientId;
    // The therapist customises the toolkit.
    const custom = await as(app, therapist)
      .put(`/api/v1/patients/${p}/crisis-toolkit`)
      .send({
        copingSteps: ['Breathe in for 4, out for 6', 'Call Sam'],
        contacts: [{ name: 'Sam', phone: '+1 520 555 0100', relationship: 'sister' }],
      });
    expect(custom.status).toBe(200);
    expect(custom.body.crisisLines[0]).toMatchObject({ name: '988 Suicide & Crisis Lifeline', phone: '988' });

    // 1-2: the client opens the toolkit twice; each open is logged, no alert.
    const bodies: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ patientId: p, customised: true, copingSteps: ['Breathe in for 4, out for 6', 'Call Sam'] });
      expect(res.body.crisisLines[0].phone).toBe('988');
      bodies.push(res.body);
    }
    expect(await count('SELECT count(*) AS n FROM po_crisis_toolkit_opens WHERE patient_id = $1', [p])).toBe(2);
    expect((await alertsOf(p)).rows).toHaveLength(0);
    expect(await alertNotifications(p)).toBe(0);

    // 3: the third open within 7 days raises one alert and one notification for the therapist.
    const third = await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens');
    expect(third.status).toBe(201);
    // The client's answer is the toolkit, the same as before: nothing about the alert, nothing done to them.
    expect(third.body).toEqual(bodies[1]);
    const [alert] = (await alertsOf(p)).rows;
    expect(alert).toMatchObject({ open_count: 3, acknowledged_at: null });
    expect(await alertNotifications(p)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM po_crisis_toolkit_opens WHERE patient_id = $1 AND alert_id = $2', [p, alert!.id])).toBe(
      3,
    );

    // 4: a later open of the same episode extends it: no second alert, no second notification.
    expect((await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')).status).toBe(201);
    expect((await alertsOf(p)).rows).toEqual([expect.objectContaining({ id: alert!.id, open_count: 4 })]);
    expect(await alertNotifications(p)).toBe(1);

    // 5: the therapist sees the alert among their portal notifications (the dashboard's feed).
    const feed = await as(app, therapist).get('/api/v1/therapist/portal-notifications?unread=true&pageSize=100');
    expect(feed.status).toBe(200);
    expect(feed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ patientId: p, kind: 'crisis_toolkit.alert', recordKind: 'crisis_alert', recordId: alert!.id }),
      ]),
    );
    // Another therapist's feed does not have it.
    const otherFeed = await as(app, otherTherapist).get('/api/v1/therapist/portal-notifications?pageSize=100');
    expect(otherFeed.body.items.some((n: { recordId: string }) => n.recordId === alert!.id)).toBe(false);

    // 6: the therapist reviews the usage log.
    const usage = await as(app, therapist).get(`/api/v1/patients/${p}/crisis-toolkit/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body.opens).toHaveLength(4);
    expect(usage.body.alerts).toEqual([expect.objectContaining({ alertId: alert!.id, openCount: 4, live: true, acknowledgedAt: null })]);

    // The admins' high-risk list has it; a therapist may not read that list.
    const list = await as(app, admin).get('/api/v1/admin/portal/crisis-alerts?liveOnly=true&pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { alertId: string }) => a.alertId)).toContain(alert!.id);
    expectProblem(await as(app, therapist).get('/api/v1/admin/portal/crisis-alerts'), 403);

    // The therapist's portal activity has the live episode; the client's own context gets nothing of it.
    const organizationId = await demo.orgId('cascade');
    const section = await executeQueryAs<{ live: { alertId: string } | null; opensLast7Days: number }>(
      app,
      { organizationId, userId: await demo.userId(THERAPIST), siteIds: 'all', patientScope: 'assigned' },
      'GetCrisisAlertsSectionQuery',
      p,
    );
    expect(section).toMatchObject({ live: { alertId: alert!.id }, opensLast7Days: 4 });
    expect(
      await executeQueryAs(
        app,
        { organizationId, userId: client.accountId, siteIds: [], patientScope: 'portal' },
        'GetCrisisAlertsSectionQuery',
        p,
      ),
    ).toBeNull();

    // The same on the portal-activity tab; the client's dashboard has no crisis section at all.
    const activity = await as(app, therapist).get(`/api/v1/patients/${p}/portal-activity`);
    expect(activity.status).toBe(200);
    expect(activity.body.sections.crisisAlerts).toMatchObject({ live: { alertId: alert!.id, openCount: 4 } });
    const dashboard = await asClient(app, client.session).get('/api/v1/portal/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.sections).not.toHaveProperty('crisisAlerts');
    expect(JSON.stringify(dashboard.body)).not.toContain(alert!.id);

    // 7: the therapist acknowledges (and reaches out, outside the system); acknowledging twice keeps the first.
    const ack = await as(app, therapist).post(`/api/v1/patients/${p}/crisis-alerts/${alert!.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
    const again = await as(app, therapist).post(`/api/v1/patients/${p}/crisis-alerts/${alert!.id}/acknowledge`);
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);

    // Never an automatic action on the client: the account is active and the session still works.
    const account = await demo.owner.query('SELECT status FROM po_accounts WHERE patient_id = $1', [p]);
    expect(account.rows[0].status).toBe('active');
    expect((await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')).status).toBe(201);

    // Every open is audited as the client's.
    const audit = await demo.auditEvents(`action = 'portal.crisis-toolkit.open' AND patient_id = $1`, [p]);
    expect(audit).toHaveLength(5);
    expect(audit.every((a) => a['actor_type'] === 'client' && a['outcome'] === 'success')).toBe(true);
  });

  it('starts a new episode only after 7 days without an open, and then again only on the third open within 7 days', async () => {
    const client = clients[1]!;
    const p = client.patientId;
    for (let i = 0; i < 3; i++) expect((await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')).status).toBe(201);
    expect((await alertsOf(p)).rows).toHaveLength(1);
    // Eight days pass without an open: the episode is over.
    await demo.owner.query(`UPDATE po_crisis_toolkit_opens SET opened_at = opened_at - interval '8 days' WHERE patient_id = $1`, [p]);
    await demo.owner.query(
      `UPDATE po_crisis_alerts SET first_open_at = first_open_at - interval '8 days', raised_at = raised_at - interval '8 days',
       last_open_at = last_open_at - interval '8 days' WHERE patient_id = $1`,
      [p],
    );
    const usage = await as(app, therapist).get(`/api/v1/patients/${p}/crisis-toolkit/usage`);
    expect(usage.body.alerts[0].live).toBe(false);
    for (let i = 0; i < 2; i++) expect((await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')).status).toBe(201);
    expect((await alertsOf(p)).rows).toHaveLength(1);
    expect(await alertNotifications(p)).toBe(1);
    expect((await asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')).status).toBe(201);
    const alerts = (await alertsOf(p)).rows;
    expect(alerts).toHaveLength(2);
    expect(alerts[1]!.open_count).toBe(3);
    expect(await alertNotifications(p)).toBe(2);
  });

  it('raises exactly one alert when opens arrive at the same moment', async () => {
    const client = clients[2]!;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => asClient(app, client.session).post('/api/v1/portal/crisis-toolkit/opens')),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect((await alertsOf(client.patientId)).rows).toEqual([expect.objectContaining({ open_count: 5 })]);
    expect(await alertNotifications(client.patientId)).toBe(1);
  });
});

describe('the toolkit content', () => {
  it('shows the 988 Lifeline and default steps before any customisation, without counting a staff read as an open', async () => {
    const p = clients[3]!.patientId;
    const res = await as(app, therapist).get(`/api/v1/patients/${p}/crisis-toolkit`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customised: false, contacts: [], updatedAt: null });
    expect(res.body.crisisLines).toEqual([expect.objectContaining({ phone: '988', text: '988' })]);
    expect(res.body.copingSteps.length).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM po_crisis_toolkit_opens WHERE patient_id = $1', [p])).toBe(0);
  });

  it('keeps the 988 Lifeline whatever the therapist sends: an empty toolkit still has it, and a crisisLines field is refused', async () => {
    const p = clients[3]!.patientId;
    const empty = await as(app, therapist).put(`/api/v1/patients/${p}/crisis-toolkit`).send({ copingSteps: [], contacts: [] });
    expect(empty.status).toBe(200);
    expect(empty.body.crisisLines).toEqual([expect.objectContaining({ phone: '988' })]);
    const tamper = await as(app, therapist)
      .put(`/api/v1/patients/${p}/crisis-toolkit`)
      .send({ copingSteps: [], contacts: [], crisisLines: [] });
    expectProblem(tamper, 400);
    const opened = await asClient(app, clients[3]!.session).post('/api/v1/portal/crisis-toolkit/opens');
    expect(opened.body.crisisLines[0].phone).toBe('988');
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const p = clients[4]!.patientId;
    const cases: [unknown, string][] = [
      [{ copingSteps: 'breathe', contacts: [] }, 'copingSteps'],
      [{ copingSteps: [42], contacts: [] }, 'copingSteps'],
      [{ copingSteps: ['x'.repeat(501)], contacts: [] }, 'copingSteps'],
      [{ copingSteps: Array.from({ length: 21 }, () => 'step'), contacts: [] }, 'copingSteps'],
      [{ copingSteps: [], contacts: [{ name: 'Sam', phone: 'call me' }] }, 'contacts.0.phone'],
      [{ copingSteps: [], contacts: [{ phone: '5551234' }] }, 'contacts.0.name'],
      [{ copingSteps: [], contacts: 'Sam' }, 'contacts'],
    ];
    for (const [body, field] of cases) {
      const res = await as(app, therapist)
        .put(`/api/v1/patients/${p}/crisis-toolkit`)
        .send(body as object);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count('SELECT count(*) AS n FROM po_crisis_toolkits WHERE patient_id = $1', [p])).toBe(0);
  });

  it("answers 404 for another therapist's client, a patient of another organization and an unknown alert, and writes nothing", async () => {
    const p = clients[4]!.patientId;
    const body = { copingSteps: ['x'], contacts: [] };
    expectProblem(await as(app, otherTherapist).put(`/api/v1/patients/${p}/crisis-toolkit`).send(body), 404);
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${p}/crisis-toolkit/usage`), 404);
    const [otherOrgPatient] = await demo.activePatients('sonoran', 1, { withoutPortalAccount: true }); // no demo toolkit of its own
    expectProblem(await as(app, admin).put(`/api/v1/patients/${otherOrgPatient}/crisis-toolkit`).send(body), 404);
    expectProblem(await as(app, therapist).post(`/api/v1/patients/${p}/crisis-alerts/${randomUUID()}/acknowledge`), 404);
    expectProblem(await as(app, therapist).get('/api/v1/patients/not-an-id/crisis-toolkit'), 404);
    expect(await count('SELECT count(*) AS n FROM po_crisis_toolkits WHERE patient_id = ANY($1)', [[p, otherOrgPatient]])).toBe(0);
  });

  it('keeps the audiences apart: a staff token cannot open a client toolkit, a portal token cannot customise one', async () => {
    expectProblem(await as(app, therapist).post('/api/v1/portal/crisis-toolkit/opens'), 401);
    const client = clients[4]!;
    const res = await asClient(app, client.session)
      .put(`/api/v1/patients/${client.patientId}/crisis-toolkit`)
      .send({ copingSteps: [], contacts: [] });
    expectProblem(res, 401);
  });
});
