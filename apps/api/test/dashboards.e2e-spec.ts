import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DashboardStore } from './support/dashboard-store';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 16, the views (b16-core): each §13.6 acceptance criterion this side owns is a describe named after it.
 * The value store is the views' only input, so the tests set it (DashboardStore) and assert the answers.
 */
let app: INestApplication;
const demo = new DemoFixture();
const store = new DashboardStore(demo.owner);
let org: string;
let today: string;
let sites: { id: string; code: string; name: string }[];
const sessions: Record<string, StaffSession> = {};
const ids: Record<string, string> = {};
const EMAILS = {
  admin: 'admin@sonoran.cairn.test',
  manager: 'manager@sonoran.cairn.test',
  owner: 'owner@sonoran.cairn.test',
  hr: 'hr@sonoran.cairn.test',
  billing: 'billing@sonoran.cairn.test',
  frontdesk: 'frontdesk@sonoran.cairn.test',
  coordinator: 'coordinator@sonoran.cairn.test',
  clinician: 'clinician@sonoran.cairn.test',
  clinician2: 'clinician.tucson@sonoran.cairn.test',
  peer: 'peer@sonoran.cairn.test',
  supervisor: 'supervisor@sonoran.cairn.test',
} as const;
type Who = keyof typeof EMAILS;

const site = (code: string) => sites.find((s) => s.code === code)!.id;
const get = (who: Who, url: string, query: Record<string, string> = {}) => as(app, sessions[who]!, org).get(url).query(query);
const tile = (body: any, key: string) => (body.tiles as any[]).find((t) => t.metricKey === key);

beforeAll(async () => {
  app = await bootApi();
  org = await demo.orgId('sonoran');
  sites = await demo.sites('sonoran');
  today = await store.today(org);
  for (const [who, email] of Object.entries(EMAILS)) {
    sessions[who] = await login(app, email);
    ids[who] = await demo.userId(email);
  }
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

async function seedToday(): Promise<void> {
  await store.clear(org);
  const now = new Date();
  await store.put(org, 'pm.appointments', [
    {
      signal: 'appointments.scheduled',
      day: today,
      siteId: site('TUC'),
      providerId: ids['clinician'],
      value: 6,
      breakdown: { scheduled: 4, completed: 2 },
    },
    {
      signal: 'appointments.scheduled',
      day: today,
      siteId: site('TUC'),
      providerId: ids['clinician2'],
      value: 5,
      breakdown: { scheduled: 5 },
    },
    { signal: 'appointments.scheduled', day: today, siteId: site('PHX'), providerId: ids['peer'], value: 7, breakdown: { scheduled: 7 } },
    { signal: 'appointments.no-show', day: today, siteId: site('TUC'), providerId: ids['clinician2'], value: 4 },
    { signal: 'appointments.no-show', day: today, siteId: site('PHX'), providerId: ids['peer'], value: 3 },
    { signal: 'appointments.booked-minutes', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 300 },
    { signal: 'appointments.available-minutes', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 480 },
  ]);
  await store.put(org, 'cl.documentation', [
    { signal: 'notes.unsigned', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 2 },
    { signal: 'notes.unsigned', day: today, siteId: site('TUC'), providerId: ids['clinician2'], value: 9 },
  ]);
  await store.put(org, 'pm.charges', [
    { signal: 'charges.amount-cents', day: today, siteId: site('TUC'), providerId: ids['clinician'], value: 125_00 },
  ]);
  for (const source of ['pm.appointments', 'cl.documentation', 'pm.charges'])
    await store.status(org, source, { status: 'ok', lastSuccessAt: now });
}

describe('All authenticated staff roles receive the Dashboard View bound to their role, with metrics filtered to their permission scope', () => {
  beforeAll(seedToday);

  it.each([
    ['manager', 'manager'],
    ['owner', 'manager'],
    ['admin', 'manager'],
    ['hr', 'manager'],
    ['billing', 'treatment-coordinator'],
    ['frontdesk', 'front-of-house'],
    ['coordinator', 'front-of-house'],
    ['clinician', 'practitioner'],
    ['peer', 'practitioner'],
    ['supervisor', 'practitioner'],
  ] as const)('%s lands on the %s view', async (who, viewKey) => {
    const res = await get(who, '/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    expect(res.body.view.key).toBe(viewKey);
    expect(res.body.tiles.length).toBeGreaterThan(0);
  });

  it("a clinician receives only their own figures, never another provider's, and no financial metric", async () => {
    const res = await get('clinician', '/api/v1/dashboards/me');
    expect(res.status).toBe(200);
    expect(tile(res.body, 'appointments.today')).toMatchObject({ value: 6, scope: 'own' });
    expect(tile(res.body, 'notes.unsigned')).toMatchObject({ value: 2, scope: 'own' });
    expect((res.body.tiles as any[]).map((t) => t.metricKey).filter((k: string) => k.startsWith('charges.'))).toEqual([]);
  });

  it('the manager sees every site and provider', async () => {
    const res = await get('manager', '/api/v1/dashboards/me');
    expect(tile(res.body, 'appointments.today')).toMatchObject({ value: 18, scope: 'scoped', breakdown: { scheduled: 16, completed: 2 } });
    expect(tile(res.body, 'notes.unsigned').value).toBe(11);
    expect(tile(res.body, 'charges.amount').value).toBe(12500);
  });
});
