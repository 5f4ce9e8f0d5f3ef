import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login } from './support/staff-api';

/**
 * What X-Site-Id and X-Organization-Id may name, and where a refusal is recorded: a site outside the caller's
 * organization (or made up) is refused, not answered with an empty 2xx; an attempt on an organization the caller
 * has no binding in is in that organization's audit log as well as in the organization-less one.
 */
let app: INestApplication;
const demo = new DemoFixture();

beforeAll(async () => {
  app = await bootApi();
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

async function deniedRows(res: request.Response) {
  return demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [res.headers['x-request-id']]);
}

describe('X-Site-Id', () => {
  const withSite = (t: request.Test, siteId: string) => t.set('X-Site-Id', siteId);

  it("narrows a list to one of the organization's sites the caller is bound at (control)", async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test');
    const [tucson] = await demo.sites('sonoran');
    const res = await withSite(as(app, admin).get('/api/v1/patients?pageSize=1'), tucson!.id);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
  });

  it.each([
    ['a site of another organization', async () => (await demo.sites('cascade'))[0]!.id],
    ['a UUID that names no site', async () => randomUUID()],
  ])('refuses %s with 403 on a permission-checked route, audited in the organization', async (_what, site) => {
    const admin = await login(app, 'admin@sonoran.cairn.test'); // bound at every site of sonoran
    const siteId = await site();
    const res = await withSite(as(app, admin).get('/api/v1/patients'), siteId);
    expectProblem(res, 403);
    const rows = await deniedRows(res);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organization_id: await demo.orgId('sonoran'),
      outcome: 'denied',
      scope: expect.objectContaining({ siteId }),
    });
    expect(rows[0]!['reason']).toContain('X-Site-Id names no site');
  });

  it('refuses a foreign site on an authenticated-only route (GET /me) with 403', async () => {
    const admin = await login(app, 'admin@sonoran.cairn.test');
    const cascadeSite = (await demo.sites('cascade'))[0]!.id;
    const res = await withSite(as(app, admin).get('/api/v1/me'), cascadeSite);
    expectProblem(res, 403);
    expect(await deniedRows(res)).toHaveLength(1);
    expect((await as(app, admin).get('/api/v1/me')).status).toBe(200);
  });

  it('refuses a site of the organization at which a site-bound caller has no binding', async () => {
    const frontDesk = await login(app, 'frontdesk@sonoran.cairn.test'); // Tucson only
    const { siteIds } = await demo.bindingSites('frontdesk@sonoran.cairn.test', 'sonoran');
    const elsewhere = (await demo.sites('sonoran')).find((s) => !siteIds.includes(s.id))!;
    expectProblem(await withSite(as(app, frontDesk).get('/api/v1/patients'), elsewhere.id), 403);
    expectProblem(await withSite(as(app, frontDesk).get('/api/v1/me'), elsewhere.id), 403);
    expect((await withSite(as(app, frontDesk).get('/api/v1/patients?pageSize=1'), siteIds[0]!)).status).toBe(200);
  });

  it('asks a member of several organizations which one a site belongs to (400), instead of ignoring the site', async () => {
    const { rows } = await demo.owner.query<{ email: string }>(
      `SELECT u.email FROM pf_staff_users u JOIN pf_role_bindings b ON b.staff_user_id = u.id
       GROUP BY u.email HAVING count(DISTINCT b.organization_id) > 1 LIMIT 1`,
    );
    const s = await login(app, rows[0]!.email);
    const res = await withSite(as(app, s).get('/api/v1/me'), (await demo.sites('sonoran'))[0]!.id);
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('header.X-Organization-Id');
  });
});

describe('a denied attempt on an organization the caller does not belong to', () => {
  it("is recorded in that organization's chain, where its auditors see it, and in the organization-less chain", async () => {
    const outsider = await login(app, 'admin@cascade.cairn.test');
    const outsiderId = await demo.userId('admin@cascade.cairn.test');
    const sonoran = await demo.orgId('sonoran');
    const res = await as(app, outsider, sonoran).get('/api/v1/patients');
    expectProblem(res, 403);

    const rows = await deniedRows(res);
    expect(rows.map((r) => r['organization_id']).sort()).toEqual([null, sonoran].sort());
    for (const row of rows) {
      expect(row).toMatchObject({
        actor_user_id: outsiderId,
        outcome: 'denied',
        resource_id: 'GET /api/v1/patients',
        scope: expect.objectContaining({ organizationId: sonoran }),
      });
    }

    const manager = await login(app, 'manager@sonoran.cairn.test'); // audit.view in sonoran
    const listed = await as(app, manager).get(`/api/v1/audit-events?action=access.denied&actorUserId=${outsiderId}&pageSize=500`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: { requestId: string }) => e.requestId)).toContain(res.headers['x-request-id']);

    const admin = await login(app, 'admin@sonoran.cairn.test');
    expect((await as(app, admin).get('/api/v1/audit-events/verify')).body).toMatchObject({ chainKey: sonoran, intact: true });
  });

  it('is recorded once, in the organization-less chain, when the id names no organization, with the same 403', async () => {
    const outsider = await login(app, 'admin@cascade.cairn.test');
    const unknown = randomUUID();
    const res = await as(app, outsider, unknown).get('/api/v1/patients');
    expectProblem(res, 403);
    const rows = await deniedRows(res);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organization_id: null, scope: expect.objectContaining({ organizationId: unknown }) });
    const chains = await demo.owner.query(
      'SELECT 1 FROM pf_audit_chain_heads WHERE chain_key = $1 UNION ALL SELECT 1 FROM pf_audit_events WHERE chain_key = $1',
      [unknown],
    );
    expect(chains.rows).toEqual([]);
  });

  it("stays in the organization's own chain only when the caller is a member", async () => {
    const hr = await login(app, 'hr@sonoran.cairn.test');
    const res = await as(app, hr).get('/api/v1/patients');
    expectProblem(res, 403);
    expect((await deniedRows(res)).map((r) => r['organization_id'])).toEqual([await demo.orgId('sonoran')]);
  });
});
