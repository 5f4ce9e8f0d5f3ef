import type { JurisdictionProfile } from '@cairn/platform/jurisdiction';
import type { OutboxPublisher } from '@cairn/platform/messaging';

import type { PmRow, PmTx } from '../../pm.tx';
import type { ChargeDecision } from '../domain/charge.rules';
import { poolTimedUnits, type PoolLine } from '../domain/timed-pooling.rules';
import { publishChargeStatusChanged } from './charge-events.gateway';
import type { ChargesRepository, NewCharge } from './charges.repository';

type Charge = PmRow<'charge'>;

/** Units, amount and status of a pooled line: 0 units holds (zero_units); a future service date holds; else ready. */
function pooledDecision(
  d: Pick<ChargeDecision, 'finalCode' | 'finalModifiers' | 'unitBasis' | 'rateCents' | 'feeScheduleEntryId'>,
  units: number,
  future: boolean,
): ChargeDecision {
  const priced = {
    finalCode: d.finalCode,
    finalModifiers: d.finalModifiers,
    unitBasis: d.unitBasis,
    rateCents: d.rateCents,
    feeScheduleEntryId: d.feeScheduleEntryId,
    units,
    amountCents: units * (d.rateCents ?? 0),
  };
  if (units === 0) return { ...priced, status: 'on_hold', holdReason: 'zero_units' };
  if (future) return { ...priced, status: 'on_hold', holdReason: 'future_service_date' };
  return { ...priced, status: 'ready', holdReason: null };
}

/**
 * The CMS 8-minute rule pooled per patient and day (ADR 0008 §3, ADR 0011), applied in the charge step before the
 * new charges are inserted. For each patient and day with a new timed charge (per 15 minutes, priced) under a
 * profile whose rule is `cms_8_minute`: lock the day, read the patient's current timed charges of that day under
 * the same profile, pool their minutes with the new ones and give the units out again (poolTimedUnits). New
 * charges take their share (the rows are changed before insert); an unbilled existing charge whose share changed
 * is re-priced as every change of a charge is: voided (`repriced`) and replaced by a new charge one lineage step
 * on. A billed charge keeps its units. Other profiles (midpoint, whole units) count each service on its own:
 * nothing here touches them. Returns the re-priced charges.
 */
export async function poolTimedChargesOfDays(
  tx: PmTx,
  charges: ChargesRepository,
  outbox: OutboxPublisher,
  organizationId: string,
  rows: NewCharge[],
  profileOf: (siteId: string | null) => JurisdictionProfile,
  todayOf: (siteId: string | null) => string,
): Promise<{ voided: string; correction: string }[]> {
  const pooled = rows.filter(
    (r) =>
      r.patientId !== null &&
      r.unitBasis === 'per_15_minutes' &&
      r.feeScheduleEntryId !== null &&
      r.holdReason !== 'invalid_duration' &&
      profileOf(r.siteId).timedUnitRule === 'cms_8_minute',
  );
  const days = new Map<string, NewCharge[]>();
  for (const r of pooled) {
    const key = `${r.patientId}|${r.serviceDate}|${r.jurisdictionProfileKey}`;
    days.set(key, [...(days.get(key) ?? []), r]);
  }
  const repriced: { voided: string; correction: string }[] = [];
  // Sorted, so two events locking several days always lock them in the same order.
  for (const key of [...days.keys()].sort()) {
    const fresh = days.get(key)!;
    const { patientId, serviceDate, jurisdictionProfileKey: profileKey, siteId } = fresh[0]!;
    await charges.lockPatientDay(tx, organizationId, patientId!, serviceDate);
    const existing = await charges.timedChargesOfDay(tx, organizationId, patientId!, serviceDate, profileKey);
    // A replayed charge (its source and round charged already) is not new: its insert will change nothing.
    const known = new Set(existing.map((c) => `${c.sourceType}|${c.sourceId}|${c.sourceRound}`));
    const newLines = fresh.filter((r) => !known.has(`${r.sourceType}|${r.sourceId}|${r.sourceRound}`));
    if (newLines.length === 0) continue;
    const lines: PoolLine[] = [
      ...existing.map((c) => ({ key: c.id, minutes: c.durationMinutes, fixedUnits: c.status === 'billed' ? c.units : null })),
      ...newLines.map((r, i) => ({ key: `new-${i}`, minutes: r.durationMinutes, fixedUnits: null })),
    ];
    const units = poolTimedUnits(lines, profileOf(siteId).timedUnitMinutes);
    const future = serviceDate > todayOf(siteId);
    newLines.forEach((r, i) => Object.assign(r, pooledDecision(r, units.get(`new-${i}`)!, future)));
    for (const c of existing) {
      const share = units.get(c.id)!;
      if (c.status === 'billed' || share === c.units) continue;
      const replacement = await repricePooled(
        tx,
        charges,
        outbox,
        organizationId,
        c,
        pooledDecision({ ...c, unitBasis: 'per_15_minutes' }, share, future),
      );
      if (replacement) repriced.push(replacement);
    }
  }
  return repriced;
}

async function repricePooled(
  tx: PmTx,
  charges: ChargesRepository,
  outbox: OutboxPublisher,
  organizationId: string,
  charge: Charge,
  decision: ChargeDecision,
): Promise<{ voided: string; correction: string } | null> {
  const voided = await charges.transition(tx, organizationId, charge.id, { status: 'voided', reason: 'repriced', by: null });
  if (!voided) return null; // voided or billed meanwhile by a biller: nothing to re-price
  const correction = await charges.insertCorrection(tx, voided, decision, { reason: 'repriced', by: null });
  await publishChargeStatusChanged(outbox, voided, charge.status, null, correction.id);
  return { voided: voided.id, correction: correction.id };
}
