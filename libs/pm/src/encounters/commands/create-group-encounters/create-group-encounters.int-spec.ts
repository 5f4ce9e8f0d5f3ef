import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { ClsService } from 'nestjs-cls';
import { Pool } from 'pg';

import { ConfigModule, loadConfig } from '@cairn/platform/config';
import { DbModule, TenantContext } from '@cairn/platform/db';
import { GetJurisdictionProfileQuery } from '@cairn/platform/jurisdiction';
import { InvalidInputError } from '@cairn/platform/kernel';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import {
  CreateGroupEncountersCommand,
  CreateGroupEncountersInput,
  GroupEncountersCreated,
  ListPatientEncountersQuery,
} from '@cairn/platform/scheduling';
import { RequestContextService, TenancyModule } from '@cairn/platform/tenancy';

import { PmContractHandlersModule } from '../../../pm.module';

/**
 * CreateGroupEncountersCommand as CL's encounter generation sends it from the worker: in the system context
 * (organization, no user), against the real database as the app role.
 */
let ctx: INestApplicationContext;
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
let sonoran: { org: string; site: string; otherSite: string; clinician: string };
let cascadeOrg: string;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })),
      DbModule,
      CqrsModule.forRoot(),
      TenancyModule,
      ReferenceDataModule,
      PmContractHandlersModule,
    ],
  }).compile();
  ctx = await moduleRef.init();
  const q = async (sql: string) => (await owner.query<Record<string, string>>(sql)).rows;
  const [org] = await q(`SELECT id FROM pf_organizations WHERE slug = 'sonoran'`);
  const sites = await q(`SELECT id FROM pf_sites WHERE organization_id = '${org!['id']}' ORDER BY code`);
  const [clin] = await q(`SELECT id FROM pf_staff_users WHERE email = 'clinician@sonoran.cairn.test'`);
  const [cascade] = await q(`SELECT id FROM pf_organizations WHERE slug = 'cascade'`);
  sonoran = { org: org!['id']!, site: sites[0]!['id']!, otherSite: sites[1]!['id']!, clinician: clin!['id']! };
  cascadeOrg = cascade!['id']!;
});
afterAll(async () => {
  await ctx.close();
  await owner.end();
});

const system = (organizationId: string): TenantContext => ({ organizationId, userId: '', siteIds: 'all', patientScope: 'system' });

function as<T>(tenant: TenantContext, fn: () => Promise<T>): Promise<T> {
  return ctx.get(ClsService).run(async () => {
    ctx.get(RequestContextService).setTenant(tenant);
    return fn();
  });
}
const send = (tenant: TenantContext, input: CreateGroupEncountersInput) =>
  as(tenant, () =>
    ctx.get(CommandBus).execute<CreateGroupEncountersCommand, GroupEncountersCreated>(new CreateGroupEncountersCommand(input)),
  );

function session(attendees: number): CreateGroupEncountersInput {
  return {
    groupSessionId: randomUUID(),
    siteId: sonoran.site,
    serviceDate: '2025-06-03',
    renderingProviderId: sonoran.clinician,
    attendees: Array.from({ length: attendees }, (_, i) => ({
      patientId: randomUUID(),
      chartId: randomUUID(),
      attendanceStatus: i === 0 ? 'partial' : 'present',
      minutesAttended: i === 0 ? 40 : 90,
    })),
  };
}

async function encounterRows(sessionId: string) {
  return (
    await owner.query(
      `SELECT patient_id, encounter_type, attendance_status, duration_minutes, site_id FROM pm_encounters WHERE source_id = $1 ORDER BY patient_id`,
      [sessionId],
    )
  ).rows;
}

describe('CreateGroupEncountersCommand in the system context', () => {
  it('creates one group encounter per present or partial attendee, with their minutes and attendance', async () => {
    const input = session(3);
    const result = await send(system(sonoran.org), input);
    expect(result.encounters.map((e) => [e.patientId, e.created])).toEqual(input.attendees.map((a) => [a.patientId, true]));
    const rows = await encounterRows(input.groupSessionId);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.encounter_type === 'group' && r.site_id === sonoran.site)).toBe(true);
    expect(rows.map((r) => `${r.attendance_status}:${r.duration_minutes}`).sort()).toEqual(['partial:40', 'present:90', 'present:90']);
  });

  it('changes nothing when sent again, returning the same encounter ids, and adds only a newly listed attendee', async () => {
    const input = session(2);
    const first = await send(system(sonoran.org), input);
    const again = await send(system(sonoran.org), input);
    expect(again.encounters).toEqual(first.encounters.map((e) => ({ ...e, created: false })));
    const grown = {
      ...input,
      attendees: [
        ...input.attendees,
        { patientId: randomUUID(), chartId: randomUUID(), attendanceStatus: 'present' as const, minutesAttended: 60 },
      ],
    };
    const third = await send(system(sonoran.org), grown);
    expect(third.encounters.map((e) => e.created)).toEqual([false, false, true]);
    expect(await encounterRows(input.groupSessionId)).toHaveLength(3);
  });

  it('yields one encounter per attendee when the same session is sent concurrently', async () => {
    const input = session(5);
    const results = await Promise.allSettled([
      send(system(sonoran.org), input),
      send(system(sonoran.org), input),
      send(system(sonoran.org), input),
    ]);
    // A concurrent duplicate waits on the unique index and then skips the row; none may fail or double a row.
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await encounterRows(input.groupSessionId)).toHaveLength(5);
  });

  it('refuses an absent attendee and malformed input with the field, writing nothing', async () => {
    const input = session(2);
    input.attendees[1] = { ...input.attendees[1]!, attendanceStatus: 'absent' as 'present' };
    const error = await send(system(sonoran.org), input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors?.map((e) => e.field)).toEqual(['attendees[1].attendanceStatus']);
    expect(await encounterRows(input.groupSessionId)).toHaveLength(0);
  });

  it("lists a patient's encounters for staff at the site, and never another organization's", async () => {
    const input = session(1);
    await send(system(sonoran.org), input);
    const patientId = input.attendees[0]!.patientId;
    const list = (tenant: TenantContext) =>
      as(tenant, () => ctx.get(QueryBus).execute(new ListPatientEncountersQuery({ patientId, page: 1, pageSize: 10 })));
    const staff: TenantContext = {
      organizationId: sonoran.org,
      userId: sonoran.clinician,
      siteIds: [sonoran.site],
      patientScope: 'assigned',
    };
    expect(await list(staff)).toMatchObject({
      total: 1,
      items: [
        { patientId, encounterType: 'group', sourceType: 'group_session', sourceId: input.groupSessionId, serviceDate: '2025-06-03' },
      ],
    });
    expect(await list({ ...staff, siteIds: [sonoran.otherSite] })).toMatchObject({ total: 0, items: [] });
    expect(await list(system(cascadeOrg))).toMatchObject({ total: 0 });
  });

  it("resolves the session site's jurisdiction profile in the system context (consumers propose codes with it)", async () => {
    const resolved = await as(system(sonoran.org), () =>
      ctx.get(QueryBus).execute(new GetJurisdictionProfileQuery({ siteId: sonoran.site })),
    );
    expect(resolved).toMatchObject({ profile: { key: 'us-az-ahcccs' } });
  });
});
