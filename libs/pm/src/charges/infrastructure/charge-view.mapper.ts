import type { PmRow, PmTx } from '../../pm.tx';
import { ChargeView, viewOfListedCharge } from '../domain/charge.view';
import type { ChargesRepository } from './charges.repository';

/**
 * Charges as the caller may see them (the lifecycle commands' answers), masked as the list masks them: a Part 2
 * chart's charge without the caller's billing consent is withheld (only its id); a shown one carries the §2.32
 * notice.
 */
export async function chargeViewsFor(tx: PmTx, charges: ChargesRepository, rows: readonly PmRow<'charge'>[]): Promise<ChargeView[]> {
  const charts = [...new Set(rows.map((r) => r.chartId).filter((c): c is string => c !== null))];
  const decisions = await charges.billingConsentOfCharts(tx, charts);
  return rows.map((r) => {
    const d = r.chartId === null ? undefined : decisions.get(r.chartId);
    return viewOfListedCharge({ charge: r, consented: d?.consented ?? true, part2: d?.part2 ?? false });
  });
}
