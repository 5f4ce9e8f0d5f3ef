import type { INestApplicationContext } from '@nestjs/common';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { ClsService } from 'nestjs-cls';
import { Pool } from 'pg';

import { ValidateCodeQuery } from '@cairn/platform/code-library';
import { ConfigModule, loadConfig } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { GetJurisdictionProfileQuery, proposeGroupCode, timedUnits } from '@cairn/platform/jurisdiction';
import { RequestContextService, TenancyModule } from '@cairn/platform/tenancy';

import { ReferenceDataModule } from './reference-data.module';

/**
 * The PF-70 and PF-96 queries sent on the bus by code outside an HTTP request, as a worker processor (the group
 * encounter generation) will: with no tenant context (national data only) and with one set by hand.
 */
let ctx: INestApplicationContext;
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
let sonoran: { organizationId: string; userId: string };

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })),
      DbModule,
      CqrsModule.forRoot(),
      TenancyModule,
      ReferenceDataModule,
    ],
  }).compile();
  ctx = await moduleRef.init();
  const { rows } = await owner.query<{ organization_id: string; staff_user_id: string }>(
    `SELECT b.organization_id, b.staff_user_id FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id WHERE u.email = 'billing@sonoran.cairn.test'`,
  );
  sonoran = { organizationId: rows[0]!.organization_id, userId: rows[0]!.staff_user_id };
});
afterAll(async () => {
  await ctx.close();
  await owner.end();
});

const inStore = <T>(fn: () => Promise<T>) => ctx.get(ClsService).run(fn);

describe('reference-data queries on the bus, outside a request', () => {
  it("answers a state's profile with no tenant context, usable with the pure unit and group-code rules", async () => {
    const { profile, selectedBy } = await inStore(() => ctx.get(QueryBus).execute(new GetJurisdictionProfileQuery({ stateCode: 'AZ' })));
    expect(selectedBy).toBe('state');
    expect(timedUnits(profile.timedUnitRule, 23, profile.timedUnitMinutes)).toBe(2);
    expect(proposeGroupCode(profile, 'sud_group_counseling')).toEqual({ system: 'HCPCS', code: 'H0005', modifiers: ['HF', 'HQ'] });
    const fallback = await inStore(() => ctx.get(QueryBus).execute(new GetJurisdictionProfileQuery({ stateCode: 'WA' })));
    expect(fallback).toMatchObject({ jurisdiction: 'WA', selectedBy: 'default', profile: { key: 'cms-default' } });
  });

  it('validates national codes with no tenant context, and sees organization codes only under one', async () => {
    const bus = () => ctx.get(QueryBus);
    expect(await inStore(() => bus().execute(new ValidateCodeQuery('H2017', '2026-02-01')))).toMatchObject({ valid: true });
    expect(await inStore(() => bus().execute(new ValidateCodeQuery('T1016', '2026-02-01')))).toMatchObject({
      valid: false,
      reason: 'unknown_code',
    });
    const underSonoran = await inStore(async () => {
      ctx.get(RequestContextService).setTenant({ ...sonoran, siteIds: 'all', patientScope: 'none' });
      return bus().execute(new ValidateCodeQuery('T1016', '2026-02-01', 'HCPCS'));
    });
    expect(underSonoran).toMatchObject({ valid: true, code: { source: 'organization' } });
  });

  it("needs a tenant context to resolve the organization's own jurisdiction", async () => {
    await expect(inStore(() => ctx.get(QueryBus).execute(new GetJurisdictionProfileQuery()))).rejects.toThrow(/No tenant context/);
    const resolved = await inStore(async () => {
      ctx.get(RequestContextService).setTenant({ ...sonoran, siteIds: 'all', patientScope: 'none' });
      return ctx.get(QueryBus).execute(new GetJurisdictionProfileQuery());
    });
    expect(resolved).toMatchObject({ jurisdiction: 'AZ', selectedBy: 'organization', profile: { key: 'us-az-ahcccs' } });
  });
});
