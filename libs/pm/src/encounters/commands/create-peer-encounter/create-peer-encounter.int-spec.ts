import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { ClsService } from 'nestjs-cls';
import { Pool } from 'pg';

import { ConfigModule, loadConfig } from '@cairn/platform/config';
import { DbModule, TenantContext } from '@cairn/platform/db';
import { InvalidInputError } from '@cairn/platform/kernel';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import { CreatePeerEncounterCommand, CreatePeerEncounterInput, PeerEncounterCreated } from '@cairn/platform/scheduling';
import { RequestContextService, TenancyModule } from '@cairn/platform/tenancy';

import { PmContractHandlersModule } from '../../../pm.module';

/**
 * CreatePeerEncounterCommand as CL's finalize sends it: in a staff context (the peer specialist, their sites),
 * against the real database as the app role. The finalize route itself is tested in apps/api/test.
 */
let ctx: INestApplicationContext;
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
let org: string;
let sites: string[];
let peer: string;

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
  org = (await owner.query<{ id: string }>(`SELECT id FROM pf_organizations WHERE slug = 'sonoran'`)).rows[0]!.id;
  sites = (await owner.query<{ id: string }>(`SELECT id FROM pf_sites WHERE organization_id = $1 ORDER BY code`, [org])).rows.map(
    (r) => r.id,
  );
  peer = (await owner.query<{ id: string }>(`SELECT id FROM pf_staff_users WHERE email = 'peer@sonoran.cairn.test'`)).rows[0]!.id;
});
afterAll(async () => {
  await ctx.close();
  await owner.end();
});

const staff = (siteIds: string[] | 'all'): TenantContext => ({ organizationId: org, userId: peer, siteIds, patientScope: 'assigned' });
const send = (tenant: TenantContext, input: CreatePeerEncounterInput) =>
  ctx.get(ClsService).run(async () => {
    ctx.get(RequestContextService).setTenant(tenant);
    return ctx.get(CommandBus).execute<CreatePeerEncounterCommand, PeerEncounterCreated>(new CreatePeerEncounterCommand(input));
  });
const input = (over: Partial<CreatePeerEncounterInput> = {}): CreatePeerEncounterInput => ({
  peerEncounterId: randomUUID(),
  patientId: randomUUID(),
  chartId: randomUUID(),
  siteId: sites[0]!,
  serviceDate: '2026-03-10',
  renderingProviderId: peer,
  durationMinutes: 53,
  ...over,
});

describe('CreatePeerEncounterCommand', () => {
  it('creates one peer encounter, and returns the same one without writing when sent again', async () => {
    const i = input();
    const first = await send(staff('all'), i);
    expect(first).toEqual({ encounterId: expect.any(String), created: true });
    expect(await send(staff('all'), i)).toEqual({ encounterId: first.encounterId, created: false });
    const { rows } = await owner.query(
      'SELECT encounter_type, source_type, duration_minutes, attendance_status FROM pm_encounters WHERE source_id = $1',
      [i.peerEncounterId],
    );
    expect(rows).toEqual([{ encounter_type: 'peer', source_type: 'peer_encounter', duration_minutes: 53, attendance_status: null }]);
  });

  it('refuses malformed input naming the fields, writing nothing', async () => {
    const i = input({ siteId: 'nope', durationMinutes: 0 });
    const error = await send(staff('all'), i).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors?.map((e) => e.field)).toEqual(['siteId', 'durationMinutes']);
    expect((await owner.query('SELECT 1 FROM pm_encounters WHERE source_id = $1', [i.peerEncounterId])).rowCount).toBe(0);
  });

  it("cannot write at a site outside the caller's (row-level security)", async () => {
    const i = input({ siteId: sites[1]! });
    await expect(send(staff([sites[0]!]), i)).rejects.toThrow(/row-level security/);
  });
});
