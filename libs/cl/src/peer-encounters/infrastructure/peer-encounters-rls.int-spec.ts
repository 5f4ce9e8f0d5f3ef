import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { PF15_PEER_ENCOUNTER_TYPES } from '@cairn/platform/clinical';
import { queryAsTenant } from '@cairn/platform/db';

/**
 * cl_peer_encounters in the database itself, queried with raw SQL as the app role (cairn_app, NOBYPASSRLS): the
 * seed's rule `cl_check_sud_consent(chart_id, 'peer_encounter', <user>)` in the policy, revocation at once,
 * WITH CHECK on UPDATE, and the triggers (lock, vocabulary, chart) and checks (duration) behind the API.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });

const org = randomUUID();
const siteA = randomUUID();
const siteB = randomUUID();
const peer = randomUUID();
const billing = randomUUID();
const keys = ['plain', 'consented', 'unconsented'] as const;
type Key = (typeof keys)[number];
const patient = Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<Key, string>;
const chart = Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<Key, string>;
const encounter = Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<Key, string>;
const consentId = randomUUID();

/** One transaction as the app role with the tenant context the API would set. */
const asApp = <T>(user: string, sql: string, params: unknown[] = [], sites = '*'): Promise<T[]> =>
  queryAsTenant<T>(
    app,
    { organizationId: org, userId: user, siteIds: sites === '*' ? 'all' : sites.split(','), patientScope: 'site' },
    sql,
    params,
  );

const visible = async (user: string, sites = '*') =>
  (await asApp<{ id: string }>(user, 'SELECT id FROM cl_peer_encounters WHERE organization_id = $1', [org], sites)).map((r) => r.id).sort();

async function insertEncounter(
  id: string,
  key: Key,
  extra: { status?: string; serviceType?: string; source?: string; end?: string; minutes?: number } = {},
) {
  const finalized = extra.status === 'finalized';
  await owner.query(
    `INSERT INTO cl_peer_encounters (organization_id, id, site_id, patient_id, chart_id, peer_provider_id, service_date, start_time, end_time,
       duration_minutes, service_type, service_type_source, hcpcs_code, unit_basis, units, focus_notes, status, finalized_at, finalized_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, '2026-03-10', '09:00', $7, $8, $9, $10, 'H0038', 'per_15_minutes', 4, 'focus', $11, $12, $13, $6)`,
    [
      org,
      id,
      siteA,
      patient[key],
      chart[key],
      peer,
      extra.end ?? '09:53',
      extra.minutes ?? 53,
      extra.serviceType ?? 'peer_support',
      extra.source ?? 'pf15',
      extra.status ?? 'draft',
      finalized ? new Date() : null,
      finalized ? peer : null,
    ],
  );
}

beforeAll(async () => {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
  await q(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1::uuid, 'Peer RLS', 'peer-rls-' || $1::text)`, [org]);
  await q(`INSERT INTO pf_sites (organization_id, id, code, name) VALUES ($1, $2, 'A', 'A'), ($1, $3, 'B', 'B')`, [org, siteA, siteB]);
  for (const u of [peer, billing])
    await q(
      `INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1::uuid, $1::text || '@peer-rls.test', 'U', 'x')`,
      [u],
    );
  await q(
    `INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key) VALUES ($1, gen_random_uuid(), $2, 'peer_specialist'), ($1, gen_random_uuid(), $3, 'billing_coordinator')`,
    [org, peer, billing],
  );
  for (const k of keys) {
    await q(
      `INSERT INTO cl_patients (organization_id, id, site_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, 'P', 'Peer', '1990-01-01')`,
      [org, patient[k], siteA],
    );
    await q(
      `INSERT INTO cl_charts (organization_id, id, patient_id, mrn, is_part2, part2_program_name) VALUES ($1, $2, $3, $4, $5, 'OTP')`,
      [org, chart[k], patient[k], `PR-${chart[k].slice(0, 8)}`, k !== 'plain'],
    );
  }
  // A consent for peer encounters only, recipients the whole organization: peers (treatment) are covered.
  await q(
    `INSERT INTO cl_part2_consents (organization_id, id, patient_id, chart_id, consent_type, disclosing_party, information_description, record_types,
             recipients, purposes, effective_on, expiration_event, signed_by, signed_on, statements)
           VALUES ($1, $2, $3, $4, 'specific_disclosure', 'OTP', 'peer notes', '{peer_encounter}', $5::jsonb, '{treatment}', current_date - 1, 'end of treatment',
                   'patient', current_date - 1, '{right_to_revoke,redisclosure,treatment_not_conditioned}')`,
    [org, consentId, patient.consented, chart.consented, JSON.stringify([{ type: 'organization', organizationId: org }])],
  );
  for (const k of keys) await insertEncounter(encounter[k], k);
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

describe('row-level security of cl_peer_encounters (raw SQL as the app role)', () => {
  it("shows the peer the plain chart's encounter and the consented one, never the Part 2 encounter without consent", async () => {
    expect(await visible(peer)).toEqual([encounter.plain, encounter.consented].sort());
    // Even asked for by id, or counted.
    expect(await asApp(peer, 'SELECT * FROM cl_peer_encounters WHERE id = $1', [encounter.unconsented])).toEqual([]);
  });

  it("shows billing only the plain chart's encounter: the consent names treatment, not payment", async () => {
    expect(await visible(billing)).toEqual([encounter.plain]);
  });

  it('hides encounters at sites outside the context', async () => {
    expect(await visible(peer, siteB)).toEqual([]);
  });

  it('refuses an INSERT on a Part 2 chart without consent', async () => {
    await expect(
      asApp(
        peer,
        `INSERT INTO cl_peer_encounters (organization_id, id, site_id, patient_id, chart_id, peer_provider_id, service_date, start_time, end_time,
        duration_minutes, service_type, service_type_source, hcpcs_code, unit_basis, units, created_by)
      VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, '2026-03-11', '10:00', '10:30', 30, 'peer_support', 'pf15', 'H0038', 'per_15_minutes', 2, $5)`,
        [org, siteA, patient.unconsented, chart.unconsented, peer],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('updates nothing it cannot see, and WITH CHECK refuses an UPDATE that moves a row out of reach', async () => {
    const hidden = await asApp(peer, `UPDATE cl_peer_encounters SET focus_notes = 'x' WHERE id = $1 RETURNING id`, [encounter.unconsented]);
    expect(hidden).toEqual([]);
    // To a site the context does not permit.
    await expect(asApp(peer, 'UPDATE cl_peer_encounters SET site_id = $2 WHERE id = $1', [encounter.plain, siteB], siteA)).rejects.toThrow(
      /row-level security/,
    );
    // To the Part 2 chart (and its patient) no consent covers.
    await expect(
      asApp(peer, 'UPDATE cl_peer_encounters SET patient_id = $2, chart_id = $3 WHERE id = $1', [
        encounter.plain,
        patient.unconsented,
        chart.unconsented,
      ]),
    ).rejects.toThrow(/row-level security/);
    expect(await visible(peer)).toContain(encounter.plain);
  });

  it('applies a revocation at once: the next statement no longer sees the encounter or its addenda', async () => {
    const finalizedId = randomUUID();
    await insertEncounter(finalizedId, 'consented', { status: 'finalized' });
    await owner.query(
      `INSERT INTO cl_peer_encounter_addenda (organization_id, id, peer_encounter_id, author_id, body) VALUES ($1, gen_random_uuid(), $2, $3, 'addendum')`,
      [org, finalizedId, peer],
    );
    expect(await asApp(peer, 'SELECT id FROM cl_peer_encounter_addenda WHERE peer_encounter_id = $1', [finalizedId])).toHaveLength(1);
    await owner.query(`UPDATE cl_part2_consents SET revoked_at = now(), revoked_by = $2, revocation_method = 'written' WHERE id = $1`, [
      consentId,
      peer,
    ]);
    expect(await visible(peer)).toEqual([encounter.plain]);
    expect(await asApp(peer, 'SELECT id FROM cl_peer_encounter_addenda WHERE peer_encounter_id = $1', [finalizedId])).toEqual([]);
  });
});

describe('the rules the database keeps', () => {
  it('locks a finalized encounter and takes addenda only on finalized ones', async () => {
    const id = randomUUID();
    await insertEncounter(id, 'plain', { status: 'finalized' });
    await expect(asApp(peer, `UPDATE cl_peer_encounters SET focus_notes = 'changed' WHERE id = $1`, [id])).rejects.toThrow(
      /finalized and locked/,
    );
    await expect(
      asApp(
        peer,
        `INSERT INTO cl_peer_encounter_addenda (organization_id, id, peer_encounter_id, author_id, body) VALUES ($1, gen_random_uuid(), $2, $3, 'early')`,
        [org, encounter.plain, peer],
      ),
    ).rejects.toThrow(/not finalized/);
  });

  it('keeps the duration equal to end − start', async () => {
    await expect(insertEncounter(randomUUID(), 'plain', { end: '09:50', minutes: 53 })).rejects.toThrow(
      /cl_peer_encounters_duration_check/,
    );
  });

  it("refuses a chart that is not the patient's", async () => {
    await expect(
      owner.query(`UPDATE cl_peer_encounters SET chart_id = $2 WHERE id = $1`, [encounter.plain, chart.consented]),
    ).rejects.toThrow(/is not the chart of patient/);
  });

  it("takes service types from the vocabulary in force: PF-15 by default, the organization's own when use_pf15 is false", async () => {
    await expect(insertEncounter(randomUUID(), 'plain', { serviceType: 'housing_navigation' })).rejects.toThrow(
      /not in the vocabulary in force/,
    );
    await owner.query(
      `INSERT INTO cl_peer_service_types (organization_id, id, key, label, created_by) VALUES ($1, gen_random_uuid(), 'housing_navigation', 'Housing navigation', $2)`,
      [org, peer],
    );
    await owner.query(`INSERT INTO cl_peer_settings (organization_id, use_pf15, updated_by) VALUES ($1, false, $2)`, [org, peer]);
    await expect(insertEncounter(randomUUID(), 'plain', { serviceType: 'peer_support' })).rejects.toThrow(/not in the vocabulary in force/);
    await insertEncounter(randomUUID(), 'plain', { serviceType: 'housing_navigation', source: 'organization' });
    // Rows written under PF-15 keep their type: only a change of type is checked.
    await asApp(peer, `UPDATE cl_peer_encounters SET focus_notes = 'still fine' WHERE id = $1`, [encounter.plain]);
  });

  it('holds the PF-15 list the code knows, readable by the app role', async () => {
    const rows = await asApp<{ key: string; label: string }>(peer, 'SELECT key, label FROM pf_peer_encounter_types ORDER BY sort_order');
    expect(rows).toEqual(PF15_PEER_ENCOUNTER_TYPES.map((t) => ({ key: t.key, label: t.label })));
  });
});
