import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let sonoran: string;
let cascade: string;
let hr: StaffSession;
let clinician: StaffSession;
let consultant: StaffSession;
let consultantId: string;
let cascadeSupervisorId: string;

const URL = '/api/v1/staff-directory';

interface Entry {
  id: string;
  displayName: string;
  roles: string[];
}

beforeAll(async () => {
  app = await bootApi();
  [sonoran, cascade] = await Promise.all([demo.orgId('sonoran'), demo.orgId('cascade')]);
  [hr, clinician, consultant] = await Promise.all([
    login(app, 'hr@sonoran.cairn.test'),
    login(app, 'clinician.phoenix@sonoran.cairn.test'),
    login(app, 'consultant@cairn.test'),
  ]);
  [consultantId, cascadeSupervisorId] = await Promise.all([
    demo.userId('consultant@cairn.test'),
    demo.userId('supervisor@cascade.cairn.test'),
  ]);
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

/** Every entry of an organization's directory as a caller sees it (all pages). */
async function wholeDirectory(session: StaffSession, organizationId?: string): Promise<{ items: Entry[]; total: number }> {
  const items: Entry[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const res = await as(app, session, organizationId).get(`${URL}?page=${page}&pageSize=10`);
    expect(res.status).toBe(200);
    total = res.body.total;
    items.push(...(res.body.items as Entry[]));
    if (items.length >= total || res.body.items.length === 0) break;
  }
  return { items, total };
}

describe('GET /api/v1/staff-directory', () => {
  it("lists the organization's staff with names and roles, no email, ordered by name, paginated", async () => {
    const { rows } = await demo.owner.query<{ id: string; display_name: string; roles: string[] }>(
      `SELECT u.id, u.display_name, array_agg(DISTINCT b.role_key ORDER BY b.role_key) AS roles
       FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id
       WHERE b.organization_id = $1 AND b.revoked_at IS NULL GROUP BY u.id, u.display_name`,
      [sonoran],
    );
    const { items, total } = await wholeDirectory(hr);
    expect(total).toBe(rows.length);
    expect(items).toHaveLength(rows.length);
    expect(new Map(items.map((e) => [e.id, e]))).toEqual(
      new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.display_name, roles: r.roles }])),
    );
    expect(items.find((e) => e.displayName === 'Hannah Reyes')).toMatchObject({ roles: ['hr'] });
    for (const e of items) expect(Object.keys(e).sort()).toEqual(['displayName', 'id', 'roles']);
    expect(JSON.stringify(items)).not.toContain('@');
    const names = items.map((e) => e.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const first = await as(app, hr).get(`${URL}?pageSize=3`);
    expect(first.body).toMatchObject({ page: 1, pageSize: 3, total: rows.length });
    expect(first.body.items).toHaveLength(3);
    const past = await as(app, hr).get(`${URL}?page=999&pageSize=10`);
    expect(past.body).toEqual({ items: [], page: 999, pageSize: 10, total: rows.length });
  });

  it('filters by ids, leaving out ids that are not staff of the organization', async () => {
    const hrId = await demo.userId('hr@sonoran.cairn.test');
    const unknown = randomUUID();
    const res = await as(app, clinician).get(`${URL}?ids=${hrId},${consultantId},${cascadeSupervisorId},${unknown}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items).toEqual([
      { id: consultantId, displayName: 'Dr. June Albright, PsyD', roles: ['clinician'] },
      { id: hrId, displayName: 'Hannah Reyes', roles: ['hr'] },
    ]);
  });

  it('accepts 200 ids and refuses 201, naming ids', async () => {
    const ids = Array.from({ length: 201 }, () => randomUUID());
    const ok = await as(app, hr).get(`${URL}?ids=${ids.slice(0, 200).join(',')}`);
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBe(0);
    const tooMany = await as(app, hr).get(`${URL}?ids=${ids.join(',')}`);
    expectProblem(tooMany, 400);
    expect(tooMany.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'ids' })]));
  });

  it('filters by part of the name, case-insensitively, with LIKE wildcards taken literally', async () => {
    const res = await as(app, hr).get(`${URL}?q=${encodeURIComponent('lcsw')}`);
    expect(res.status).toBe(200);
    const names: string[] = res.body.items.map((e: Entry) => e.displayName);
    expect(names).toEqual(expect.arrayContaining(['Dev Patel, LCSW', 'Lucía Moreno, LCSW']));
    expect(names).not.toContain('Aaron Feld, LCSW'); // Cascade's
    for (const name of names) expect(name.toLowerCase()).toContain('lcsw');
    const { rows } = await demo.owner.query<{ n: number }>(
      `SELECT count(DISTINCT u.id)::int AS n FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id
       WHERE b.organization_id = $1 AND b.revoked_at IS NULL AND u.display_name ILIKE '%lcsw%'`,
      [sonoran],
    );
    expect(res.body.total).toBe(rows[0]!.n);
    const wildcard = await as(app, hr).get(`${URL}?q=${encodeURIComponent('%')}`);
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.total).toBe(0);
  });

  it("never shows another organization's staff: the consultant appears in each organization only when acting there", async () => {
    const [asSonoran, asCascade] = await Promise.all([wholeDirectory(consultant, sonoran), wholeDirectory(consultant, cascade)]);
    const sonoranNames = asSonoran.items.map((e) => e.displayName);
    const cascadeNames = asCascade.items.map((e) => e.displayName);
    expect(sonoranNames).toContain('Dr. June Albright, PsyD');
    expect(cascadeNames).toContain('Dr. June Albright, PsyD');
    expect(sonoranNames).toContain('Hannah Reyes');
    expect(sonoranNames).not.toContain('Priya Nair');
    expect(cascadeNames).toContain('Priya Nair');
    expect(cascadeNames).not.toContain('Hannah Reyes');
    const { rows } = await demo.owner.query<{ id: string }>(
      `SELECT DISTINCT staff_user_id AS id FROM pf_role_bindings WHERE organization_id = $1`,
      [cascade],
    );
    const cascadeOnly = new Set(rows.map((r) => r.id));
    cascadeOnly.delete(consultantId);
    expect(asSonoran.items.filter((e) => cascadeOnly.has(e.id))).toEqual([]);

    // A Sonoran-only user asking for a Cascade id by name gets nothing.
    const byId = await as(app, hr).get(`${URL}?ids=${cascadeSupervisorId}`);
    expect(byId.body).toMatchObject({ items: [], total: 0 });
    // Naming the other organization in the header is refused before any read.
    const foreign = await as(app, hr, cascade).get(URL);
    expect(foreign.status).toBe(403);
  });

  it('leaves out staff whose binding in the organization is revoked', async () => {
    const id = randomUUID();
    await demo.owner.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, 'Revoked Rowan', 'x')`, [
      id,
      `revoked-${id}@sonoran.cairn.test`,
    ]);
    await demo.owner.query(
      `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, revoked_at) VALUES ($1, $2, $3, 'clinician', now())`,
      [sonoran, randomUUID(), id],
    );
    const res = await as(app, hr).get(`${URL}?ids=${id}`);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  it.each([
    ['ids=not-a-uuid', 'ids'],
    [`ids=${randomUUID()},nope`, 'ids'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['pageSize=201', 'pageSize'],
    ['colour=teal', 'colour'],
  ])('answers 400 problem+json naming the field for %s', async (query, field) => {
    const res = await as(app, hr).get(`${URL}?${query}`);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers 401 without a token', async () => {
    const res = await request(app.getHttpServer()).get(URL);
    expectProblem(res, 401);
  });
});
