import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

import type { UnitBasis } from '@cairn/platform/code-library';

import type { PmTx } from '../../pm.tx';
import type { ChargeDecision, ChargeSourceType, CrosswalkModifierMode, FeeEntry, ModifierMatch } from '../domain/charge.rules';

export interface NewCharge extends ChargeDecision {
  sourceType: ChargeSourceType;
  sourceId: string;
  encounterId: string | null;
  patientId: string | null;
  chartId: string | null;
  siteId: string | null;
  serviceDate: string;
  renderingProviderId: string;
  groupSessionId: string | null;
  durationMinutes: number;
  proposedCode: string;
  proposedModifiers: string[];
  jurisdictionProfileKey: string;
}

/**
 * Reads and writes of charge capture, in the consumer's transaction, one statement each whatever the batch size
 * (an approval event carries up to dozens of generations; the pipeline target is 1,000+ attendances/s).
 */
/** A charge the INSERT actually created (a replay creates none). */
export interface CreatedCharge {
  id: string;
  source_id: string;
  status: string;
  site_id: string | null;
  rendering_provider_id: string;
  service_date: Date;
  code: string;
  amount_cents: number | null;
  created_at: Date;
}

@Injectable()
export class ChargesRepository {
  /** Every fee schedule entry for the codes that is in effect on some day of [from, to]. */
  async feeEntries(tx: PmTx, organizationId: string, codes: readonly string[], from: string, to: string): Promise<FeeEntry[]> {
    if (codes.length === 0) return [];
    const rows = await tx.$queryRaw<
      {
        id: string;
        code: string;
        modifier_match: string;
        modifiers: string[];
        effective_from: string;
        effective_to: string | null;
        rate_cents: number;
        unit_basis: string;
        crosswalk_code: string | null;
        crosswalk_modifier_mode: string | null;
        crosswalk_modifiers: string[];
      }[]
    >`
      SELECT id, code, modifier_match, modifiers, effective_from::text AS effective_from, effective_to::text AS effective_to, rate_cents,
             unit_basis, crosswalk_code, crosswalk_modifier_mode, crosswalk_modifiers
      FROM pm_fee_schedule_entries
      WHERE organization_id = ${organizationId}::uuid AND code = ANY (${[...new Set(codes)]}::text[])
        AND effective_from <= ${to}::date AND (effective_to IS NULL OR effective_to >= ${from}::date)`;
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      modifierMatch: r.modifier_match as ModifierMatch,
      modifiers: r.modifiers,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      rateCents: r.rate_cents,
      unitBasis: r.unit_basis as UnitBasis,
      crosswalkCode: r.crosswalk_code,
      crosswalkModifierMode: r.crosswalk_modifier_mode as CrosswalkModifierMode | null,
      crosswalkModifiers: r.crosswalk_modifiers,
    }));
  }

  /**
   * One multi-row INSERT, insert-once on (organization, source type, source id): a charge that exists already (a
   * replayed or re-published event) is left as it is. Returns the charges actually created.
   */
  async insert(tx: PmTx, organizationId: string, charges: readonly NewCharge[]): Promise<CreatedCharge[]> {
    if (charges.length === 0) return [];
    const rows = charges.map((c) => ({
      id: randomUUID(),
      source_type: c.sourceType,
      source_id: c.sourceId,
      encounter_id: c.encounterId,
      patient_id: c.patientId,
      chart_id: c.chartId,
      site_id: c.siteId,
      service_date: c.serviceDate,
      rendering_provider_id: c.renderingProviderId,
      group_session_id: c.groupSessionId,
      duration_minutes: c.durationMinutes,
      proposed_code: c.proposedCode,
      proposed_modifiers: c.proposedModifiers,
      final_code: c.finalCode,
      final_modifiers: c.finalModifiers,
      units: c.units,
      unit_basis: c.unitBasis,
      rate_cents: c.rateCents,
      amount_cents: c.amountCents,
      status: c.status,
      hold_reason: c.holdReason,
      fee_schedule_entry_id: c.feeScheduleEntryId,
      jurisdiction_profile_key: c.jurisdictionProfileKey,
    }));
    return tx.$queryRaw`
      INSERT INTO pm_charges (organization_id, id, source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
        rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers,
        units, unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key)
      SELECT ${organizationId}::uuid, r.id, r.source_type, r.source_id, r.encounter_id, r.patient_id, r.chart_id, r.site_id, r.service_date,
        r.rendering_provider_id, r.group_session_id, r.duration_minutes, r.proposed_code, r.proposed_modifiers, r.final_code,
        r.final_modifiers, r.units, r.unit_basis, r.rate_cents, r.amount_cents, r.status, r.hold_reason, r.fee_schedule_entry_id,
        r.jurisdiction_profile_key
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, source_type text, source_id uuid, encounter_id uuid,
        patient_id uuid, chart_id uuid, site_id uuid, service_date date, rendering_provider_id uuid, group_session_id uuid,
        duration_minutes int, proposed_code text, proposed_modifiers text[], final_code text, final_modifiers text[], units int,
        unit_basis text, rate_cents int, amount_cents int, status text, hold_reason text, fee_schedule_entry_id uuid,
        jurisdiction_profile_key text)
      ON CONFLICT (organization_id, source_type, source_id) DO NOTHING
      RETURNING id, source_id, status, site_id, rendering_provider_id, service_date, COALESCE(final_code, proposed_code) AS code,
        amount_cents, created_at`;
  }

  /**
   * 42 CFR Part 2: may the transaction's user see billing records of each chart? Asked of cl_check_sud_consent (the
   * SQL helper CL shares with every context's policies), one statement for all the charts; a chart not under Part 2
   * always passes. Keyed by the chart id as PostgreSQL prints it (lower case).
   */
  async billingConsentOfCharts(tx: PmTx, chartIds: readonly string[]): Promise<Map<string, boolean>> {
    const consented = new Map<string, boolean>();
    if (chartIds.length === 0) return consented;
    const checks = await tx.$queryRaw<{ chart_id: string; ok: boolean }[]>`
      SELECT c::text AS chart_id, COALESCE(cl_check_sud_consent(c, 'billing', pf_ctx_user()), false) AS ok FROM unnest(${[...chartIds]}::uuid[]) AS c`;
    for (const c of checks) consented.set(c.chart_id, c.ok);
    return consented;
  }
}
