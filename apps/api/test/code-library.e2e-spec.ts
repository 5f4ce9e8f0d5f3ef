import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
let billing: StaffSession;
let cascade: StaffSession;

beforeAll(async () => {
  app = await bootApi();
  billing = await login(app, 'billing@sonoran.cairn.test');
  cascade = await login(app, 'admin@cascade.cairn.test');
});
afterAll(() => app.close());

const codesOf = (body: { items: { code: string }[] }) => body.items.map((c) => c.code);

describe('GET /api/v1/code-library/codes', () => {
  it('holds every code and modifier the seeds bill with, each with our own description and unit basis', async () => {
    const res = await as(app, billing).get('/api/v1/code-library/codes?pageSize=200');
    expect(res.status).toBe(200);
    const codes = codesOf(res.body);
    for (const c of [
      '90791',
      '90792',
      '90832',
      '90834',
      '90837',
      '90846',
      '90847',
      '90849',
      '90853',
      'H0004',
      'H0005',
      'H0038',
      'H2017',
      'H2019',
      'HQ',
      'HF',
      'HE',
      'HK',
      '95',
      'GT',
    ]) {
      expect(codes).toContain(c);
    }
    const h0038 = res.body.items.find((c: { code: string }) => c.code === 'H0038');
    expect(h0038).toMatchObject({ system: 'HCPCS', unitBasis: 'per_15_minutes', effectiveTo: null, source: 'national' });
    const hq = res.body.items.find((c: { code: string }) => c.code === 'HQ');
    expect(hq).toMatchObject({ system: 'MODIFIER', unitBasis: null });
    expect(res.body.items.find((c: { code: string }) => c.code === '90834')).toMatchObject({
      unitBasis: 'per_session',
      minimumMinutes: 38,
      maximumMinutes: 52,
    });
  });

  it('filters by system and code prefix, and by words of the description', async () => {
    const res = await as(app, billing).get('/api/v1/code-library/codes?system=HCPCS&q=h00');
    expect(codesOf(res.body).sort()).toEqual(['H0004', 'H0005', 'H0038']);
    const words = await as(app, billing).get('/api/v1/code-library/codes?q=peer%20support');
    expect(codesOf(words.body)).toEqual(['H0038']);
  });

  it('pages with a total and filters to the versions in effect on a day', async () => {
    const p1 = await as(app, billing).get('/api/v1/code-library/codes?system=CPT&pageSize=4&page=1');
    const p2 = await as(app, billing).get('/api/v1/code-library/codes?system=CPT&pageSize=4&page=2');
    expect(p1.body).toMatchObject({ page: 1, pageSize: 4, total: 10 });
    expect(codesOf(p1.body).filter((c) => codesOf(p2.body).includes(c))).toEqual([]);
    expect(codesOf((await as(app, billing).get('/api/v1/code-library/codes?q=9080&on=2012-06-01')).body)).toEqual(['90806']);
    expect(codesOf((await as(app, billing).get('/api/v1/code-library/codes?q=9080&on=2026-06-01')).body)).toEqual([]);
  });

  it("shows an organization its own codes and never another organization's", async () => {
    const sonoran = await as(app, billing).get('/api/v1/code-library/codes?q=T1016');
    expect(sonoran.body.items).toEqual([expect.objectContaining({ code: 'T1016', source: 'organization' })]);
    const other = await as(app, cascade).get('/api/v1/code-library/codes?q=T1016');
    expect(other.body).toMatchObject({ items: [], total: 0 });
  });

  it('rejects bad filters with 400 naming each field', async () => {
    const res = await as(app, billing).get('/api/v1/code-library/codes?system=ICD&on=yesterday&pageSize=0');
    expectProblem(res, 400);
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['on', 'pageSize', 'system']);
  });

  it('refuses a role without code-library.view (HR) with 403', async () => {
    expectProblem(await as(app, await login(app, 'hr@sonoran.cairn.test')).get('/api/v1/code-library/codes'), 403);
  });
});

describe('GET /api/v1/code-library/codes/:code/validity (ValidateCodeQuery)', () => {
  it('accepts a current code on a date of service', async () => {
    const res = await as(app, billing).get('/api/v1/code-library/codes/H0038/validity?on=2026-03-02');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, code: { code: 'H0038', system: 'HCPCS' } });
  });

  it('explains why a code is not valid: ended, unknown, of another system', async () => {
    expect((await as(app, billing).get('/api/v1/code-library/codes/90806/validity?on=2026-03-02')).body).toMatchObject({
      valid: false,
      reason: 'ended',
      message: '90806 ended on 2012-12-31',
    });
    expect((await as(app, billing).get('/api/v1/code-library/codes/99999/validity?on=2026-03-02')).body).toMatchObject({
      valid: false,
      reason: 'unknown_code',
    });
    expect((await as(app, billing).get('/api/v1/code-library/codes/HQ/validity?on=2026-03-02&system=CPT')).body).toMatchObject({
      valid: false,
      reason: 'wrong_system',
    });
  });

  it("validates an organization's own code for that organization only, from its first day", async () => {
    expect((await as(app, billing).get('/api/v1/code-library/codes/t1016/validity?on=2025-01-01')).body).toMatchObject({
      valid: true,
      code: { source: 'organization' },
    });
    expect((await as(app, billing).get('/api/v1/code-library/codes/T1016/validity?on=2024-12-31')).body).toMatchObject({
      valid: false,
      reason: 'not_yet_effective',
    });
    expect((await as(app, cascade).get('/api/v1/code-library/codes/T1016/validity?on=2025-06-01')).body).toMatchObject({
      valid: false,
      reason: 'unknown_code',
    });
  });

  it('rejects a missing or impossible date and a malformed code with 400 naming the field', async () => {
    const noDate = await as(app, billing).get('/api/v1/code-library/codes/H0038/validity');
    expectProblem(noDate, 400);
    expect(noDate.body.errors.map((e: { field: string }) => e.field)).toContain('on');
    const badDate = await as(app, billing).get('/api/v1/code-library/codes/H0038/validity?on=2026-02-30');
    expectProblem(badDate, 400);
    const badCode = await as(app, billing).get('/api/v1/code-library/codes/H-0038!/validity?on=2026-02-03');
    expectProblem(badCode, 400);
    expect(badCode.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });
});
