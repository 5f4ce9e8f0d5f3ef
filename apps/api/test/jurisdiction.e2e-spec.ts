import type { INestApplication } from '@nestjs/common';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
let sonoran: StaffSession;
let cascade: StaffSession;

beforeAll(async () => {
  // This file changes a site's jurisdiction between requests: no cached profile may hide the change.
  app = await bootApi({ REFERENCE_DATA_CACHE_TTL_MS: '0' });
  sonoran = await login(app, 'billing@sonoran.cairn.test');
  cascade = await login(app, 'admin@cascade.cairn.test');
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('GET /api/v1/jurisdiction/profile (GetJurisdictionProfileQuery)', () => {
  it('gives an Arizona organization the AHCCCS profile: midpoint units, group minimum, group codes and modifiers', async () => {
    const res = await as(app, sonoran).get('/api/v1/jurisdiction/profile');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      jurisdiction: 'AZ',
      selectedBy: 'organization',
      profile: {
        key: 'us-az-ahcccs',
        stateCode: 'AZ',
        timedUnitRule: 'midpoint',
        timedUnitMinutes: 15,
        groupMinimumMinutes: 30,
        groupCodes: {
          psychotherapy_group: { code: '90853' },
          multi_family_group: { code: '90849' },
          sud_group_counseling: { system: 'HCPCS', code: 'H0005', modifiers: ['HF'] },
        },
      },
    });
    expect(res.body.profile.requiredModifiers).toContainEqual(expect.objectContaining({ modifier: 'HQ', when: 'group_setting' }));
  });

  it('falls back to the CMS default for a state without a profile (Oregon)', async () => {
    const res = await as(app, cascade).get('/api/v1/jurisdiction/profile');
    expect(res.body).toMatchObject({
      jurisdiction: 'OR',
      selectedBy: 'default',
      profile: { key: 'cms-default', isDefault: true, timedUnitRule: 'cms_8_minute' },
    });
    expect(res.body.profile.requiredModifiers).toContainEqual(expect.objectContaining({ modifier: '95', when: 'telehealth_video' }));
  });

  it("prefers a site's own jurisdiction over its organization's", async () => {
    const [site] = await demo.sites('cascade');
    await demo.owner.query(`UPDATE pf_sites SET jurisdiction = 'AZ' WHERE id = $1`, [site!.id]);
    try {
      const res = await as(app, cascade).get(`/api/v1/jurisdiction/profile?siteId=${site!.id}`);
      expect(res.body).toMatchObject({ jurisdiction: 'AZ', selectedBy: 'site', profile: { key: 'us-az-ahcccs' } });
    } finally {
      await demo.owner.query('UPDATE pf_sites SET jurisdiction = NULL WHERE id = $1', [site!.id]);
    }
  });

  it('answers a state asked for by code', async () => {
    expect((await as(app, cascade).get('/api/v1/jurisdiction/profile?stateCode=AZ')).body).toMatchObject({
      selectedBy: 'state',
      profile: { key: 'us-az-ahcccs' },
    });
  });

  it('answers 404 for a site of another organization and 400 for malformed filters', async () => {
    const [cascadeSite] = await demo.sites('cascade');
    expectProblem(await as(app, sonoran).get(`/api/v1/jurisdiction/profile?siteId=${cascadeSite!.id}`), 404);
    const bad = await as(app, sonoran).get('/api/v1/jurisdiction/profile?siteId=12&stateCode=arizona');
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['siteId', 'stateCode']);
  });

  it('documents the profile, its group-code map and the permission in OpenAPI', async () => {
    const doc = (await as(app, sonoran).get('/api/docs-json')).body;
    expect(doc.paths['/api/v1/jurisdiction/profile'].get['x-permission']).toBe('jurisdiction.view');
    expect(doc.components.schemas.GroupCodeMappingDto.properties).toHaveProperty('modifiers');
    expect(doc.paths['/api/v1/code-library/codes'].get['x-permission']).toBe('code-library.view');
  });

  it('refuses HR (no jurisdiction.view) with 403', async () => {
    expectProblem(await as(app, await login(app, 'hr@sonoran.cairn.test')).get('/api/v1/jurisdiction/profile'), 403);
  });
});
