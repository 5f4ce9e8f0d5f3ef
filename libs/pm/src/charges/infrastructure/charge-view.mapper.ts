import type { PmRow, PmTx } from '../../pm.tx';
import { ChargeView, toChargeView, withheldChargeView } from '../domain/charge.view';
import type { ChargesRepository } from './charges.repository';

/** Charges as the caller may see them: a Part 2 chart's without a billing consent has its patient identifiers withheld. */
export async function chargeViewsFor(tx: PmTx, charges: ChargesRepository, rows: readonly PmRow<'charge'>[]): Promise<ChargeView[]> {
  const charts = [...new Set(rows.map((r) => r.chartId).filter((c): c is string => c !== null))];
  const consented = await charges.billingConsentOfCharts(tx, charts);
  return rows.map((r) =>
    r.chartId !== null && consented.get(r.chartId) === false ? withheldChargeView(toChargeView(r)) : toChargeView(r),
  );
}
