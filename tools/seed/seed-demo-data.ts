import { Algorithm, hash } from '@node-rs/argon2';
import { Client } from 'pg';

import {
  DEMO_ORG_LIST,
  DEMO_ORGANIZATION_CODES,
  DEMO_PASSWORD,
  DemoOrg,
  DemoStaff,
  demoStaffForScale,
  ROLE_KEYS,
  SEED_SCALES,
  SeedScale,
} from './demo-catalogue';
import { DEMO_CONSENT_STATEMENTS, generateConsents } from './demo-consents';
import { DEMO_FEE_SCHEDULE } from './demo-fee-schedule';
import { DEMO_GROUP_EVENT_TYPE, DemoGroupSession, generateGroups, generateGroupSessions } from './demo-groups';
import { DemoPatientRecord, generatePatients, PATIENTS_PER_ORG } from './demo-patients';
import { DEMO_PEER_EVENT_TYPE, generatePeerEncounters } from './demo-peer-encounters';
import { insertPortalDemo } from './demo-portal';
import { insertPortalChangeAndBilling } from './demo-portal-billing';
import { generatePortalCare, PORTAL_CARE_TABLES } from './demo-portal-care';
import { insertPortalEngagement } from './demo-portal-engagement';
import { insertPortalNotifications } from './demo-portal-notifications';
import { insertPortalSessions } from './demo-portal-sessions';
import { insertSessions } from './demo-sessions';
import { generateSupervision } from './demo-supervision';
import { insertTodaySchedule, insertWorkingHoursAndRequirements } from './demo-today';
import { demoShift, stableUuid } from './deterministic';
import { isCalendarDate } from './seed-args';

export type { SeedScale } from './demo-catalogue';
export { DEMO_PORTAL_CLIENTS } from './demo-portal';
export { PATIENTS_PER_ORG } from './demo-patients';

/**
 * The day tests anchor the demo on: its history is then 2024-01-01 to 2025-12-31, the dates the API and seed specs
 * were written against (and today's schedule is 2026-01-01's). Tests that rely on the demo's dates pass it.
 */
export const DEMO_TEST_TODAY = '2026-01-01';

export interface SeedOptions {
  /** A connection as the owner role: it bypasses RLS, which a seed spanning organizations needs. */
  ownerUrl: string;
  scale: SeedScale;
  /** Varies the synthetic patients only; organizations, sites and staff are the same for every seed. */
  seed?: number;
  /**
   * The day the demo is anchored on (YYYY-MM-DD; default: the real date, UTC): the generated appointments and notes
   * cover the two years up to it, plus its schedule and the next week's (demo-today.ts). An input, so a seed and a
   * date always give the same rows: tests pin it (tools/testing/global-setup.ts pins DEMO_TEST_TODAY).
   */
  today?: string;
  onProgress?: (message: string) => void;
}

export interface SeedTableCounts {
  organizations: number;
  sites: number;
  staffUsers: number;
  roleBindings: number;
  patients: number;
  charts: number;
  careTeamAssignments: number;
  organizationCodes: number;
  part2Consents: number;
  serviceTypes: number;
  appointments: number;
  progressNotes: number;
  groups: number;
  groupSessions: number;
  groupAttendance: number;
  /** `cl_group_session_documented.v1` outbox rows of the documented demo sessions. */
  groupSessionEvents: number;
  feeScheduleEntries: number;
  /** CL-19 peer supervision records of the demo peer specialists. */
  peerSupervision: number;
  peerEncounters: number;
  /** `peer_encounter_finalized.v1` outbox rows of the finalized demo peer encounters. */
  peerEncounterEvents: number;
  /** Portal goals, homework, resources, crisis toolkits, opens, alerts and their notifications (demo-portal-care.ts). */
  portalCareRows: number;
}

export interface SeedSummary {
  scale: SeedScale;
  seed: number;
  /** Rows this run added (all zero when the same scale and seed ran before). */
  inserted: SeedTableCounts;
  /** Rows in the database afterwards. */
  totals: SeedTableCounts & { part2Charts: number };
  elapsedMs: number;
}

/** Patients per transaction: large inserts 10 batches per organization. */
const BATCH = 1000;

/** The API's own argon2id parameters (libs/platform/access password-hasher), so logins verify the same way. */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const zeroCounts = (): SeedTableCounts => ({
  organizations: 0,
  sites: 0,
  staffUsers: 0,
  roleBindings: 0,
  patients: 0,
  charts: 0,
  careTeamAssignments: 0,
  organizationCodes: 0,
  part2Consents: 0,
  serviceTypes: 0,
  appointments: 0,
  progressNotes: 0,
  groups: 0,
  groupSessions: 0,
  groupAttendance: 0,
  groupSessionEvents: 0,
  feeScheduleEntries: 0,
  peerSupervision: 0,
  peerEncounters: 0,
  peerEncounterEvents: 0,
  portalCareRows: 0,
});

/**
 * Loads deterministic synthetic demo data as the owner role. Idempotent: every row has an id derived from
 * stable names and is inserted with ON CONFLICT DO NOTHING, so a second run with the same seed adds nothing;
 * another seed adds a different set of patients to the same organizations, sites and staff.
 */
export async function seedDemoData(opts: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const seed = opts.seed ?? 1;
  if (!SEED_SCALES.includes(opts.scale)) throw new RangeError(`unknown scale "${String(opts.scale)}": use ${SEED_SCALES.join(', ')}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647)
    throw new RangeError(`seed must be a whole number from 0 to 2147483647 (got ${seed})`);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD (got ${today})`);
  const progress = opts.onProgress ?? (() => undefined);
  // The fixed-date records (groups, peer encounters, supervision, portal care) keep their distance from today.
  const shift = demoShift(today);
  const staff = demoStaffForScale(opts.scale);
  const inserted = zeroCounts();

  const client = new Client({ connectionString: opts.ownerUrl, application_name: 'cairn-seed' });
  await client.connect();
  try {
    await assertMigrated(client);
    // Hashed once per run and shared: argon2id is deliberately slow.
    const passwordHash = await hash(DEMO_PASSWORD, ARGON2);
    await inTransaction(client, () => insertCatalogue(client, staff, passwordHash, inserted));
    progress(`${DEMO_ORG_LIST.length} organizations, ${staff.length} staff and their role bindings ready`);
    await inTransaction(client, async () => {
      inserted.feeScheduleEntries += await insertFeeSchedule(client);
      inserted.peerSupervision += await insertSupervision(client, shift.months);
    });

    const perOrg = PATIENTS_PER_ORG[opts.scale];
    for (const org of DEMO_ORG_LIST) {
      for (let from = 0; from < perOrg; from += BATCH) {
        const to = Math.min(perOrg, from + BATCH);
        const records = generatePatients({ org, staff, scale: opts.scale, seed, from, to });
        await inTransaction(client, async () => {
          await insertPatients(client, org, records, inserted);
          await insertConsents(client, org, records, inserted);
        });
        if (perOrg > BATCH) progress(`${org.name}: ${to} / ${perOrg} patients`);
      }
      progress(`${org.name}: ${perOrg} patients (seed ${seed}) ready`);
    }
    // Appointments and notes are generated inside PostgreSQL (INSERT ... SELECT generate_series), in batches.
    for (const org of DEMO_ORG_LIST) {
      const added = await insertSessions(client, org, opts.scale, seed, today, (work) => inTransaction(client, work), progress);
      inserted.serviceTypes += added.serviceTypes;
      inserted.appointments += added.appointments;
      inserted.progressNotes += added.progressNotes;
      progress(`${org.name}: appointments and progress notes (seed ${seed}) ready`);
    }
    // The demo's present: today's schedule and the next week's, and the working hours utilisation is measured against.
    for (const org of DEMO_ORG_LIST) {
      await inTransaction(client, async () => {
        await insertWorkingHoursAndRequirements(client, org);
        const added = await insertTodaySchedule(client, org, opts.scale, seed, today);
        inserted.appointments += added.appointments;
        inserted.progressNotes += added.notes;
      });
      progress(`${org.name}: the schedule of ${today} and the next seven days ready`);
    }
    // Groups and their sessions draw attendees from the seed's first patients (at most one batch).
    for (const org of DEMO_ORG_LIST) {
      const patients = generatePatients({ org, staff, scale: opts.scale, seed, from: 0, to: Math.min(perOrg, BATCH) });
      await inTransaction(client, () => insertGroups(client, org, staff, opts.scale, patients, inserted, shift.days));
      progress(`${org.name}: therapy groups and group sessions ready`);
      await inTransaction(client, () => insertPeerEncounters(client, org, staff, patients, inserted, shift.days));
      progress(`${org.name}: peer encounters ready`);
    }
    // Client portal accounts and their history (tools/seed/demo-portal.ts), on the seeded patients.
    await inTransaction(client, async () => {
      const portal = await insertPortalDemo(client, passwordHash);
      progress(
        `client portal: ${portal['po_accounts']} accounts, ${portal['po_mood_entries']} mood entries, ${portal['po_journal_entries']} journal entries ready`,
      );
    });
    // Last: the portal's care features for the demo patients who have an active portal account by now.
    await inTransaction(client, async () => {
      inserted.portalCareRows += await insertPortalCare(client, shift.days);
      inserted.portalCareRows += await insertPortalEngagement(client, today);
    });
    progress('portal goals, homework, resources and crisis toolkits ready');
    await inTransaction(client, () => insertPortalChangeAndBilling(client, today)); // change requests, insurance cards, payment methods
    await inTransaction(client, async () =>
      progress(`portal session loop: ${await insertPortalSessions(client, today)} reviews, summaries, preps and notifications added`),
    );
    await inTransaction(client, async () =>
      progress(`client notifications: ${await insertPortalNotifications(client, today)} for the demo records above`),
    );
    return { scale: opts.scale, seed, inserted, totals: await countRows(client), elapsedMs: Date.now() - started };
  } finally {
    await client.end();
  }
}

async function inTransaction(client: Client, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Fails with a clear message on a database the migrations have not reached (no tables, or no roles). */
async function assertMigrated(client: Client): Promise<void> {
  const tables = [
    'pf_organizations',
    'pf_sites',
    'pf_staff_users',
    'pf_roles',
    'pf_role_bindings',
    'cl_patients',
    'cl_charts',
    'cl_care_team_assignments',
    'cl_mrn_counters',
    'pf_organization_codes',
    'cl_part2_consents',
    'pm_service_types',
    'pm_appointments',
    'cl_progress_notes',
    'cl_groups',
    'cl_group_sessions',
    'cl_group_attendance',
    'pf_outbox_events',
    'pm_fee_schedule_entries',
    'cl_peer_encounters',
    'cl_peer_encounter_addenda',
    'pm_encounters',
    'cl_peer_supervision',
  ];
  const { rows } = await client.query<{ missing: string[] }>(
    `SELECT coalesce(array_agg(t ORDER BY t), '{}') AS missing FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`,
    [tables],
  );
  const missing = rows[0]!.missing;
  if (missing.length > 0) {
    throw new Error(`Cannot seed: the database lacks ${missing.join(', ')}. Apply the migrations first (npm run db:migrate).`);
  }
  const roles = await client.query<{ key: string }>('SELECT key FROM pf_roles WHERE key = ANY($1::text[])', [ROLE_KEYS]);
  const absent = ROLE_KEYS.filter((k) => !roles.rows.some((r) => r.key === k));
  if (absent.length > 0) {
    throw new Error(`Cannot seed: pf_roles lacks ${absent.join(', ')}. Apply the migrations first (npm run db:migrate).`);
  }
}

async function insertCatalogue(
  client: Client,
  staff: readonly DemoStaff[],
  passwordHash: string,
  inserted: SeedTableCounts,
): Promise<void> {
  const orgs = DEMO_ORG_LIST;
  const sites = orgs.flatMap((o) => o.sites);
  inserted.organizations += await insertRows(
    client,
    'pf_organizations',
    { id: 'uuid', name: 'text', slug: 'text', timezone: 'text', jurisdiction: 'text' },
    orgs.map((o) => [o.id, o.name, o.slug, o.timezone, o.jurisdiction]),
  );
  // Databases seeded before organizations had a jurisdiction get it now; a jurisdiction set since is kept.
  await client.query(
    `UPDATE pf_organizations o SET jurisdiction = d.jurisdiction FROM unnest($1::uuid[], $2::text[]) AS d(id, jurisdiction)
      WHERE o.id = d.id AND o.jurisdiction IS NULL`,
    [orgs.map((o) => o.id), orgs.map((o) => o.jurisdiction)],
  );
  inserted.sites += await insertRows(
    client,
    'pf_sites',
    { organization_id: 'uuid', id: 'uuid', code: 'text', name: 'text', timezone: 'text' },
    sites.map((s) => [s.organizationId, s.id, s.code, s.name, s.timezone]),
  );
  inserted.staffUsers += await insertRows(
    client,
    'pf_staff_users',
    { id: 'uuid', email: 'text', display_name: 'text', password_hash: 'text' },
    staff.map((p) => [p.id, p.email, p.displayName, passwordHash]),
  );
  await assertCatalogueIds(client, staff);

  const bindings = staff.flatMap((p) =>
    p.bindings.map((b) => {
      const org = orgs.find((o) => o.slug === b.org)!;
      const siteIds = (b.sites ?? []).map((code) => org.sites.find((s) => s.code === code)!.id);
      return [org.id, bindingId(org, p, b.role), p.id, b.role, siteIds.length === 0, `{${siteIds.join(',')}}`];
    }),
  );
  // site_ids is uuid[]: passed as array literals, since unnest would flatten an array of arrays.
  inserted.roleBindings += await insertRows(
    client,
    'pf_role_bindings',
    { organization_id: 'uuid', id: 'uuid', staff_user_id: 'uuid', role_key: 'text', all_sites: 'bool', site_ids: 'text' },
    bindings,
    { site_ids: 'uuid[]' },
  );
  inserted.organizationCodes += await insertRows(
    client,
    'pf_organization_codes',
    {
      organization_id: 'uuid',
      id: 'uuid',
      system: 'text',
      code: 'text',
      effective_from: 'date',
      effective_to: 'date',
      short_description: 'text',
      unit_basis: 'text',
    },
    DEMO_ORGANIZATION_CODES.map((c) => [
      c.organizationId,
      c.id,
      c.system,
      c.code,
      c.effectiveFrom,
      c.effectiveTo,
      c.shortDescription,
      c.unitBasis,
    ]),
  );
}

const bindingId = (org: DemoOrg, person: DemoStaff, role: string) => stableUuid('demo-binding', org.slug, person.email, role);

/**
 * ON CONFLICT DO NOTHING also skips a row whose email, slug or site code another row already holds; the demo
 * ids would then point at nothing. Say so instead of failing later on a foreign key.
 */
async function assertCatalogueIds(client: Client, staff: readonly DemoStaff[]): Promise<void> {
  const sites = DEMO_ORG_LIST.flatMap((o) => o.sites);
  const clash = await client.query<{ what: string }>(
    `SELECT 'organization ' || o.slug AS what FROM pf_organizations o JOIN unnest($1::text[], $2::uuid[]) AS d(slug, id) ON o.slug = d.slug AND o.id <> d.id
     UNION ALL
     SELECT 'staff user ' || u.email FROM pf_staff_users u JOIN unnest($3::text[], $4::uuid[]) AS d(email, id) ON u.email = d.email AND u.id <> d.id
     UNION ALL
     SELECT 'site ' || s.code FROM pf_sites s JOIN unnest($5::uuid[], $6::text[], $7::uuid[]) AS d(org, code, id)
       ON s.organization_id = d.org AND s.code = d.code AND s.id <> d.id`,
    [
      DEMO_ORG_LIST.map((o) => o.slug),
      DEMO_ORG_LIST.map((o) => o.id),
      staff.map((p) => p.email),
      staff.map((p) => p.id),
      sites.map((s) => s.organizationId),
      sites.map((s) => s.code),
      sites.map((s) => s.id),
    ],
  );
  if (clash.rows.length > 0) {
    throw new Error(`Cannot seed: ${clash.rows.map((r) => r.what).join(', ')} already exist(s) with another id. Seed a fresh database.`);
  }
}

/**
 * Inserts one batch of patients with charts and care teams. MRNs come from the organization's counter (under
 * its row lock, as the API allocates them) and only for patients not already present, so a re-run leaves
 * every MRN alone and a second seed continues the sequence; the counter ends past the highest MRN used.
 */
async function insertPatients(client: Client, org: DemoOrg, records: DemoPatientRecord[], inserted: SeedTableCounts): Promise<void> {
  const present = await client.query<{ id: string }>('SELECT id FROM cl_patients WHERE organization_id = $1 AND id = ANY($2::uuid[])', [
    org.id,
    records.map((r) => r.patient.id),
  ]);
  const existing = new Set(present.rows.map((r) => r.id));
  const fresh = records.filter((r) => !existing.has(r.patient.id));
  if (fresh.length === 0) return;

  await client.query('INSERT INTO cl_mrn_counters (organization_id, next_value) VALUES ($1, 1) ON CONFLICT (organization_id) DO NOTHING', [
    org.id,
  ]);
  const { rows } = await client.query<{ next: string }>(
    `SELECT GREATEST(c.next_value, coalesce((SELECT max(substring(mrn FROM '^' || $2 || '-([0-9]{1,15})$')::bigint) FROM cl_charts
                                             WHERE organization_id = $1), 0) + 1)::text AS next
       FROM cl_mrn_counters c WHERE c.organization_id = $1 FOR UPDATE`,
    [org.id, org.mrnPrefix],
  );
  let next = BigInt(rows[0]!.next);
  const mrns = fresh.map(() => `${org.mrnPrefix}-${String(next++).padStart(6, '0')}`);

  const patients = fresh.map(({ patient: p }) => [
    p.organizationId,
    p.id,
    p.siteId,
    p.firstName,
    p.middleName,
    p.lastName,
    p.preferredName,
    p.dateOfBirth,
    p.sexAtBirth,
    p.genderIdentity,
    p.pronouns,
    p.phone,
    p.email,
    p.addressLine1,
    p.city,
    p.state,
    p.postalCode,
    p.status,
  ]);
  inserted.patients += await insertRows(
    client,
    'cl_patients',
    {
      organization_id: 'uuid',
      id: 'uuid',
      site_id: 'uuid',
      first_name: 'text',
      middle_name: 'text',
      last_name: 'text',
      preferred_name: 'text',
      date_of_birth: 'date',
      sex_at_birth: 'text',
      gender_identity: 'text',
      pronouns: 'text',
      phone: 'text',
      email: 'text',
      address_line1: 'text',
      city: 'text',
      state: 'text',
      postal_code: 'text',
      status: 'text',
    },
    patients,
  );

  const charts = fresh.map(({ chart: c }, i) => [
    org.id,
    c.id,
    c.patientId,
    mrns[i],
    c.isPart2,
    c.part2ProgramName,
    c.status,
    c.openedOn,
    c.closedOn,
  ]);
  inserted.charts += await insertRows(
    client,
    'cl_charts',
    {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      mrn: 'text',
      is_part2: 'bool',
      part2_program_name: 'text',
      status: 'text',
      opened_on: 'date',
      closed_on: 'date',
    },
    charts,
  );

  const team = fresh.flatMap((r) => r.careTeam.map((a) => [org.id, a.id, a.patientId, a.staffUserId, a.role, a.startedOn, a.endedOn]));
  inserted.careTeamAssignments += await insertRows(
    client,
    'cl_care_team_assignments',
    {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      staff_user_id: 'uuid',
      role: 'text',
      started_on: 'date',
      ended_on: 'date',
    },
    team,
  );

  await client.query('UPDATE cl_mrn_counters SET next_value = $2 WHERE organization_id = $1', [org.id, next.toString()]);
}

/**
 * The Part 2 consents of a batch's charts (derived from the patient ids, so a re-run adds none). Revocations
 * are attributed to the organization's demo admin.
 */
async function insertConsents(client: Client, org: DemoOrg, records: DemoPatientRecord[], inserted: SeedTableCounts): Promise<void> {
  const admin = stableUuid('demo-staff', `admin@${org.slug}.cairn.test`);
  const consents = generateConsents(org, records, admin);
  const arrayLiteral = (items: readonly string[]) => `{${items.map((i) => `"${i.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  inserted.part2Consents += await insertRows(
    client,
    'cl_part2_consents',
    {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      chart_id: 'uuid',
      consent_type: 'text',
      disclosing_party: 'text',
      information_description: 'text',
      record_types: 'text',
      recipients: 'text',
      purposes: 'text',
      effective_on: 'date',
      expires_on: 'date',
      expiration_event: 'text',
      signed_by: 'text',
      signed_on: 'date',
      statements: 'text',
      created_by: 'uuid',
      revoked_at: 'timestamptz',
      revoked_by: 'uuid',
      revocation_method: 'text',
    },
    consents.map((c) => [
      c.organizationId,
      c.id,
      c.patientId,
      c.chartId,
      c.consentType,
      c.disclosingParty,
      c.informationDescription,
      arrayLiteral(c.recordTypes),
      JSON.stringify(c.recipients),
      arrayLiteral(c.purposes),
      c.effectiveOn,
      c.expiresOn,
      c.expirationEvent,
      'patient',
      c.signedOn,
      arrayLiteral(DEMO_CONSENT_STATEMENTS),
      admin,
      c.revokedAt,
      c.revokedBy,
      c.revocationMethod,
    ]),
    { record_types: 'text[]', recipients: 'jsonb', purposes: 'text[]', statements: 'text[]' },
  );
}

/**
 * The organization's therapy groups (CL-14) and their sessions. Sessions are inserted as drafts and only the
 * ones this run inserted get attendance, then (documented ones) their signature and the outbox row the API's
 * document use case writes in the same transaction: a documented session's attendance is locked by a trigger,
 * so a re-run must not touch it, and it adds nothing.
 */
async function insertGroups(
  client: Client,
  org: DemoOrg,
  staff: readonly DemoStaff[],
  scale: SeedScale,
  patients: DemoPatientRecord[],
  inserted: SeedTableCounts,
  shiftDays = 0,
): Promise<void> {
  const groups = generateGroups(org, staff);
  inserted.groups += await insertRows(
    client,
    'cl_groups',
    {
      organization_id: 'uuid',
      id: 'uuid',
      site_id: 'uuid',
      name: 'text',
      group_type: 'text',
      sud_program: 'bool',
      default_modality: 'text',
      facilitator_ids: 'text',
      created_by: 'uuid',
    },
    groups.map((g) => [
      g.organizationId,
      g.id,
      g.siteId,
      g.name,
      g.groupType,
      g.sudProgram,
      g.defaultModality,
      `{${g.facilitatorIds.join(',')}}`,
      g.createdBy,
    ]),
    { facilitator_ids: 'uuid[]' },
  );

  const sessions = groups.flatMap((g) => generateGroupSessions(org, g, scale, patients, shiftDays));
  const creator = new Map(groups.map((g) => [g.id, g.createdBy]));
  const fresh = await client.query<{ id: string }>(
    `INSERT INTO cl_group_sessions (organization_id, id, group_id, site_id, session_date, start_time, end_time, facilitator_id, modality, note, created_by, created_at, updated_at)
     SELECT organization_id, id, group_id, site_id, session_date, start_time, end_time, facilitator_id, modality, note, created_by, created_at, created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::uuid[], $12::timestamptz[])
         AS t(organization_id, id, group_id, site_id, session_date, start_time, end_time, facilitator_id, modality, note, created_by, created_at)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      sessions.map((x) => x.organizationId),
      sessions.map((x) => x.id),
      sessions.map((x) => x.groupId),
      sessions.map((x) => x.siteId),
      sessions.map((x) => x.sessionDate),
      sessions.map((x) => x.startTime),
      sessions.map((x) => x.endTime),
      sessions.map((x) => x.facilitatorId),
      sessions.map((x) => x.modality),
      sessions.map((x) => x.note),
      sessions.map((x) => creator.get(x.groupId)!),
      sessions.map((x) => `${x.sessionDate}T08:00:00Z`),
    ],
  );
  inserted.groupSessions += fresh.rowCount ?? 0;
  const isNew = new Set(fresh.rows.map((r) => r.id));
  const added: DemoGroupSession[] = sessions.filter((x) => isNew.has(x.id));

  inserted.groupAttendance += await insertRows(
    client,
    'cl_group_attendance',
    {
      organization_id: 'uuid',
      id: 'uuid',
      session_id: 'uuid',
      site_id: 'uuid',
      patient_id: 'uuid',
      chart_id: 'uuid',
      status: 'text',
      minutes_attended: 'int4',
      arrival_time: 'text',
      departure_time: 'text',
      recorded_by: 'uuid',
      recorded_at: 'timestamptz',
    },
    added.flatMap((x) =>
      x.attendance.map((a) => [
        x.organizationId,
        a.id,
        x.id,
        x.siteId,
        a.patientId,
        a.chartId,
        a.status,
        a.minutesAttended,
        a.arrivalTime,
        a.departureTime,
        x.facilitatorId,
        x.documentedAt ?? `${x.sessionDate}T23:00:00Z`,
      ]),
    ),
  );

  const documented = added.filter((x) => x.status === 'documented' && x.event);
  if (documented.length === 0) return;
  await client.query(
    `UPDATE cl_group_sessions s SET status = 'documented', documented_at = d.at, documented_by = s.facilitator_id, updated_at = d.at
       FROM unnest($1::uuid[], $2::timestamptz[]) AS d(id, at) WHERE s.organization_id = $3 AND s.id = d.id AND s.status = 'draft'`,
    [documented.map((x) => x.id), documented.map((x) => x.documentedAt), org.id],
  );
  // The envelope OutboxPublisher writes (writeOutboxEvent): the event id is also the BullMQ job id.
  inserted.groupSessionEvents += await insertRows(
    client,
    'pf_outbox_events',
    {
      organization_id: 'uuid',
      id: 'uuid',
      event_type: 'text',
      payload: 'text',
      occurred_at: 'timestamptz',
    },
    documented.map((x) => [org.id, x.event!.id, DEMO_GROUP_EVENT_TYPE, JSON.stringify(x.event!.payload), x.documentedAt]),
    { payload: 'jsonb' },
  );
}

/**
 * CL-19 demo peer encounters (demo-peer-encounters.ts). Only the encounters this run inserted get, when
 * finalized, what the API's finalize writes in the same transaction: the PM peer encounter, the addendum and the
 * `peer_encounter_finalized.v1` outbox row (the worker relays it and the charge consumer charges it).
 */
async function insertPeerEncounters(
  client: Client,
  org: DemoOrg,
  staff: readonly DemoStaff[],
  patients: DemoPatientRecord[],
  inserted: SeedTableCounts,
  shiftDays = 0,
): Promise<void> {
  const all = generatePeerEncounters(org, staff, patients, shiftDays);
  if (all.length === 0) return;
  const fresh = await client.query<{ id: string }>(
    `INSERT INTO cl_peer_encounters (organization_id, id, site_id, patient_id, chart_id, encounter_id, peer_provider_id, service_date, start_time, end_time,
       duration_minutes, service_type, service_type_source, hcpcs_code, unit_basis, units, focus_notes, status, finalized_at, finalized_by, created_by,
       created_at, updated_at)
     SELECT organization_id, id, site_id, patient_id, chart_id, encounter_id, peer_provider_id, service_date, start_time, end_time, duration_minutes,
            service_type, 'pf15', hcpcs_code, 'per_15_minutes', units, focus_notes, status, finalized_at,
            CASE WHEN status = 'finalized' THEN peer_provider_id END, peer_provider_id, service_date + time '20:00', COALESCE(finalized_at, service_date + time '20:00')
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::date[], $9::text[], $10::text[], $11::int[],
                   $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::timestamptz[])
         AS t(organization_id, id, site_id, patient_id, chart_id, encounter_id, peer_provider_id, service_date, start_time, end_time, duration_minutes,
              service_type, hcpcs_code, units, focus_notes, status, finalized_at)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      all.map((e) => e.organizationId),
      all.map((e) => e.id),
      all.map((e) => e.siteId),
      all.map((e) => e.patientId),
      all.map((e) => e.chartId),
      all.map((e) => e.encounterId),
      all.map((e) => e.peerProviderId),
      all.map((e) => e.serviceDate),
      all.map((e) => e.startTime),
      all.map((e) => e.endTime),
      all.map((e) => e.durationMinutes),
      all.map((e) => e.serviceType),
      all.map((e) => e.hcpcsCode),
      all.map((e) => e.units),
      all.map((e) => e.focusNotes),
      all.map((e) => e.status),
      all.map((e) => e.finalizedAt),
    ],
  );
  inserted.peerEncounters += fresh.rowCount ?? 0;
  const isNew = new Set(fresh.rows.map((r) => r.id));
  const finalized = all.filter((e) => isNew.has(e.id) && e.status === 'finalized');
  await insertRows(
    client,
    'pm_encounters',
    {
      organization_id: 'uuid',
      id: 'uuid',
      patient_id: 'uuid',
      chart_id: 'uuid',
      site_id: 'uuid',
      encounter_type: 'text',
      service_date: 'date',
      rendering_provider_id: 'uuid',
      duration_minutes: 'int4',
      source_type: 'text',
      source_id: 'uuid',
      created_at: 'timestamptz',
    },
    finalized.map((e) => [
      org.id,
      e.encounterId,
      e.patientId,
      e.chartId,
      e.siteId,
      'peer',
      e.serviceDate,
      e.peerProviderId,
      e.durationMinutes,
      'peer_encounter',
      e.id,
      e.finalizedAt,
    ]),
  );
  await insertRows(
    client,
    'cl_peer_encounter_addenda',
    {
      organization_id: 'uuid',
      id: 'uuid',
      peer_encounter_id: 'uuid',
      author_id: 'uuid',
      body: 'text',
      created_at: 'timestamptz',
    },
    finalized
      .filter((e) => e.addendum)
      .map((e) => [org.id, e.addendum!.id, e.id, e.peerProviderId, e.addendum!.body, e.addendum!.createdAt]),
  );
  inserted.peerEncounterEvents += await insertRows(
    client,
    'pf_outbox_events',
    {
      organization_id: 'uuid',
      id: 'uuid',
      event_type: 'text',
      payload: 'text',
      occurred_at: 'timestamptz',
    },
    finalized.map((e) => [org.id, e.event!.id, DEMO_PEER_EVENT_TYPE, JSON.stringify(e.event!.payload), e.finalizedAt]),
    { payload: 'jsonb' },
  );
}

/** The demo fee schedules (PM-07), the same at every scale and seed. */
async function insertFeeSchedule(client: Client): Promise<number> {
  return insertRows(
    client,
    'pm_fee_schedule_entries',
    {
      organization_id: 'uuid',
      id: 'uuid',
      code_system: 'text',
      code: 'text',
      modifier_match: 'text',
      modifiers: 'text',
      effective_from: 'date',
      effective_to: 'date',
      rate_cents: 'int',
      unit_basis: 'text',
      crosswalk_code: 'text',
      crosswalk_modifier_mode: 'text',
      crosswalk_modifiers: 'text',
    },
    DEMO_FEE_SCHEDULE.map((e) => [
      e.organizationId,
      e.id,
      e.codeSystem,
      e.code,
      e.modifierMatch,
      pgArray(e.modifiers),
      e.effectiveFrom,
      e.effectiveTo,
      e.rateCents,
      e.unitBasis,
      e.crosswalkCode,
      e.crosswalkModifierMode,
      pgArray(e.crosswalkModifiers),
    ]),
    { modifiers: 'text[]', crosswalk_modifiers: 'text[]' },
  );
}

/** The demo peer supervision (CL-19), the same at every scale and seed. */
async function insertSupervision(client: Client, shiftMonths = 0): Promise<number> {
  return insertRows(
    client,
    'cl_peer_supervision',
    {
      organization_id: 'uuid',
      id: 'uuid',
      peer_provider_id: 'uuid',
      supervisor_id: 'uuid',
      supervision_date: 'date',
      duration_minutes: 'int',
      modality: 'text',
      notes: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    generateSupervision(shiftMonths).map((r) => [
      r.organizationId,
      r.id,
      r.peerProviderId,
      r.supervisorId,
      r.supervisionDate,
      r.durationMinutes,
      r.modality,
      r.notes,
      r.createdBy,
      r.createdAt,
      r.createdAt,
    ]),
  );
}

/** A text[] literal for columns unnest cannot carry as arrays of arrays (codes only: no quoting needed). */
const pgArray = (items: readonly string[]) => `{${items.join(',')}}`;

/**
 * One INSERT ... SELECT FROM unnest($1::t1[], $2::t2[], ...) ON CONFLICT DO NOTHING for all rows: one round
 * trip and a fixed number of parameters however many rows. `casts` converts a column after unnest.
 */
/**
 * Goals, homework in every state, resources, a crisis toolkit and one crisis-alert episode (demo-portal-care.ts) for
 * each active portal account, authored by the patient's current primary therapist.
 */
export async function insertPortalCare(client: Client, shiftDays = 0): Promise<number> {
  const { rows } = await client.query<{ organization_id: string; patient_id: string; account_id: string; therapist_id: string }>(
    `SELECT a.organization_id, a.patient_id, a.id AS account_id, t.staff_user_id AS therapist_id
     FROM po_accounts a
     JOIN LATERAL (SELECT x.staff_user_id FROM cl_care_team_assignments x
                   WHERE x.organization_id = a.organization_id AND x.patient_id = a.patient_id AND x.role = 'primary_therapist'
                     AND x.started_on <= current_date AND (x.ended_on IS NULL OR x.ended_on >= current_date)
                   ORDER BY x.started_on DESC LIMIT 1) t ON true
     WHERE a.status = 'active' ORDER BY a.email`,
  );
  const care = generatePortalCare(
    rows.map((r) => ({ organizationId: r.organization_id, patientId: r.patient_id, accountId: r.account_id, therapistId: r.therapist_id })),
    shiftDays,
  );
  let n = 0;
  for (const t of PORTAL_CARE_TABLES) {
    const names = Object.keys(t.columns);
    n += await insertRows(
      client,
      t.table,
      t.columns,
      care[t.key].map((row) => names.map((c) => row[c] ?? null)),
      t.casts,
    );
  }
  return n;
}

async function insertRows(
  client: Client,
  table: string,
  columns: Record<string, string>,
  rows: unknown[][],
  casts: Record<string, string> = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const names = Object.keys(columns);
  const params = names.map((name, i) => `$${i + 1}::${columns[name]}[]`).join(', ');
  const select = names.map((name) => (casts[name] ? `${name}::${casts[name]}` : name)).join(', ');
  const result = await client.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select} FROM unnest(${params}) AS t(${names.join(', ')}) ON CONFLICT DO NOTHING`,
    names.map((_, c) => rows.map((r) => r[c])),
  );
  return result.rowCount ?? 0;
}

async function countRows(client: Client): Promise<SeedSummary['totals']> {
  const { rows } = await client.query<SeedSummary['totals']>(`SELECT
    (SELECT count(*)::int FROM pf_organizations) AS organizations,
    (SELECT count(*)::int FROM pf_sites) AS sites,
    (SELECT count(*)::int FROM pf_staff_users) AS "staffUsers",
    (SELECT count(*)::int FROM pf_role_bindings) AS "roleBindings",
    (SELECT count(*)::int FROM cl_patients) AS patients,
    (SELECT count(*)::int FROM cl_charts) AS charts,
    (SELECT count(*)::int FROM cl_charts WHERE is_part2) AS "part2Charts",
    (SELECT count(*)::int FROM cl_care_team_assignments) AS "careTeamAssignments",
    (SELECT count(*)::int FROM pf_organization_codes) AS "organizationCodes",
    (SELECT count(*)::int FROM cl_part2_consents) AS "part2Consents",
    (SELECT count(*)::int FROM pm_service_types) AS "serviceTypes",
    (SELECT count(*)::int FROM pm_appointments) AS appointments,
    (SELECT count(*)::int FROM cl_progress_notes) AS "progressNotes",
    (SELECT count(*)::int FROM cl_groups) AS groups,
    (SELECT count(*)::int FROM cl_group_sessions) AS "groupSessions",
    (SELECT count(*)::int FROM cl_group_attendance) AS "groupAttendance",
    (SELECT count(*)::int FROM pf_outbox_events WHERE event_type = 'cl_group_session_documented.v1') AS "groupSessionEvents",
    (SELECT count(*)::int FROM pm_fee_schedule_entries) AS "feeScheduleEntries",
    (SELECT count(*)::int FROM cl_peer_supervision) AS "peerSupervision",
    (SELECT count(*)::int FROM cl_peer_encounters) AS "peerEncounters",
    (SELECT count(*)::int FROM pf_outbox_events WHERE event_type = 'peer_encounter_finalized.v1') AS "peerEncounterEvents",
    (SELECT (SELECT count(*) FROM po_goals) + (SELECT count(*) FROM po_goal_progress) + (SELECT count(*) FROM po_homework)
          + (SELECT count(*) FROM po_resources) + (SELECT count(*) FROM po_crisis_toolkits) + (SELECT count(*) FROM po_crisis_alerts)
          + (SELECT count(*) FROM po_crisis_toolkit_opens)
          + (SELECT count(*) FROM po_notifications WHERE kind IN ('homework.completed', 'goal.created', 'crisis_toolkit.alert')))::int
      AS "portalCareRows"`);
  return rows[0]!;
}
