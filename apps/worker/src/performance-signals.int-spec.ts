import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { ClsService } from 'nestjs-cls';
import { Pool } from 'pg';

import { ClPerformanceSignalsModule } from '@cairn/cl';
import { PerformanceSignalsRouterModule } from '@cairn/platform/audit';
import { ConfigModule, loadConfig } from '@cairn/platform/config';
import { DbModule, TenantContext } from '@cairn/platform/db';
import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';
import { systemContext } from '@cairn/platform/messaging';
import { GetPerformanceSignalsQuery, SignalBucket, SignalSourceKey } from '@cairn/platform/performance-signals';
import { RequestContextService, TenancyModule } from '@cairn/platform/tenancy';
import { PmPerformanceSignalsModule } from '@cairn/pm';
import { PortalEngagementSignalsModule } from '@cairn/portal';

/**
 * The performance signal sources through GetPerformanceSignalsQuery and its router, against real PostgreSQL as the
 * app role: in the worker's system context for one organization and in a staff request's context. Two fresh
 * organizations (America/Phoenix, no DST) with hand-placed rows; every expected value below is counted by hand
 * from the fixture.
 */
let app: INestApplicationContext;
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });

const D = '2026-03-10'; // a Tuesday (ISO weekday 2)
const local = (day: string, hhmm: string) => `${day}T${hhmm}:00-07:00`;

interface Org {
  id: string;
  site: string;
  clinician: string;
  peer: string;
  frontDesk: string;
  patient: string;
}

async function organization(slug: string): Promise<Org> {
  const o: Org = {
    id: randomUUID(),
    site: randomUUID(),
    clinician: randomUUID(),
    peer: randomUUID(),
    frontDesk: randomUUID(),
    patient: randomUUID(),
  };
  await owner.query(`INSERT INTO pf_organizations (id, name, slug, timezone) VALUES ($1, $2, $2, 'America/Phoenix')`, [o.id, slug]);
  await owner.query(
    `INSERT INTO pf_sites (organization_id, id, code, name, timezone) VALUES ($1, $2, 'S1', 'Site one', 'America/Phoenix')`,
    [o.id, o.site],
  );
  for (const [user, role] of [
    [o.clinician, 'clinician'],
    [o.peer, 'peer_specialist'],
    [o.frontDesk, 'front_desk'],
  ] as const) {
    await owner.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, $3, 'x')`, [
      user,
      `${role}.${slug}@signals.test`,
      `${role} ${slug}`,
    ]);
    await owner.query(
      `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, created_at) VALUES ($1, $2, $3, $4, true, '2026-01-01T00:00:00Z')`,
      [o.id, randomUUID(), user, role],
    );
  }
  // A clinician whose binding was revoked before the fixture's days: not a provider of the site any more.
  const former = randomUUID();
  await owner.query(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, 'former', 'x')`, [
    former,
    `former.${slug}@signals.test`,
  ]);
  await owner.query(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, created_at, revoked_at)
     VALUES ($1, $2, $3, 'clinician', true, '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')`,
    [o.id, randomUUID(), former],
  );
  await owner.query(
    `INSERT INTO pm_service_types (organization_id, code, name, category) VALUES ($1, '90834', 'Psychotherapy 45', 'Individual Therapy')`,
    [o.id],
  );
  await owner.query(
    `INSERT INTO pm_site_working_hours (organization_id, site_id, weekday, opens_at, closes_at) VALUES ($1, $2, 2, '09:00', '17:00')`,
    [o.id, o.site],
  );
  await owner.query(
    `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'Pat', 'Signal', '1980-01-01')`,
    [o.id, o.patient, o.site],
  );
  return o;
}

async function appointment(
  o: Org,
  a: { provider?: string; start: string; end: string; status: string; cancelledBy?: string; cancelledAt?: string; createdAt?: string },
) {
  await owner.query(
    `INSERT INTO pm_appointments (organization_id, id, site_id, provider_id, patient_id, service_type, start_at, end_at, status, cancelled_by, cancelled_at, created_at)
     VALUES ($1, $2, $3, $4, $5, '90834', $6, $7, $8, $9, $10, $11)`,
    [
      o.id,
      randomUUID(),
      o.site,
      a.provider ?? o.clinician,
      o.patient,
      a.start,
      a.end,
      a.status,
      a.cancelledBy ?? null,
      a.cancelledAt ?? null,
      a.createdAt ?? local('2026-03-05', '08:00'),
    ],
  );
}

async function note(o: Org, n: { sessionEnd: string; createdAt: string; signedAt?: string }) {
  const end = new Date(n.sessionEnd);
  await owner.query(
    `INSERT INTO cl_progress_notes (organization_id, id, site_id, patient_id, author_id, session_start, session_end, status, body, signed_at, signed_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'note', $9, $10, $11)`,
    [
      o.id,
      randomUUID(),
      o.site,
      o.patient,
      o.clinician,
      new Date(end.getTime() - 3_600_000),
      end,
      n.signedAt ? 'signed' : 'draft',
      n.signedAt ?? null,
      n.signedAt ? o.clinician : null,
      n.createdAt,
    ],
  );
}

let a: Org;
let b: Org;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })),
      DbModule,
      CqrsModule.forRoot(),
      TenancyModule,
      PerformanceSignalsRouterModule,
      PmPerformanceSignalsModule,
      ClPerformanceSignalsModule,
      PortalEngagementSignalsModule,
    ],
  }).compile();
  app = await moduleRef.init();
  const suffix = randomUUID().slice(0, 8);
  a = await organization(`signals-a-${suffix}`);
  b = await organization(`signals-b-${suffix}`);

  // Organization A, site S1 open Tuesdays 09:00-17:00 (480 minutes), clinician and peer specialist both providers there.
  await appointment(a, { start: local(D, '09:00'), end: local(D, '10:00'), status: 'completed' });
  await appointment(a, { start: local(D, '10:00'), end: local(D, '11:00'), status: 'no_show' });
  await appointment(a, {
    start: local(D, '11:00'),
    end: local(D, '12:00'),
    status: 'cancelled',
    cancelledBy: 'patient',
    cancelledAt: local('2026-03-09', '10:00'),
  });
  // Booked after that cancellation into its slot: a backfill.
  await appointment(a, { start: local(D, '11:00'), end: local(D, '11:45'), status: 'scheduled', createdAt: local('2026-03-09', '12:00') });
  // Late-cancelled, never rebooked.
  await appointment(a, {
    start: local(D, '13:00'),
    end: local(D, '14:00'),
    status: 'late_cancelled',
    cancelledBy: 'patient',
    cancelledAt: local(D, '08:00'),
  });
  // Runs past closing: 30 of its 60 minutes are inside the working hours.
  await appointment(a, { start: local(D, '16:30'), end: local(D, '17:30'), status: 'checked_in' });
  // Wednesday: the site is closed (no working hours), the appointment still counts.
  await appointment(a, { start: local('2026-03-11', '10:00'), end: local('2026-03-11', '11:00'), status: 'scheduled' });
  // Organization B: the same day, the same kind of rows.
  await appointment(b, { start: local(D, '09:00'), end: local(D, '10:00'), status: 'no_show' });
  await note(b, { sessionEnd: local(D, '10:00'), createdAt: local(D, '10:05') });

  // Notes of A's clinician.
  await note(a, { sessionEnd: local(D, '10:00'), createdAt: local(D, '10:05'), signedAt: local(D, '14:00') }); // lag 4 h
  await note(a, { sessionEnd: local('2026-03-07', '10:00'), createdAt: local('2026-03-07', '10:05'), signedAt: local(D, '10:00') }); // lag 72 h
  await note(a, { sessionEnd: local(D, '11:00'), createdAt: local(D, '11:05') }); // draft, not overdue on D
  await note(a, { sessionEnd: local('2026-03-06', '10:00'), createdAt: local('2026-03-06', '10:05') }); // draft, overdue
  await note(a, {
    sessionEnd: local('2026-03-09', '09:00'),
    createdAt: local('2026-03-09', '09:05'),
    signedAt: local('2026-03-12', '09:00'),
  }); // unsigned on D
});
afterAll(async () => {
  await app.close();
  await owner.end();
});

const staff = (o: Org, userId = o.frontDesk): TenantContext => ({ organizationId: o.id, userId, siteIds: 'all', patientScope: 'site' });
const ask = (tenant: TenantContext, q: GetPerformanceSignalsQuery) =>
  app.get(ClsService).run(async () => {
    app.get(RequestContextService).setTenant(tenant);
    return app.get(QueryBus).execute(q);
  });
const signals = (o: Org, source: SignalSourceKey, from: string, to: string, tenant = systemContext(o.id)) =>
  ask(tenant, new GetPerformanceSignalsQuery(o.id, source, from, to));
const pick = (buckets: SignalBucket[], metricKey: string) => buckets.filter((x) => x.metricKey === metricKey);

describe('pm.appointments signals', () => {
  it('counts the day by status, cancellations by who cancelled, no-shows, booked, available and gap minutes and backfills', async () => {
    const buckets = await signals(a, 'pm.appointments', D, D);
    const at = { siteId: a.site, providerId: a.clinician, day: D };
    expect(pick(buckets, 'appointments.scheduled')).toEqual([
      {
        metricKey: 'appointments.scheduled',
        ...at,
        value: 6,
        breakdown: { completed: 1, no_show: 1, cancelled: 1, scheduled: 1, late_cancelled: 1, checked_in: 1 },
      },
    ]);
    expect(pick(buckets, 'appointments.cancelled')).toEqual([
      { metricKey: 'appointments.cancelled', ...at, value: 1, breakdown: { patient: 1 } },
    ]);
    expect(pick(buckets, 'appointments.late-cancelled')).toEqual([
      { metricKey: 'appointments.late-cancelled', ...at, value: 1, breakdown: { patient: 1 } },
    ]);
    expect(pick(buckets, 'appointments.no-show')).toEqual([{ metricKey: 'appointments.no-show', ...at, value: 1 }]);
    // 60 completed + 60 no-show + 45 rebooked + 60 checked in; cancelled slots hold nothing.
    expect(pick(buckets, 'appointments.booked-minutes')).toEqual([{ metricKey: 'appointments.booked-minutes', ...at, value: 225 }]);
    const byProvider = (key: string) => Object.fromEntries(pick(buckets, key).map((x) => [x.providerId, x.value]));
    // Both providers of the site, 09:00-17:00; the front desk is not a provider, nor the clinician revoked on the 1st.
    expect(byProvider('appointments.available-minutes')).toEqual({ [a.clinician]: 480, [a.peer]: 480 });
    // 480 - (60 + 60 + 45 + 30 inside the hours) = 285 for the clinician; the peer specialist's day is all gap.
    expect(byProvider('appointments.gap-minutes')).toEqual({ [a.clinician]: 285, [a.peer]: 480 });
    expect(pick(buckets, 'appointments.backfilled')).toEqual([{ metricKey: 'appointments.backfilled', ...at, value: 1 }]);
  });

  it('reads only the asked days: a closed Wednesday has appointments but no available minutes', async () => {
    const wednesday = await signals(a, 'pm.appointments', '2026-03-11', '2026-03-11');
    expect(wednesday.map((x) => [x.metricKey, x.value])).toEqual([
      ['appointments.booked-minutes', 60],
      ['appointments.scheduled', 1],
    ]);
    // No appointment after the 11th: only the open Tuesdays' availability (17th, 24th, 31st), all of it a gap.
    const rest = await signals(a, 'pm.appointments', '2026-03-12', '2026-03-31');
    expect([...new Set(rest.map((x) => x.day))]).toEqual(['2026-03-17', '2026-03-24', '2026-03-31']);
    expect(new Set(rest.map((x) => `${x.metricKey}=${x.value}`))).toEqual(
      new Set(['appointments.available-minutes=480', 'appointments.gap-minutes=480']),
    );
    expect(rest).toHaveLength(12);
  });

  it("never puts another organization's rows in an organization's buckets", async () => {
    const ofA = await signals(a, 'pm.appointments', '2026-03-01', '2026-03-31');
    const ofB = await signals(b, 'pm.appointments', '2026-03-01', '2026-03-31');
    expect(ofA.every((x) => x.siteId === a.site && [a.clinician, a.peer].includes(x.providerId!))).toBe(true);
    expect(pick(ofB, 'appointments.no-show')).toEqual([
      { metricKey: 'appointments.no-show', siteId: b.site, providerId: b.clinician, day: D, value: 1 },
    ]);
    expect(pick(ofB, 'appointments.scheduled').map((x) => x.value)).toEqual([1]);
  });

  it('answers the same in a staff request of the organization as in the worker', async () => {
    expect(await signals(a, 'pm.appointments', D, D, staff(a))).toEqual(await signals(a, 'pm.appointments', D, D));
  });
});

describe('cl.documentation signals', () => {
  it('counts notes signed and their lag by signing day, and unsigned and overdue notes as of the last day', async () => {
    const buckets = await signals(a, 'cl.documentation', D, D);
    const at = { siteId: a.site, providerId: a.clinician, day: D };
    expect(buckets).toEqual(
      expect.arrayContaining([
        { metricKey: 'notes.signed', ...at, value: 2 },
        { metricKey: 'notes.lag-count', ...at, value: 2 },
        { metricKey: 'notes.lag-hours-sum', ...at, value: 76 },
        // The draft of the day, the old draft, and the note signed two days later.
        { metricKey: 'notes.unsigned', ...at, value: 3 },
        { metricKey: 'notes.overdue-48h', ...at, value: 1 },
      ]),
    );
    expect(buckets).toHaveLength(5);
    // As of the 12th the late note is signed: the two drafts remain, both overdue by then (ended before the 11th).
    const later = await signals(a, 'cl.documentation', '2026-03-12', '2026-03-12');
    expect(pick(later, 'notes.unsigned').map((x) => x.value)).toEqual([2]);
    expect(pick(later, 'notes.overdue-48h').map((x) => x.value)).toEqual([2]);
    expect(pick(later, 'notes.signed').map((x) => x.value)).toEqual([1]);
  });

  it("keeps organization B's draft out of A and in B", async () => {
    const ofB = await signals(b, 'cl.documentation', D, D);
    expect(ofB).toEqual([{ metricKey: 'notes.unsigned', siteId: b.site, providerId: b.clinician, day: D, value: 1 }]);
  });
});

describe('caseload, consents and supervision signals', () => {
  let c: Org;
  beforeAll(async () => {
    c = await organization(`signals-c-${randomUUID().slice(0, 8)}`);
    const second = randomUUID();
    await owner.query(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'Sam', 'Signal', '1985-01-01')`,
      [c.id, second, c.site],
    );
    // Care team: the first patient open since January, the second ended on the 5th (counted on its last day).
    await owner.query(
      `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on, ended_on)
       VALUES ($1, $2, $3, $4, 'primary_therapist', '2026-01-01', NULL), ($1, $5, $6, $4, 'primary_therapist', '2026-01-01', '2026-03-05')`,
      [c.id, randomUUID(), c.patient, c.clinician, randomUUID(), second],
    );
    const chart = randomUUID();
    await owner.query(`INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2) VALUES ($1, $2, $3, $4, true)`, [
      c.id,
      chart,
      c.patient,
      `SIG-${randomUUID().slice(0, 8)}`,
    ]);
    const consent = (expiresOn: string, revokedAt: string | null) =>
      owner.query(
        `INSERT INTO cl_part2_consents (organization_id, id, patient_id, chart_id, consent_type, disclosing_party, information_description,
           record_types, recipients, purposes, effective_on, expires_on, signed_by, signed_on, statements, revoked_at, revoked_by)
         VALUES ($1, $2, $3, $4, 'tpo', 'Site one', 'All SUD records', ARRAY['progress_note'], '[{"type":"organization"}]'::jsonb,
                 ARRAY['treatment'], '2026-01-01', $5, 'patient', '2026-01-01', ARRAY['s'], $6, $7)`,
        [c.id, randomUUID(), c.patient, chart, expiresOn, revokedAt, revokedAt ? c.clinician : null],
      );
    await consent('2026-03-25', null); // expires within 30 days of the 10th
    await consent('2026-05-01', null); // later
    await consent('2026-03-20', '2026-03-01T00:00:00Z'); // revoked before: not in effect
    // Supervision of the peer specialist: 60 min on the 2nd, 90 on the 10th; the organization requires 240 a month.
    for (const [day, minutes] of [
      ['2026-03-02', 60],
      ['2026-03-10', 90],
    ] as const) {
      await owner.query(
        `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'individual', $4)`,
        [c.id, randomUUID(), c.peer, c.clinician, day, minutes],
      );
    }
  });

  it('counts the care team on the last day of the range, an assignment ending that day included', async () => {
    expect(await signals(c, 'cl.caseload', D, D)).toEqual([
      { metricKey: 'caseload.active', siteId: null, providerId: c.clinician, day: D, value: 1 },
    ]);
    expect((await signals(c, 'cl.caseload', '2026-03-01', '2026-03-05')).map((x) => x.value)).toEqual([2]);
  });

  it('counts consents in effect that expire within 30 days, not the revoked or the later one', async () => {
    expect(await signals(c, 'cl.consents', D, D)).toEqual([
      { metricKey: 'consents.expiring-30d', siteId: null, providerId: null, day: D, value: 1 },
    ]);
    // As of 1 April only the consent expiring on 1 May is within the next 30 days.
    expect(await signals(c, 'cl.consents', '2026-04-01', '2026-04-01')).toEqual([
      { metricKey: 'consents.expiring-30d', siteId: null, providerId: null, day: '2026-04-01', value: 1 },
    ]);
  });

  it('sums supervision hours by day and peer, and reports peers short only once a requirement is recorded', async () => {
    const before = await signals(c, 'cl.supervision', '2026-03-01', D);
    expect(before).toEqual([
      { metricKey: 'supervision.hours', siteId: null, providerId: c.peer, day: '2026-03-02', value: 1 },
      { metricKey: 'supervision.hours', siteId: null, providerId: c.peer, day: D, value: 1.5 },
    ]);
    await owner.query(
      `INSERT INTO cl_peer_settings (organization_id, use_pf15, updated_by, monthly_supervision_minutes) VALUES ($1, true, $2, 240)`,
      [c.id, c.clinician],
    );
    const after = await signals(c, 'cl.supervision', D, D);
    // 150 of 240 minutes so far in March: one peer short.
    expect(pick(after, 'supervision.peers-short')).toEqual([
      {
        metricKey: 'supervision.peers-short',
        siteId: null,
        providerId: null,
        day: D,
        value: 1,
        breakdown: { requiredMinutes: 240, peers: 1 },
      },
    ]);
    await owner.query(
      `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, created_by)
       VALUES ($1, $2, $3, $4, '2026-03-09', 90, 'group', $4)`,
      [c.id, randomUUID(), c.peer, c.clinician],
    );
    expect(pick(await signals(c, 'cl.supervision', D, D), 'supervision.peers-short')).toEqual([]);
  });
});

describe('pm.charges signals', () => {
  it('counts charges by creation day with code and source breakdowns, sums amounts, and snapshots the on-hold ones', async () => {
    const o = await organization(`signals-d-${randomUUID().slice(0, 8)}`);
    const charge = (c: { code: string; status: 'ready' | 'on_hold'; amount: number | null; createdAt: string }) =>
      owner.query(
        `INSERT INTO pm_charges (organization_id, id, source_type, source_id, site_id, service_date, rendering_provider_id, duration_minutes,
           proposed_code, final_code, units, rate_cents, amount_cents, status, hold_reason, jurisdiction_profile_key, created_at)
         VALUES ($1, $2, 'peer_encounter', $3, $4, '2026-03-09', $5, 60, $6, $7, $8, $9, $9, $10, $11, 'cms', $12)`,
        [
          o.id,
          randomUUID(),
          randomUUID(),
          o.site,
          o.peer,
          c.code,
          c.status === 'ready' ? c.code : null,
          c.status === 'ready' ? 4 : 0,
          c.amount,
          c.status,
          c.status === 'on_hold' ? 'no_fee_schedule_entry' : null,
          c.createdAt,
        ],
      );
    await charge({ code: 'H0038', status: 'ready', amount: 4400, createdAt: local(D, '09:00') });
    await charge({ code: 'H0038', status: 'ready', amount: 4400, createdAt: local(D, '15:00') });
    await charge({ code: 'H2017', status: 'on_hold', amount: null, createdAt: local(D, '16:00') });
    await charge({ code: 'H2017', status: 'on_hold', amount: null, createdAt: local('2026-03-12', '10:00') }); // after D
    const at = { siteId: o.site, providerId: o.peer, day: D };
    expect(await signals(o, 'pm.charges', D, D)).toEqual(
      expect.arrayContaining([
        { metricKey: 'charges.created', ...at, value: 3, breakdown: { 'code:H0038': 2, 'code:H2017': 1, 'source:peer_encounter': 3 } },
        { metricKey: 'charges.amount-cents', ...at, value: 8800 },
        // Created by the end of the 10th and on hold: the later one is not yet.
        { metricKey: 'charges.on-hold', ...at, value: 1, breakdown: { no_fee_schedule_entry: 1 } },
      ]),
    );
    expect(await signals(o, 'pm.charges', D, D)).toHaveLength(3);
    expect(pick(await signals(o, 'pm.charges', '2026-03-12', '2026-03-12'), 'charges.on-hold').map((x) => x.value)).toEqual([2]);
  });
});

describe('the router and the rules every source applies', () => {
  it('refuses a range that ends before it starts, naming to, and an unknown source, naming source', async () => {
    const e1 = await signals(a, 'pm.appointments', '2026-03-10', '2026-03-01').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(InvalidInputError);
    expect((e1 as InvalidInputError).errors?.map((x) => x.field)).toEqual(['to']);
    const e2 = await signals(a, 'nope' as SignalSourceKey, D, D).catch((e: unknown) => e);
    expect((e2 as InvalidInputError).errors?.map((x) => x.field)).toEqual(['source']);
  });

  it("refuses another organization's signals in a context of one organization", async () => {
    await expect(ask(systemContext(a.id), new GetPerformanceSignalsQuery(b.id, 'pm.appointments', D, D))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(ask(staff(a), new GetPerformanceSignalsQuery(b.id, 'cl.documentation', D, D))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers every source (the catalogue has a handler behind each)', async () => {
    for (const source of ['pm.charges', 'cl.group-encounters', 'cl.peer', 'cl.caseload', 'cl.consents', 'cl.supervision'] as const) {
      expect(await signals(a, source, D, D)).toEqual([]);
    }
    expect(await signals(a, 'platform.audit', D, D)).toEqual([
      {
        metricKey: 'audit.chain-verified',
        siteId: null,
        providerId: null,
        day: D,
        value: 1,
        breakdown: { eventsChecked: expect.any(Number) },
      },
    ]);
  });
});

describe('portal.engagement signals', () => {
  const account = async (o: Org, activatedAt: string) => {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO po_accounts (organization_id, id, patient_id, email, status, invited_by, activated_at) VALUES ($1, $2, $3, $4, 'active', $5, $6)`,
      [o.id, id, o.patient, `client.${id}@signals.test`, o.clinician, activatedAt],
    );
    return id;
  };
  const mood = (o: Org, createdAt: string, day: string) =>
    owner.query(
      `INSERT INTO po_mood_entries (organization_id, id, patient_id, entry_date, score, symptoms, created_at) VALUES ($1, $2, $3, $4, 6, '{}', $5)`,
      [o.id, randomUUID(), o.patient, day, createdAt],
    );

  it("counts client actions by feature and day, daily and weekly active clients and adoption, in the organization's calendar, never another organization's", async () => {
    const accountA = await account(a, local('2026-03-01', '09:00'));
    await account(b, local('2026-03-01', '09:00'));
    await mood(a, local(D, '23:30'), D); // 06:30 UTC the next day: still D in Phoenix
    await mood(a, local('2026-03-11', '09:00'), '2026-03-11'); // after the range
    await owner.query(`INSERT INTO po_crisis_toolkit_opens (organization_id, id, patient_id, opened_at) VALUES ($1, $2, $3, $4)`, [
      a.id,
      randomUUID(),
      a.patient,
      local(D, '12:00'),
    ]);
    // A sign-in two days before: active that day, but no feature's use.
    await owner.query(
      `INSERT INTO po_refresh_tokens (organization_id, id, account_id, patient_id, family_id, token_hash, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7::timestamptz + interval '30 days')`,
      [a.id, randomUUID(), accountA, a.patient, randomUUID(), randomUUID(), local('2026-03-08', '08:00')],
    );
    await mood(b, local(D, '10:00'), D);

    const got = await signals(a, 'portal.engagement', '2026-03-08', D);
    const none = { siteId: null, providerId: null };
    expect(pick(got, 'engagement.portal-activity')).toEqual([
      { metricKey: 'engagement.portal-activity', ...none, day: D, value: 2, breakdown: { mood: 1, 'crisis-toolkit': 1 } },
    ]);
    expect(pick(got, 'engagement.active-clients')).toEqual([
      { metricKey: 'engagement.active-clients', ...none, day: '2026-03-08', value: 1 },
      { metricKey: 'engagement.active-clients', ...none, day: D, value: 1 },
    ]);
    expect(pick(got, 'engagement.active-clients-7d')).toEqual([{ metricKey: 'engagement.active-clients-7d', ...none, day: D, value: 1 }]);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cl_patients WHERE organization_id = $1 AND status = 'active'`,
      [a.id],
    );
    const patients = rows[0]!.n;
    expect(pick(got, 'engagement.portal-adoption')).toEqual([
      {
        metricKey: 'engagement.portal-adoption',
        ...none,
        day: D,
        value: Math.round((1 / patients) * 10_000) / 10_000,
        breakdown: { accounts: 1, activePatients: patients },
      },
    ]);
    // The same in a staff request of the organization; B's own figures hold only B's client.
    expect(await signals(a, 'portal.engagement', '2026-03-08', D, staff(a))).toEqual(got);
    expect(pick(await signals(b, 'portal.engagement', D, D), 'engagement.portal-activity')).toEqual([
      { metricKey: 'engagement.portal-activity', ...none, day: D, value: 1, breakdown: { mood: 1 } },
    ]);
    // Before the account was activated there is no adoption to report.
    expect(pick(await signals(a, 'portal.engagement', '2026-02-20', '2026-02-27'), 'engagement.portal-adoption')).toEqual([]);
    await expect(ask(systemContext(a.id), new GetPerformanceSignalsQuery(b.id, 'portal.engagement', D, D))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
