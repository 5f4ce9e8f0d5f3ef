import { PART2_REDISCLOSURE_NOTICE } from '@cairn/platform/clinical';
import { isoDate } from '@cairn/platform/kernel';

import type { PmRow } from '../../pm.tx';
import type { ChargeSourceType, ChargeStatus, HoldReason } from './charge.rules';

type Charge = PmRow<'charge'>;

/** Why a charge shows nothing but its id (42 CFR Part 2). */
export const CHARGE_WITHHELD_REASONS = ['part2_consent_required'] as const;
export type ChargeWithheldReason = (typeof CHARGE_WITHHELD_REASONS)[number];

/**
 * A charge as the API shows it: where it came from, and what was proposed against what PM bills.
 *
 * 42 CFR Part 2: a charge of a Part 2 chart is a Part 2 billing record. When no consent lets the caller see the
 * chart's billing records it is *withheld*: only `id`, `consentRequired` and `withheldReason`; every other field
 * is null. The code and modifiers (H0005 HF), the amounts, rate and fee schedule entry (they name the code), units,
 * unit basis and minutes, the source (its generation or peer encounter, its session), the service date, site and
 * rendering provider, and the patient, chart and encounter would each tell who was treated for what. A charge of a
 * Part 2 chart that is shown carries `part2Notice` (§2.32).
 */
export interface ChargeView {
  id: string;
  status: ChargeStatus | null;
  holdReason: HoldReason | null;
  source: { type: ChargeSourceType; id: string; sessionId: string | null } | null;
  encounterId: string | null;
  patientId: string | null;
  chartId: string | null;
  siteId: string | null;
  serviceDate: string | null;
  renderingProviderId: string | null;
  durationMinutes: number | null;
  proposed: { code: string; modifiers: string[] } | null;
  final: { code: string | null; modifiers: string[] } | null;
  units: number | null;
  unitBasis: string | null;
  rateCents: number | null;
  amountCents: number | null;
  feeScheduleEntryId: string | null;
  jurisdictionProfileKey: string | null;
  /** 42 CFR Part 2: the charge belongs to a Part 2 chart and no consent lets the caller see its billing records. */
  consentRequired: boolean;
  /** Set exactly when the charge is withheld (then every field but id and consentRequired is null). */
  withheldReason: ChargeWithheldReason | null;
  /** The §2.32 notice, on a shown charge of a Part 2 chart. */
  part2Notice: string | null;
  createdAt: string | null;
  /** Where the charge stands in its source's lineage (ADR 0011); null when withheld. */
  lifecycle: ChargeLifecycleView | null;
}

/** A charge's lifecycle: which voided charge it corrects or re-prices, and when it was voided or billed. */
export interface ChargeLifecycleView {
  lineageSeq: number;
  correctsChargeId: string | null;
  correctionReason: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  billedAt: string | null;
}

/** A charge the caller may see in full; `part2` when its chart is a Part 2 record (the notice applies). */
export function toChargeView(c: Charge, part2 = false): ChargeView {
  return {
    id: c.id,
    status: c.status as ChargeStatus,
    holdReason: c.holdReason as HoldReason | null,
    source: { type: c.sourceType as ChargeSourceType, id: c.sourceId, sessionId: c.groupSessionId },
    encounterId: c.encounterId,
    patientId: c.patientId,
    chartId: c.chartId,
    siteId: c.siteId,
    serviceDate: isoDate(c.serviceDate),
    renderingProviderId: c.renderingProviderId,
    durationMinutes: c.durationMinutes,
    proposed: { code: c.proposedCode, modifiers: c.proposedModifiers },
    final: { code: c.finalCode, modifiers: c.finalModifiers },
    units: c.units,
    unitBasis: c.unitBasis,
    rateCents: c.rateCents,
    amountCents: c.amountCents,
    feeScheduleEntryId: c.feeScheduleEntryId,
    jurisdictionProfileKey: c.jurisdictionProfileKey,
    consentRequired: false,
    withheldReason: null,
    part2Notice: part2 ? PART2_REDISCLOSURE_NOTICE : null,
    createdAt: c.createdAt.toISOString(),
    lifecycle: {
      lineageSeq: c.lineageSeq,
      correctsChargeId: c.correctsChargeId,
      correctionReason: c.correctionReason,
      voidedAt: c.voidedAt?.toISOString() ?? null,
      voidReason: c.voidReason,
      billedAt: c.billedAt?.toISOString() ?? null,
    },
  };
}

/** A withheld charge (see ChargeView): built from its id alone, so no other field can leak. */
export function withheldChargeView(id: string): ChargeView {
  return {
    id,
    status: null,
    holdReason: null,
    source: null,
    encounterId: null,
    patientId: null,
    chartId: null,
    siteId: null,
    serviceDate: null,
    renderingProviderId: null,
    durationMinutes: null,
    proposed: null,
    final: null,
    units: null,
    unitBasis: null,
    rateCents: null,
    amountCents: null,
    feeScheduleEntryId: null,
    jurisdictionProfileKey: null,
    consentRequired: true,
    withheldReason: 'part2_consent_required',
    part2Notice: null,
    createdAt: null,
    lifecycle: null,
  };
}

/** The view of a listed charge with the caller's Part 2 decision for its chart. */
export function viewOfListedCharge(r: { charge: Charge; consented: boolean; part2: boolean }): ChargeView {
  return r.consented ? toChargeView(r.charge, r.part2) : withheldChargeView(r.charge.id);
}

/** Audit facts of listed charges: ids, the patients shown, and which Part 2 charges were shown or withheld. */
export function chargeListAuditScope(items: readonly ChargeView[]): Record<string, unknown> {
  const withheld = items.filter((i) => i.consentRequired).map((i) => i.id);
  const disclosed = items.filter((i) => i.part2Notice !== null).map((i) => i.id);
  return {
    resultChargeIds: items.map((r) => r.id),
    resultPatientIds: [...new Set(items.map((r) => r.patientId).filter(Boolean))],
    ...(withheld.length > 0 ? { part2Withheld: withheld.length, part2Denied: true, part2WithheldChargeIds: withheld } : {}),
    ...(disclosed.length > 0 ? { part2: true, part2NoticeApplies: true, part2ChargeIds: disclosed } : {}),
  };
}
