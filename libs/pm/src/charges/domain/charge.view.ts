import { isoDate } from '@cairn/platform/kernel';

import type { PmRow } from '../../pm.tx';
import type { ChargeSourceType, ChargeStatus, HoldReason } from './charge.rules';

type Charge = PmRow<'charge'>;

/** A charge as the API shows it: where it came from, and what was proposed against what PM bills. */
export interface ChargeView {
  id: string;
  status: ChargeStatus;
  holdReason: HoldReason | null;
  source: { type: ChargeSourceType; id: string; sessionId: string | null };
  encounterId: string | null;
  patientId: string | null;
  chartId: string | null;
  siteId: string | null;
  serviceDate: string;
  renderingProviderId: string;
  durationMinutes: number;
  proposed: { code: string; modifiers: string[] };
  final: { code: string | null; modifiers: string[] };
  units: number;
  unitBasis: string | null;
  rateCents: number | null;
  amountCents: number | null;
  feeScheduleEntryId: string | null;
  jurisdictionProfileKey: string;
  /**
   * 42 CFR Part 2: the charge belongs to a Part 2 chart and no consent lets the caller see its billing records, so
   * the patient, chart and encounter ids are withheld (the amounts and codes stay, for the ledger).
   */
  consentRequired: boolean;
  createdAt: string;
  /** Where the charge stands in its source's lineage (ADR 0011). */
  lifecycle: ChargeLifecycleView;
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

export function toChargeView(c: Charge): ChargeView {
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

/** The view with the patient's identifiers withheld (see ChargeView.consentRequired). */
export function withheldChargeView(view: ChargeView): ChargeView {
  return { ...view, patientId: null, chartId: null, encounterId: null, consentRequired: true };
}
