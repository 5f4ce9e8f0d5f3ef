import { QueryHandler } from '@nestjs/cqrs';

import { Page, pageOf, pageWindow } from '@cairn/platform/http';
import { assertDateRange } from '@cairn/platform/kernel';
import { setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { chargeListAuditScope, ChargeView, viewOfListedCharge } from '../../domain/charge.view';
import { ChargeListRepository } from '../../infrastructure/charge-list.repository';
import { ListChargesQuery } from './list-charges.query';

export const CHARGE_FILTER_NAMES = ['status', 'siteId', 'from', 'to', 'sourceType', 'sessionId', 'patientId'] as const;

/**
 * One page of charges at the caller's sites, newest service date first. 42 CFR Part 2: a charge of a Part 2 chart
 * the caller has no consent for (billing records) is withheld, its id and why only; a shown one carries the §2.32
 * notice (ChargeView). Audited with the charges listed and, for Part 2 charges, which were shown and withheld.
 */
@QueryHandler(ListChargesQuery)
@TenantUseCase(ListChargesQuery, { audit: { action: 'charge.list', resource: 'charge', patient: (q) => q.filter.patientId } })
export class ListChargesHandler implements PmUseCaseHandler<ListChargesQuery, Page<ChargeView>> {
  constructor(private readonly charges: ChargeListRepository) {}

  async execute({ filter }: ListChargesQuery, { ctx, tx, audit }: PmUseCase): Promise<Page<ChargeView>> {
    assertDateRange(filter.from, filter.to);
    const { skip, take } = pageWindow(filter);
    const { rows, total } = await this.charges.page(tx, ctx.organizationId, ctx.siteIds, filter, skip, take, filter.sort);
    const items = rows.map(viewOfListedCharge);
    // Filter names and result ids only (a patient filter is an id, not PHI content).
    audit.scope({
      filters: setFilterNames(filter, [...CHARGE_FILTER_NAMES]),
      total,
      siteId: filter.siteId ?? null,
      page: filter.page,
      pageSize: filter.pageSize,
      sort: filter.sort ?? null,
      ...chargeListAuditScope(items),
    });
    return pageOf(items, total, filter);
  }
}
