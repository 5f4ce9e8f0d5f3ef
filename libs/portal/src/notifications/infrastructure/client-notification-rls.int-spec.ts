import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant, TenantContext } from '@cairn/platform/db';

/**
 * Client notifications (issue 20) at the SQL level, as the app role with no handler in the way: the client sees and
 * marks only their own; another client of the same organization and another organization see nothing; the therapist
 * writes them (for their own clients only) but does not read them; nothing but read_at ever changes; the system's
 * session-review prompt writes one with the review, once.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
const id = () => randomUUID();

const org = id();
const orgB = id();
const site = id();
const siteB = id();
const staff = { therapist: id(), other: id(), admin: id(), adminB: id() };
const patient = { p: id(), q: id(), b: id() };
const account = { p: id(), q: id(), b: id() };
type Who = 'client' | 'otherClient' | 'otherOrgClient' | 'therapist' | 'otherTherapist' | 'admin' | 'otherOrgAdmin' | 'system';
const ctx: Record<Who, TenantContext> = {
  client: { organizationId: org, userId: account.p, siteIds: [], patientScope: 'portal' },
  otherClient: { organizationId: org, userId: account.q, siteIds: [], patientScope: 'portal' },
  otherOrgClient: { organizationId: orgB, userId: account.b, siteIds: [], patientScope: 'portal' },
  therapist: { organizationId: org, userId: staff.therapist, siteIds: 'all', patientScope: 'assigned' },
  otherTherapist: { organizationId: org, userId: staff.other, siteIds: 'all', patientScope: 'assigned' },
  admin: { organizationId: org, userId: staff.admin, siteIds: 'all', patientScope: 'site' },
  otherOrgAdmin: { organizationId: orgB, userId: staff.adminB, siteIds: 'all', patientScope: 'site' },
  system: { organizationId: org, userId: '', siteIds: 'all', patientScope: 'system' },
};
const as = <T = Record<string, unknown>>(who: Who, sql: string, params: unknown[] = []) => queryAsTenant<T>(app, ctx[who], sql, params);
const ids = async (who: Who) => (await as<{ id: string }>(who, `SELECT id FROM po_client_notifications`)).map((r) => r.id).sort();
/** The writer's INSERT, without RETURNING (the writer need not read the client's feed). */
const notify = async (who: Who, patientId: string, organizationId = org, kind = 'homework.assigned') => {
  const n = id();
  await as(
    who,
    `INSERT INTO po_client_notifications (organization_id, id, patient_id, kind, record_kind, record_id) VALUES ($1, $2, $3, $4, 'homework', $5)`,
    [organizationId, n, patientId, kind, id()],
  );
  return n;
};
const RLS = /row-level security|permission denied/;

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  for (const [o, s] of [
    [org, site],
    [orgB, siteB],
  ] as const) {
    await q(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, 'CN', 'cn-' || $1::text)`, [o]);
    await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'S', 'S')`, [o, s]);
  }
  for (const u of Object.values(staff))
    await q(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@cn.test', 'U', 'x')`, [u]);
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES
       ($1, gen_random_uuid(), $3, 'clinician', true, '{}'), ($1, gen_random_uuid(), $4, 'clinician', true, '{}'),
       ($1, gen_random_uuid(), $5, 'admin', true, '{}'), ($2, gen_random_uuid(), $6, 'admin', true, '{}')`,
    [org, orgB, staff.therapist, staff.other, staff.admin, staff.adminB],
  );
  for (const [key, o, s, therapist] of [
    ['p', org, site, staff.therapist],
    ['q', org, site, staff.other],
    ['b', orgB, siteB, null],
  ] as const) {
    await q(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'P', $4, '1990-01-01')`,
      [o, patient[key], s, key],
    );
    await q(`INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2) VALUES ($1, $2, $3, $4, false)`, [
      o,
      id(),
      patient[key],
      `M-${id().slice(0, 12)}`,
    ]);
    if (therapist)
      await q(
        `INSERT INTO cl_care_team_assignments (organization_id, id, patient_id, staff_user_id, role, started_on)
         VALUES ($1, gen_random_uuid(), $2, $3, 'primary_therapist', current_date - 30)`,
        [o, patient[key], therapist],
      );
    await q(
      `INSERT INTO po_accounts (organization_id, id, patient_id, email, status, invited_by, password_hash) VALUES ($1, $2, $3, $4, 'active', $5, 'x')`,
      [o, account[key], patient[key], `${account[key]}@cn.test`, staff.admin],
    );
  }
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

describe('client notifications, through row-level security', () => {
  it("shows a client only their own; another client of the clinic, another clinic's client and admin see nothing of it", async () => {
    const mine = await notify('therapist', patient.p);
    const theirs = await notify('otherTherapist', patient.q);
    const elsewhere = await notify('otherOrgAdmin', patient.b, orgB);
    expect(await ids('client')).toContain(mine);
    expect(await ids('client')).not.toContain(theirs);
    expect(await ids('client')).not.toContain(elsewhere);
    expect(await ids('otherClient')).toEqual([theirs]);
    expect(await ids('otherOrgClient')).toEqual([elsewhere]);
    expect(await ids('otherOrgAdmin')).toEqual([elsewhere]);
    // Asked for by id, counted, or filtered by patient: the row does not exist for them.
    for (const who of ['otherClient', 'otherOrgClient', 'otherOrgAdmin'] as const)
      expect(
        await as(who, `SELECT count(*)::int AS n FROM po_client_notifications WHERE id = $1 OR patient_id = $2`, [mine, patient.p]),
      ).toEqual([{ n: 0 }]);
  });

  it('lets the therapist write to their own clients only, and read none of them; a portal admin reads them', async () => {
    const n = await notify('therapist', patient.p);
    expect(await ids('therapist')).toEqual([]);
    expect(await ids('otherTherapist')).not.toContain(n);
    expect(await ids('admin')).toContain(n);
    await expect(notify('therapist', patient.q)).rejects.toThrow(RLS);
    await expect(notify('client', patient.p)).rejects.toThrow(RLS);
    await expect(notify('otherOrgAdmin', patient.p)).rejects.toThrow(RLS);
    await expect(notify('therapist', patient.p, org, 'mood_entry.logged')).rejects.toThrow(/po_client_notifications_kind_check/);
  });

  it('lets only the client mark their own read, and nothing but read_at changes', async () => {
    const n = await notify('therapist', patient.p);
    const mark = (who: Who) => as(who, `UPDATE po_client_notifications SET read_at = now() WHERE id = $1 RETURNING id`, [n]);
    expect(await mark('otherClient')).toEqual([]);
    expect(await mark('therapist')).toEqual([]);
    expect(await mark('admin')).toEqual([]);
    expect(await mark('client')).toEqual([{ id: n }]);
    await expect(as('client', `UPDATE po_client_notifications SET kind = 'homework.reviewed' WHERE id = $1`, [n])).rejects.toThrow(
      /permission denied/,
    );
    await expect(as('client', `DELETE FROM po_client_notifications WHERE id = $1`, [n])).rejects.toThrow(/permission denied/);
    await expect(as('admin', `UPDATE po_client_notifications SET patient_id = $2 WHERE id = $1`, [n, patient.q])).rejects.toThrow(
      /permission denied/,
    );
  });

  it('tells the client of a session review prompt, with the review, once; and never another client', async () => {
    const appointment = id();
    const prompt = () =>
      as<{ id: string | null }>('system', `SELECT po_session_review_prompt(gen_random_uuid(), $1, $2, $3, now()) AS id`, [
        patient.p,
        appointment,
        staff.therapist,
      ]);
    const [first] = await prompt();
    await prompt();
    const rows = await as<{ kind: string; record_kind: string; record_id: string }>(
      'client',
      `SELECT kind, record_kind, record_id FROM po_client_notifications WHERE record_id = $1`,
      [first!.id],
    );
    expect(rows).toEqual([{ kind: 'session_review.requested', record_kind: 'session_review', record_id: first!.id }]);
    expect(await as('otherClient', `SELECT count(*)::int AS n FROM po_client_notifications WHERE record_id = $1`, [first!.id])).toEqual([
      { n: 0 },
    ]);
  });
});
