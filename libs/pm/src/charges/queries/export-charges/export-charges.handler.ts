import { QueryHandler } from '@nestjs/cqrs';

import { assertDateRange, RuleViolationError } from '@cairn/platform/kernel';
import { setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { chargeListAuditScope, ChargeView, viewOfListedCharge } from '../../domain/charge.view';
import { ChargeListRepository } from '../../infrastructure/charge-list.repository';
import { CHARGE_FILTER_NAMES } from '../list-charges/list-charges.handler';
import { ExportChargesQuery } from './export-charges.query';

/** The most charges one CSV export holds; more answers 422 (narrow the service dates or the site). */
export const MAX_CHARGE_EXPORT_ROWS = 10_000;

/**
 * The CSV export of the charge list: the same filters, every matching charge in list order, masked exactly like the
 * list (a withheld charge of a Part 2 chart is its id and why only; a shown one carries the §2.32 notice). Read and
 * audited in one transaction before a byte is sent (the controller streams the result). Audited as `charge.export`
 * with every charge id exported.
 */
@QueryHandler(ExportChargesQuery)
@TenantUseCase(ExportChargesQuery, { audit: { action: 'charge.export', resource: 'charge', patient: (q) => q.filter.patientId } })
export class ExportChargesHandler implements PmUseCaseHandler<ExportChargesQuery, ChargeView[]> {
  constructor(private readonly charges: ChargeListRepository) {}

  async execute({ filter }: ExportChargesQuery, { ctx, tx, audit }: PmUseCase): Promise<ChargeView[]> {
    assertDateRange(filter.from, filter.to);
    const rows = await this.charges.all(tx, ctx.organizationId, ctx.siteIds, filter, MAX_CHARGE_EXPORT_ROWS);
    if (rows.length > MAX_CHARGE_EXPORT_ROWS) {
      throw new RuleViolationError(`More than ${MAX_CHARGE_EXPORT_ROWS} charges match: narrow the service dates or the site.`, [
        { field: 'from', message: `at most ${MAX_CHARGE_EXPORT_ROWS} charges per export` },
      ]);
    }
    const items = rows.map(viewOfListedCharge);
    audit.scope({
      filters: setFilterNames(filter, [...CHARGE_FILTER_NAMES]),
      format: 'csv',
      rows: items.length,
      ...chargeListAuditScope(items),
    });
    return items;
  }
}
