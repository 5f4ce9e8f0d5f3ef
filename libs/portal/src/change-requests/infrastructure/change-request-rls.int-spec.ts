import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant, TenantContext } from '@cairn/platform/db';

/**
 * Issue 19 items 5 and 6 at the SQL level, as the app role with no handler in the way: a sensitive change request
 * is invisible to the current primary therapist; only portal admins move a request, one legal step at a time;
 * insurance cards and their photos are billing staff's and not the therapist's.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
const id = () => randomUUID();

const org = id();
const site = id();
const staff = { therapist: id(), admin: id(), biller: id() };
const patient = id();
const account = id();
const ctx: Record<'client' | 'therapist' | 'admin' | 'biller', TenantContext> = {
  client: { organizationId: org, userId: account, siteIds: [], patientScope: 'portal' },
  therapist: { organizationId: org, userId: staff.therapist, siteIds: 'all', patientScope: 'assigned' },
  admin: { organizationId: org, userId: staff.admin, siteIds: 'all', patientScope: 'site' },
  biller: { organizationId: org, userId: staff.biller, siteIds: 'all', patientScope: 'site' },
};
const RLS = /row-level security|permission denied|only a portal admin/;

const as = <T = Record<string, unknown>>(who: keyof typeof ctx, sql: string, params: unknown[] = []) =>
  queryAsTenant<T>(app, ctx[who], sql, params);
const ids = async (who: keyof typeof ctx, table: string) =>
  (await as<{ id: string }>(who, `SELECT id FROM ${table}`)).map((r) => r.id).sort();

async function submit(sensitive: boolean): Promise<string> {
  const requestId = id();
  await as(
    'client',
    `INSERT INTO po_change_requests (organization_id, id, patient_id, reason, shared_with_clinician) VALUES ($1, $2, $3, 'x', $4)`,
    [org, requestId, patient, !sensitive],
  );
  return requestId;
}
/** Decided by a portal admin, the only way (the guard applies to the owner role too), so the client may ask again. */
async function close(requestId: string): Promise<void> {
  for (const status of ['under_review', 'denied'])
    await as('admin', `UPDATE po_change_requests SET status = $2 WHERE id = $1`, [requestId, status]);
}

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, 'CR', 'cr-' || $1::text)`, [org]);
  await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'S', 'S')`, [org, site]);
  for (const u of Object.values(staff))
    await q(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@cr.test', 'U', 'x')`, [u]);
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES
       ($1, gen_random_uuid(), $2, 'clinician', true, '{}'), ($1, gen_random_uuid(), $3, 'admin', true, '{}'),
       ($1, gen_random_uuid(), $4, 'billing_coordinator', true, '{}')`,
    [org, staff.therapist, staff.admin, staff.biller],
  );
  await q(
    `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'P', 'Q', '1990-01-01')`,
    [org, patient, site],
  );
  await q(`INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2) VALUES ($1, $2, $3, $4, false)`, [
    org,
    id(),
    patient,
    `M-${id().slice(0, 12)}`,
  ]);
  await q(
    `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on)
     VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date - 30)`,
    [org, patient, staff.therapist],
  );
  await q(
    `INSERT INTO po_accounts (organization_id, id, patient_id, email, status, invited_by, password_hash) VALUES ($1, $2, $3, $4, 'active', $5, 'x')`,
    [org, account, patient, `${account}@cr.test`, staff.admin],
  );
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

describe('therapist change requests, through row-level security', () => {
  it('hides a sensitive request from the current therapist, and shows it to the client and portal admins', async () => {
    const sensitive = await submit(true);
    await close(sensitive);
    const plain = await submit(false);
    await close(plain);
    expect(await ids('therapist', 'po_change_requests')).toEqual([plain]);
    expect(await ids('client', 'po_change_requests')).toEqual([sensitive, plain].sort());
    expect(await ids('admin', 'po_change_requests')).toEqual([sensitive, plain].sort());
    // Read field by field, by id, or counted: the row does not exist for the therapist.
    expect(await as('therapist', `SELECT count(*)::int AS n FROM po_change_requests WHERE id = $1`, [sensitive])).toEqual([{ n: 0 }]);
    expect(
      await as('therapist', `SELECT reason FROM po_change_requests WHERE patient_id = $1 AND NOT shared_with_clinician`, [patient]),
    ).toEqual([]);
    expect(await ids('biller', 'po_change_requests')).toEqual([]);
  });

  it('lets only a portal admin move a request, one legal step at a time', async () => {
    const r = await submit(false);
    const move = (who: keyof typeof ctx, status: string) =>
      as(who, `UPDATE po_change_requests SET status = $2 WHERE id = $1 RETURNING status`, [r, status]);
    // The current therapist passes the policy's 'staff' rule, but the guard refuses: they cannot decide about themselves.
    await expect(move('therapist', 'under_review')).rejects.toThrow(RLS);
    // The client cannot move its own request (the update rule is staff's); the row is simply not updatable.
    expect(await move('client', 'approved')).toEqual([]);
    await expect(move('admin', 'approved')).rejects.toThrow(/cannot move from pending to approved/);
    expect(await move('admin', 'under_review')).toEqual([{ status: 'under_review' }]);
    expect(await move('admin', 'denied')).toEqual([{ status: 'denied' }]);
    await expect(move('admin', 'approved')).rejects.toThrow(/cannot move from denied to approved/);
    // Nobody rewrites what the client wrote.
    await expect(as('admin', `UPDATE po_change_requests SET reason = 'y' WHERE id = $1`, [r])).rejects.toThrow(/permission denied/);
  });

  it('allows one open request per client', async () => {
    const r = await submit(true);
    await expect(submit(false)).rejects.toThrow(/po_change_requests_one_open/);
    await close(r);
  });
});

describe('insurance cards and payment methods, through row-level security', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  let card: string;
  let front: string;
  let otherFile: string;

  beforeAll(async () => {
    front = id();
    otherFile = id();
    card = id();
    for (const [fileId, kind] of [
      [front, 'insurance_card'],
      [otherFile, 'unattached'],
    ] as const)
      await as(
        'client',
        `INSERT INTO po_files (organization_id, id, patient_id, owner_kind, file_name, content_type, byte_size, sha256, content, shared_with_clinician, created_by_kind, created_by)
         VALUES ($1, $2, $3, $4, 'card.png', 'image/png', $5, 'x', $6, false, 'client', $7)`,
        [org, fileId, patient, kind, png.length, png, account],
      );
    await as(
      'client',
      `INSERT INTO po_insurance_cards (organization_id, id, patient_id, payer_name, member_id, front_file_id) VALUES ($1, $2, $3, 'Payer', 'M1', $4)`,
      [org, card, patient, front],
    );
    await as(
      'client',
      `INSERT INTO po_payment_methods (organization_id, id, patient_id, processor, processor_token, brand, last4, exp_month, exp_year)
       VALUES ($1, gen_random_uuid(), $2, 'stripe', 'pm_card_fixture', 'visa', '4242', 12, 2030)`,
      [org, patient],
    );
  });

  it('shows the card and its photo to billing staff and not to the therapist; billing sees no other file', async () => {
    expect(await ids('biller', 'po_insurance_cards')).toEqual([card]);
    expect(await ids('therapist', 'po_insurance_cards')).toEqual([]);
    expect(await ids('biller', 'po_files')).toEqual([front]);
    expect(await ids('therapist', 'po_files')).toEqual([]);
    expect((await ids('biller', 'po_payment_methods')).length).toBe(1);
    expect(await ids('therapist', 'po_payment_methods')).toEqual([]);
  });

  it('refuses writes by staff, and a card number or bad expiry even from the owner role', async () => {
    await expect(
      as(
        'biller',
        `INSERT INTO po_insurance_cards (organization_id, id, patient_id, payer_name, member_id, front_file_id) VALUES ($1, $2, $3, 'P', 'M', $4)`,
        [org, id(), patient, front],
      ),
    ).rejects.toThrow(RLS);
    const insert = (token: string, last4: string, month: number) =>
      owner.query(
        `INSERT INTO po_payment_methods (organization_id, id, patient_id, processor, processor_token, brand, last4, exp_month, exp_year)
         VALUES ($1, gen_random_uuid(), $2, 'stripe', $3, 'visa', $4, $5, 2030)`,
        [org, patient, token, last4, month],
      );
    await expect(insert('4111 1111 1111 1111', '1111', 12)).rejects.toThrow(/po_payment_methods_token/);
    await expect(insert('pm_ok_token', '41111', 12)).rejects.toThrow(/po_payment_methods_last4/);
    await expect(insert('pm_ok_token', '1111', 13)).rejects.toThrow(/po_payment_methods_expiry/);
  });
});
