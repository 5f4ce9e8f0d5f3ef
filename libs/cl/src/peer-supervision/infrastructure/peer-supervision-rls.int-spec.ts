import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant } from '@cairn/platform/db';

/**
 * cl_peer_supervision's row-level security and constraints, as the app role sees them with raw SQL (no API in
 * between): a peer sees their own rows, a supervisor (cl.peer-supervision.org-wide) the organization's, nobody
 * another organization's; writes stay in the organization, are made by their recorder and never record one's own
 * supervision.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });

const orgA = randomUUID();
const orgB = randomUUID();
const peer = randomUUID();
const peer2 = randomUUID();
const sup = randomUUID();
const clinician = randomUUID();
const formerSup = randomUUID(); // binding revoked
const supB = randomUUID();
const row = { peer: randomUUID(), peer2: randomUUID(), other: randomUUID() };

const asApp = <T>(org: string, user: string, sql: string, params: unknown[] = []): Promise<T[]> =>
  queryAsTenant<T>(app, { organizationId: org, userId: user, siteIds: 'all', patientScope: 'site' }, sql, params);

const visible = async (org: string, user: string) =>
  (await asApp<{ id: string }>(org, user, 'SELECT id FROM cl_peer_supervision ORDER BY id')).map((r) => r.id);

const insertAs = (
  org: string,
  user: string,
  values: { org?: string; peer?: string; supervisor?: string; createdBy?: string; duration?: number; modality?: string },
) =>
  asApp(
    org,
    user,
    `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, created_by)
     VALUES ($1, $2, $3, $4, '2026-01-05', $5, $6, $7)`,
    [
      values.org ?? org,
      randomUUID(),
      values.peer ?? peer,
      values.supervisor ?? sup,
      values.duration ?? 60,
      values.modality ?? 'individual',
      values.createdBy ?? user,
    ],
  );

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(
    `INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, 'Sup A', 'supa-' || $1::text), ($2::uuid, 'Sup B', 'supb-' || $2::text)`,
    [orgA, orgB],
  );
  for (const u of [peer, peer2, sup, clinician, formerSup, supB]) {
    await q(`INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@sup.test', 'U', 'x')`, [
      u,
    ]);
  }
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, revoked_at) VALUES
       ($1, gen_random_uuid(), $2, 'peer_specialist', NULL), ($1, gen_random_uuid(), $3, 'peer_specialist', NULL),
       ($1, gen_random_uuid(), $4, 'supervisor', NULL), ($1, gen_random_uuid(), $5, 'clinician', NULL),
       ($1, gen_random_uuid(), $6, 'supervisor', now()), ($7, gen_random_uuid(), $8, 'supervisor', NULL)`,
    [orgA, peer, peer2, sup, clinician, formerSup, orgB, supB],
  );
  await q(
    `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, notes, created_by) VALUES
       ($1, $2, $3, $5, '2026-01-02', 60, 'individual', 'n', $5), ($1, $4, $6, $5, '2026-01-03', 30, 'phone', 'n', $5),
       ($7, $8, $10, $9, '2026-01-04', 45, 'group', 'n', $9)`,
    [orgA, row.peer, peer, row.peer2, sup, peer2, orgB, row.other, supB, randomUUID()],
  );
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

describe('cl_peer_supervision row-level security', () => {
  it('shows a peer only their own supervision, a supervisor every row of the organization, others none', async () => {
    expect(await visible(orgA, peer)).toEqual([row.peer]);
    expect(await visible(orgA, peer2)).toEqual([row.peer2]);
    expect(await visible(orgA, sup)).toEqual([row.peer, row.peer2].sort());
    expect(await visible(orgA, clinician)).toEqual([]);
    expect(await visible(orgA, formerSup)).toEqual([]);
  });

  it("never shows another organization's rows, even to a query without an organization filter", async () => {
    expect(await visible(orgB, supB)).toEqual([row.other]);
    expect(await visible(orgA, supB)).toEqual([]); // no binding in A
    expect(await visible(orgB, sup)).toEqual([]); // no binding in B
  });

  it("accepts an insert by the recorder in the organization, and refuses another organization, another recorder and one's own supervision", async () => {
    await expect(insertAs(orgA, sup, {})).resolves.toEqual([]);
    await expect(insertAs(orgA, sup, { org: orgB })).rejects.toThrow(/row-level security/);
    await expect(insertAs(orgA, sup, { createdBy: clinician })).rejects.toThrow(/row-level security/);
    // A peer recording their own supervision (the database refuses it whatever the API does).
    await expect(insertAs(orgA, peer, { peer, supervisor: sup })).rejects.toThrow(/row-level security/);
  });

  it('refuses moving a row to another organization (WITH CHECK) and lets only its recorder update it', async () => {
    await expect(asApp(orgA, sup, 'UPDATE cl_peer_supervision SET organization_id = $1 WHERE id = $2', [orgB, row.peer])).rejects.toThrow(
      /row-level security/,
    );
    // Nor turned into the recorder's own supervision (a row sup recorded for another supervisor, so only the policy refuses it).
    const recordedForOther = randomUUID();
    await owner.query(
      `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, created_by)
       VALUES ($1, $2, $3, $4, '2026-01-06', 60, 'individual', $5)`,
      [orgA, recordedForOther, peer2, formerSup, sup],
    );
    await expect(
      asApp(orgA, sup, 'UPDATE cl_peer_supervision SET peer_provider_id = $1 WHERE id = $2', [sup, recordedForOther]),
    ).rejects.toThrow(/row-level security/);
    // The peer sees the row but did not record it: nothing is updated.
    await asApp(orgA, peer, 'UPDATE cl_peer_supervision SET duration_minutes = 1 WHERE id = $1', [row.peer]);
    expect(
      (await owner.query('SELECT duration_minutes, organization_id FROM cl_peer_supervision WHERE id = $1', [row.peer])).rows[0],
    ).toEqual({ duration_minutes: 60, organization_id: orgA });
    await asApp(orgA, sup, 'UPDATE cl_peer_supervision SET duration_minutes = 90 WHERE id = $1', [row.peer]);
    expect((await owner.query('SELECT duration_minutes FROM cl_peer_supervision WHERE id = $1', [row.peer])).rows[0].duration_minutes).toBe(
      90,
    );
  });

  it('keeps who recorded a row and when, even for the owner, and grants no DELETE', async () => {
    await expect(owner.query('UPDATE cl_peer_supervision SET created_by = $1 WHERE id = $2', [clinician, row.peer])).rejects.toThrow(
      /cannot change/,
    );
    await expect(
      owner.query(`UPDATE cl_peer_supervision SET created_at = now() - interval '1 year' WHERE id = $1`, [row.peer]),
    ).rejects.toThrow(/cannot change/);
    await expect(asApp(orgA, sup, 'DELETE FROM cl_peer_supervision WHERE id = $1', [row.peer])).rejects.toThrow(/permission denied/);
  });

  it('refuses a duration outside 1..480, an unknown modality and self-supervision (CHECK constraints)', async () => {
    await expect(insertAs(orgA, sup, { duration: 0 })).rejects.toThrow(/cl_peer_supervision_duration_check/);
    await expect(insertAs(orgA, sup, { duration: 481 })).rejects.toThrow(/cl_peer_supervision_duration_check/);
    await expect(insertAs(orgA, sup, { modality: 'zoom' })).rejects.toThrow(/cl_peer_supervision_modality_check/);
    await expect(insertAs(orgA, sup, { peer: peer2, supervisor: peer2 })).rejects.toThrow(/cl_peer_supervision_not_self_check/);
  });
});
