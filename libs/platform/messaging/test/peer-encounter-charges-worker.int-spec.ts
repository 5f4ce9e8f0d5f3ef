import { randomUUID } from 'node:crypto';

import { PEER_ENCOUNTER_FINALIZED_V1, PeerEncounterFinalizedV1 } from '@cairn/platform/clinical';

import { buildEvent } from '../src';
import { waitFor } from './probe';
import { workerScenario } from './worker-scenario';

jest.setTimeout(120_000);

// CL-19 -> PM-07 through the REAL worker process (apps/worker/src/main.ts: relay, PM's charge consumer) on a
// database of its own with the demo data: a finalized peer encounter's `peer_encounter_finalized.v1`, delivered
// three times with the same event id and re-published twice with new ids (a replayed finalize), gives exactly
// one charge, priced through the fee schedule with the units the encounter stored.
const CONSUMER = 'pm.charge-creation';
const scenario = workerScenario('peer-charges');
const { stderr, publish } = scenario;

it('charges a finalized peer encounter once however often its event is delivered or re-published', async () => {
  const owner = scenario.db.owner;
  const {
    rows: [sonoran],
  } = await owner.query<{ id: string }>(`SELECT id FROM pf_organizations WHERE slug = 'sonoran'`);
  const org = sonoran!.id;
  const {
    rows: [site],
  } = await owner.query<{ id: string }>(`SELECT id FROM pf_sites WHERE organization_id = $1 AND code = 'TUC'`, [org]);
  const {
    rows: [peer],
  } = await owner.query<{ id: string }>(`SELECT id FROM pf_staff_users WHERE email = 'peer@sonoran.cairn.test'`);
  const {
    rows: [p],
  } = await owner.query<{ patient_id: string; chart_id: string }>(
    `SELECT p.id AS patient_id, c.id AS chart_id FROM cl_patients p JOIN cl_charts c ON c.organization_id = p.organization_id AND c.patient_id = p.id
     WHERE p.site_id = $1 AND NOT c.is_part2 ORDER BY p.id LIMIT 1`,
    [site!.id],
  );

  // What FinalizePeerEncounterHandler leaves behind (its own transaction is tested in apps/api/test): the locked
  // encounter with its units, PM's peer encounter, and the event in the outbox.
  const peerEncounterId = randomUUID();
  const encounterId = randomUUID();
  await owner.query(
    `INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date, rendering_provider_id, duration_minutes, source_type, source_id)
     VALUES ($1, $2, $3, $4, $5, 'peer', '2026-03-10', $6, 53, 'peer_encounter', $7)`,
    [org, encounterId, p!.patient_id, p!.chart_id, site!.id, peer!.id, peerEncounterId],
  );
  await owner.query(
    `INSERT INTO cl_peer_encounters (organization_id, id, site_id, patient_id, chart_id, encounter_id, peer_provider_id, service_date, start_time, end_time,
       duration_minutes, service_type, service_type_source, hcpcs_code, unit_basis, units, focus_notes, status, finalized_at, finalized_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-03-10', '09:00', '09:53', 53, 'peer_support', 'pf15', 'H0038', 'per_15_minutes', 4, 'focus', 'finalized', now(), $7, $7)`,
    [org, peerEncounterId, site!.id, p!.patient_id, p!.chart_id, encounterId, peer!.id],
  );
  const payload: PeerEncounterFinalizedV1 = {
    organization_id: org,
    peer_encounter_id: peerEncounterId,
    chart_id: p!.chart_id,
    encounter_id: encounterId,
    peer_provider_id: peer!.id,
    service_date: '2026-03-10',
    hcpcs_code: 'H0038',
    duration_minutes: 53,
  };
  const first = buildEvent(PEER_ENCOUNTER_FINALIZED_V1, org, payload);
  await publish(first);
  const charges = () => owner.query(`SELECT * FROM pm_charges WHERE source_type = 'peer_encounter' AND source_id = $1`, [peerEncounterId]);
  await waitFor('the first delivery to be charged', async () => (await charges()).rows.length > 0, 60_000, 100);

  await scenario.replay('charge-creation', CONSUMER, first, [
    buildEvent(PEER_ENCOUNTER_FINALIZED_V1, org, payload),
    buildEvent(PEER_ENCOUNTER_FINALIZED_V1, org, payload),
  ]);

  const rows = (await charges()).rows;
  expect(rows).toHaveLength(1);
  // Arizona (AHCCCS, midpoint): 53 minutes of H0038 are 4 units, as the encounter stored; Sonoran's 2025+ rate.
  const {
    rows: [stored],
  } = await owner.query<{ units: number }>('SELECT units FROM cl_peer_encounters WHERE id = $1', [peerEncounterId]);
  expect(rows[0]).toMatchObject({
    status: 'ready',
    final_code: 'H0038',
    units: stored!.units,
    unit_basis: 'per_15_minutes',
    rate_cents: 1100,
    amount_cents: 4 * 1100,
    encounter_id: encounterId,
    patient_id: p!.patient_id,
    site_id: site!.id,
    rendering_provider_id: peer!.id,
    jurisdiction_profile_key: 'us-az-ahcccs',
  });
  expect(stderr.join('')).not.toMatch(/failed/);
}, 120_000);
