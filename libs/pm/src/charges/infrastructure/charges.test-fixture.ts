import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

import type { FeeEntry } from '../domain/charge.rules';

/**
 * Fixtures for the charge tests, written as the owner (bypassing RLS, as the publisher's context would have):
 * an organization of the test's own (so the demo data's fee schedule cannot interfere), group encounters as
 * PM's CreateGroupEncountersHandler writes them, fee schedule entries.
 */
export interface ChargeTestOrg {
  org: string;
  /** Inherits the organization's jurisdiction. */
  site: string;
  /** Bills under another state (Oregon: no profile of its own, so the CMS default). */
  oregonSite: string;
  provider: string;
}

export async function createChargeTestOrg(owner: Pool, jurisdiction = 'AZ'): Promise<ChargeTestOrg> {
  const org = randomUUID();
  const [site, oregonSite] = [randomUUID(), randomUUID()];
  await owner.query('INSERT INTO pf_organizations (id, name, slug, jurisdiction) VALUES ($1, $2, $3, $4)', [
    org,
    'Charges test',
    `charges-${org}`,
    jurisdiction,
  ]);
  await owner.query(
    `INSERT INTO pf_sites (organization_id, id, code, name, jurisdiction) VALUES ($1, $2, 'main', 'Main', NULL), ($1, $3, 'or', 'Portland', 'OR')`,
    [org, site, oregonSite],
  );
  return { org, site, oregonSite, provider: randomUUID() };
}

export interface TestEncounter {
  id: string;
  patientId: string;
  chartId: string;
}

/** `count` group encounters of one session (one per attendee). */
export async function insertGroupEncounters(
  owner: Pool,
  t: { org: string; site: string; provider: string },
  sessionId: string,
  count: number,
  serviceDate = '2026-03-10',
): Promise<TestEncounter[]> {
  const rows = Array.from({ length: count }, () => ({ id: randomUUID(), patientId: randomUUID(), chartId: randomUUID() }));
  await owner.query(
    `
    INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date, rendering_provider_id,
                               duration_minutes, attendance_status, source_type, source_id)
    SELECT $1, t.id, t.patient_id, t.chart_id, $2, 'group', $3::date, $4, 60, 'present', 'group_session', $5
    FROM unnest($6::uuid[], $7::uuid[], $8::uuid[]) AS t(id, patient_id, chart_id)`,
    [t.org, t.site, serviceDate, t.provider, sessionId, rows.map((r) => r.id), rows.map((r) => r.patientId), rows.map((r) => r.chartId)],
  );
  return rows;
}

export async function insertFeeEntry(owner: Pool, org: string, e: Partial<FeeEntry> & Pick<FeeEntry, 'code'>): Promise<string> {
  const id = e.id ?? randomUUID();
  await owner.query(
    `
    INSERT INTO pm_fee_schedule_entries (organization_id, id, code_system, code, modifier_match, modifiers, effective_from, effective_to,
      rate_cents, unit_basis, crosswalk_code, crosswalk_modifier_mode, crosswalk_modifiers)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      org,
      id,
      /^\d/.test(e.code) ? 'CPT' : 'HCPCS',
      e.code,
      e.modifierMatch ?? 'any',
      e.modifiers ?? [],
      e.effectiveFrom ?? '2025-01-01',
      e.effectiveTo ?? null,
      e.rateCents ?? 1000,
      e.unitBasis ?? 'per_session',
      e.crosswalkCode ?? null,
      e.crosswalkModifierMode ?? null,
      e.crosswalkModifiers ?? [],
    ],
  );
  return id;
}

/** One group encounter of a given patient (several sessions of one patient's day). */
export async function insertEncounterOf(
  owner: Pool,
  t: { org: string; provider: string },
  site: string,
  patient: { patientId: string; chartId: string },
  sessionId: string,
  serviceDate: string,
): Promise<TestEncounter> {
  const id = randomUUID();
  await owner.query(
    `
    INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date, rendering_provider_id,
                               duration_minutes, attendance_status, source_type, source_id)
    VALUES ($1, $2, $3, $4, $5, 'group', $6::date, $7, 60, 'present', 'group_session', $8)`,
    [t.org, id, patient.patientId, patient.chartId, site, serviceDate, t.provider, sessionId],
  );
  return { id, ...patient };
}
