import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

import type { UnitBasis } from '@cairn/platform/code-library';

import type { PmRow, PmTx } from '../../pm.tx';
import type { ChargeDecision, ChargeSourceType, CrosswalkModifierMode, FeeEntry, ModifierMatch, VoidReason } from '../domain/charge.rules';

type Charge = PmRow<'charge'>;

export interface NewCharge extends ChargeDecision {
  sourceType: ChargeSourceType;
  sourceId: string;
  /** The source's review round (1 unless its review was reopened and approved again). */
  sourceRound: number;
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
   * One multi-row INSERT of first charges (lineage step 0), insert-once on (organization, source type, source id,
   * step): a charge that exists already (a replayed or re-published event), even voided since, is left as it is.
   * Returns the charges actually created.
   */
  async insert(tx: PmTx, organizationId: string, charges: readonly NewCharge[]): Promise<CreatedCharge[]> {
    if (charges.length === 0) return [];
    const rows = charges.map((c) => ({
      id: randomUUID(),
      source_type: c.sourceType,
      source_id: c.sourceId,
      source_round: c.sourceRound,
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
      INSERT INTO pm_charges (organization_id, id, source_type, source_id, source_round, encounter_id, patient_id, chart_id, site_id, service_date,
        rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers,
        units, unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key)
      SELECT ${organizationId}::uuid, r.id, r.source_type, r.source_id, r.source_round, r.encounter_id, r.patient_id, r.chart_id, r.site_id, r.service_date,
        r.rendering_provider_id, r.group_session_id, r.duration_minutes, r.proposed_code, r.proposed_modifiers, r.final_code,
        r.final_modifiers, r.units, r.unit_basis, r.rate_cents, r.amount_cents, r.status, r.hold_reason, r.fee_schedule_entry_id,
        r.jurisdiction_profile_key
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, source_type text, source_id uuid, source_round int, encounter_id uuid,
        patient_id uuid, chart_id uuid, site_id uuid, service_date date, rendering_provider_id uuid, group_session_id uuid,
        duration_minutes int, proposed_code text, proposed_modifiers text[], final_code text, final_modifiers text[], units int,
        unit_basis text, rate_cents int, amount_cents int, status text, hold_reason text, fee_schedule_entry_id uuid,
        jurisdiction_profile_key text)
      ON CONFLICT (organization_id, source_type, source_id, source_round, lineage_seq) DO NOTHING
      RETURNING id, source_id, status, site_id, rendering_provider_id, service_date, COALESCE(final_code, proposed_code) AS code,
        amount_cents, created_at`;
  }

  /**
   * 42 CFR Part 2: may the transaction's user see billing records of each chart, and is the chart a Part 2 record
   * at all (then a shown charge carries the §2.32 notice)? Both asked of cl_check_sud_consent (the SQL helper CL
   * shares with every context's policies; PM reads no CL table; with no user its documented answer is true only for
   * a chart not under Part 2, so an unknown chart is treated as Part 2: withheld, never shown without the notice),
   * one statement for all the charts. Keyed by the chart id as PostgreSQL prints it (lower case). The one Part 2
   * decision of charges: the list, its export, the lifecycle answers and the dashboards' drill-through.
   */
  async billingConsentOfCharts(tx: PmTx, chartIds: readonly string[]): Promise<Map<string, { consented: boolean; part2: boolean }>> {
    const decisions = new Map<string, { consented: boolean; part2: boolean }>();
    if (chartIds.length === 0) return decisions;
    const checks = await tx.$queryRaw<{ chart_id: string; consented: boolean; part2: boolean }[]>`
      SELECT c::text AS chart_id,
             COALESCE(cl_check_sud_consent(c, 'billing', pf_ctx_user()), false) AS consented,
             NOT COALESCE(cl_check_sud_consent(c, 'billing', NULL), false) AS part2
        FROM unnest(${[...chartIds]}::uuid[]) AS c`;
    for (const c of checks) decisions.set(c.chart_id, { consented: c.consented, part2: c.part2 });
    return decisions;
  }

  /**
   * The one guard of every lifecycle transition: a conditional UPDATE of the status (and the columns recording the
   * transition) from the states it may leave. Of two concurrent calls the second waits for the first's row lock,
   * then finds the status changed and updates nothing. Returns the charge after the transition, or null when none
   * happened (the caller reads the charge to say why). The trigger pm_charges_guard backs it in the database.
   */
  async transition(
    tx: PmTx,
    organizationId: string,
    id: string,
    to: { status: 'voided'; reason: VoidReason; by: string | null } | { status: 'billed'; by: string },
  ): Promise<Charge | null> {
    const from = to.status === 'voided' ? ['ready', 'on_hold'] : ['ready'];
    const data =
      to.status === 'voided'
        ? { status: 'voided', voidedAt: new Date(), voidedBy: to.by, voidReason: to.reason }
        : { status: 'billed', billedAt: new Date(), billedBy: to.by };
    const { count } = await tx.charge.updateMany({ where: { organizationId, id, status: { in: from } }, data });
    if (count !== 1) return null;
    return tx.charge.findUnique({ where: { organizationId_id: { organizationId, id } } });
  }

  /** The current charge of a source: its latest review round's latest lineage step (a correction replaces a voided one). */
  currentOfSource(tx: PmTx, organizationId: string, sourceType: string, sourceId: string): Promise<Charge | null> {
    return tx.charge.findFirst({
      where: { organizationId, sourceType, sourceId },
      orderBy: [{ sourceRound: 'desc' }, { lineageSeq: 'desc' }],
    });
  }

  find(tx: PmTx, organizationId: string, id: string): Promise<Charge | null> {
    return tx.charge.findUnique({ where: { organizationId_id: { organizationId, id } } });
  }

  /**
   * The charge that replaces a voided one: the same source and service facts, the new pricing, one lineage step on.
   * Unique on (organization, corrects_charge_id) and on the lineage step: a second correction of one charge fails.
   */
  insertCorrection(
    tx: PmTx,
    voided: Charge,
    decision: ChargeDecision,
    over: { reason: 'corrected' | 'repriced'; by: string | null; proposedCode?: string; proposedModifiers?: string[] },
  ): Promise<Charge> {
    return tx.charge.create({
      data: {
        organizationId: voided.organizationId,
        id: randomUUID(),
        sourceType: voided.sourceType,
        sourceId: voided.sourceId,
        sourceRound: voided.sourceRound,
        encounterId: voided.encounterId,
        patientId: voided.patientId,
        chartId: voided.chartId,
        siteId: voided.siteId,
        serviceDate: voided.serviceDate,
        renderingProviderId: voided.renderingProviderId,
        groupSessionId: voided.groupSessionId,
        durationMinutes: voided.durationMinutes,
        proposedCode: over.proposedCode ?? voided.proposedCode,
        proposedModifiers: over.proposedModifiers ?? voided.proposedModifiers,
        finalCode: decision.finalCode,
        finalModifiers: decision.finalModifiers,
        units: decision.units,
        unitBasis: decision.unitBasis,
        rateCents: decision.rateCents,
        amountCents: decision.amountCents,
        status: decision.status,
        holdReason: decision.holdReason,
        feeScheduleEntryId: decision.feeScheduleEntryId,
        jurisdictionProfileKey: voided.jurisdictionProfileKey,
        lineageSeq: voided.lineageSeq + 1,
        correctsChargeId: voided.id,
        correctionReason: over.reason,
        createdBy: over.by,
      },
    });
  }

  /**
   * Held charges a new fee schedule entry may now price: on hold for no fee schedule entry, for its code, with a
   * service date in its period. Locked (FOR UPDATE, in id order) so a concurrent void or re-pricing waits.
   */
  async heldForEntry(
    tx: PmTx,
    organizationId: string,
    entry: { code: string; effectiveFrom: string; effectiveTo: string | null },
  ): Promise<Charge[]> {
    const ids = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM pm_charges
      WHERE organization_id = ${organizationId}::uuid AND status = 'on_hold' AND hold_reason = 'no_fee_schedule_entry'
        AND proposed_code = ${entry.code} AND service_date >= ${entry.effectiveFrom}::date
        AND (${entry.effectiveTo}::date IS NULL OR service_date <= ${entry.effectiveTo}::date)
      ORDER BY id FOR UPDATE`;
    if (ids.length === 0) return [];
    return tx.charge.findMany({ where: { organizationId, id: { in: ids.map((r) => r.id) } }, orderBy: { id: 'asc' } });
  }

  /**
   * Locks the current charge of a source's review round: its latest lineage step. A correction committed while we
   * waited for the lock adds a later step, so the lock is taken again until the locked row is the latest.
   */
  async lockCurrentOfRound(tx: PmTx, organizationId: string, sourceType: string, sourceId: string, round: number): Promise<Charge | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const [latest] = await tx.$queryRaw<{ id: string; lineage_seq: number }[]>`
        SELECT id, lineage_seq FROM pm_charges
        WHERE organization_id = ${organizationId}::uuid AND source_type = ${sourceType} AND source_id = ${sourceId}::uuid
          AND source_round = ${round}
        ORDER BY lineage_seq DESC LIMIT 1 FOR UPDATE`;
      if (!latest) return null;
      const [newer] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pm_charges
        WHERE organization_id = ${organizationId}::uuid AND source_type = ${sourceType} AND source_id = ${sourceId}::uuid
          AND source_round = ${round} AND lineage_seq > ${latest.lineage_seq}`;
      if (newer!.n === 0) return this.find(tx, organizationId, latest.id);
    }
    throw new Error(`the charge of ${sourceType} ${sourceId} kept changing while it was being locked`);
  }

  /**
   * Serialises charge capture for one patient and day (a transaction-level advisory lock): two events pooling the
   * same day's timed minutes (a group approval and a peer encounter, in two consumers) take turns, so neither
   * allocates units without seeing the other's charge.
   */
  async lockPatientDay(tx: PmTx, organizationId: string, patientId: string, serviceDate: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pm_charges_day|${organizationId}|${patientId}|${serviceDate}`}, 0))`;
  }

  /**
   * The patient's current timed charges of a day under one jurisdiction profile that a pool counts: priced by a
   * fee schedule entry per 15 minutes, not voided (billed ones included: they are final but their minutes and
   * units count), oldest first.
   */
  timedChargesOfDay(tx: PmTx, organizationId: string, patientId: string, serviceDate: string, profileKey: string): Promise<Charge[]> {
    return tx.charge.findMany({
      where: {
        organizationId,
        patientId,
        serviceDate: new Date(`${serviceDate}T00:00:00Z`),
        jurisdictionProfileKey: profileKey,
        unitBasis: 'per_15_minutes',
        feeScheduleEntryId: { not: null },
        status: { in: ['ready', 'on_hold', 'billed'] },
        OR: [{ holdReason: null }, { holdReason: { in: ['zero_units', 'future_service_date'] } }],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }
}
