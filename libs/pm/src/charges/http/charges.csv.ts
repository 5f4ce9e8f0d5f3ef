import type { ChargeView } from '../domain/charge.view';

/** CSV columns of the charge export, in this order (modifiers joined with spaces). */
export const CHARGE_CSV_COLUMNS = [
  'id',
  'consentRequired',
  'withheldReason',
  'status',
  'holdReason',
  'sourceType',
  'sourceId',
  'sessionId',
  'encounterId',
  'patientId',
  'chartId',
  'siteId',
  'serviceDate',
  'renderingProviderId',
  'durationMinutes',
  'proposedCode',
  'proposedModifiers',
  'finalCode',
  'finalModifiers',
  'units',
  'unitBasis',
  'rateCents',
  'amountCents',
  'feeScheduleEntryId',
  'jurisdictionProfileKey',
  'part2Notice',
  'createdAt',
] as const;

/**
 * A charge's cells, in `CHARGE_CSV_COLUMNS` order: exactly the view's values, so a withheld charge (every field
 * null but its id and reason, ChargeView) is a line of empty cells there too.
 */
export function chargeCsvRow(c: ChargeView): (string | number | boolean | null)[] {
  return [
    c.id,
    c.consentRequired,
    c.withheldReason,
    c.status,
    c.holdReason,
    c.source?.type ?? null,
    c.source?.id ?? null,
    c.source?.sessionId ?? null,
    c.encounterId,
    c.patientId,
    c.chartId,
    c.siteId,
    c.serviceDate,
    c.renderingProviderId,
    c.durationMinutes,
    c.proposed?.code ?? null,
    c.proposed ? c.proposed.modifiers.join(' ') : null,
    c.final?.code ?? null,
    c.final ? c.final.modifiers.join(' ') : null,
    c.units,
    c.unitBasis,
    c.rateCents,
    c.amountCents,
    c.feeScheduleEntryId,
    c.jurisdictionProfileKey,
    c.part2Notice,
    c.createdAt,
  ];
}
