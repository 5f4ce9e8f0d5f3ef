import { QueryHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import { assertDateRange, dateRange, Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { ChargeView, toChargeView, withheldChargeView } from '../../domain/charge.view';
import { ChargesRepository } from '../../infrastructure/charges.repository';
import { ChargeFilter, ListChargesQuery } from './list-charges.query';

@QueryHandler(ListChargesQuery)
@TenantUseCase(ListChargesQuery, { audit: { action: 'charge.list', resource: 'charge', patient: (q) => q.filter.patientId } })
export class ListChargesHandler implements PmUseCaseHandler<ListChargesQuery, Page<ChargeView>> {
  constructor(private readonly charges: ChargesRepository) {}

  execute({ filter }: ListChargesQuery, { ctx, tx, audit }: PmUseCase): Promise<Page<ChargeView>> {
    assertDateRange(filter.from, filter.to);
    const where = this.where(ctx.organizationId, ctx.siteIds, filter);
    // Filter names and result ids only (a patient filter is an id, not PHI content).
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter, ['status', 'siteId', 'from', 'to', 'sourceType', 'sessionId', 'patientId']),
      count: () => tx.charge.count({ where }),
      rows: ({ skip, take }) =>
        tx.charge.findMany({ where, orderBy: [{ serviceDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: async (rows) => {
        // 42 CFR Part 2: a charge of a Part 2 chart is a Part 2 billing record. cl_check_sud_consent (the SQL helper
        // CL shares with every context's policies) answers per chart, once per page; non-Part 2 charts always pass.
        const charts = [...new Set(rows.map((r) => r.chartId).filter((c): c is string => c !== null))];
        const consented = await this.charges.billingConsentOfCharts(tx, charts);
        return rows.map((r) =>
          r.chartId !== null && consented.get(r.chartId) === false ? withheldChargeView(toChargeView(r)) : toChargeView(r),
        );
      },
      scope: ({ items }) => {
        const withheld = items.filter((i) => i.consentRequired).length;
        return {
          siteId: filter.siteId ?? null,
          page: filter.page,
          pageSize: filter.pageSize,
          resultChargeIds: items.map((r) => r.id),
          resultPatientIds: [...new Set(items.map((r) => r.patientId).filter(Boolean))],
          ...(withheld > 0 ? { part2Withheld: withheld, part2Denied: true } : {}),
        };
      },
    });
  }

  private where(organizationId: string, sites: readonly string[] | 'all', f: ChargeFilter): Prisma.ChargeWhereInput {
    const and: Prisma.ChargeWhereInput[] = [{ organizationId }];
    // Row-level security restricts sites too; the explicit filter keeps the query honest on its own.
    if (sites !== 'all') and.push({ siteId: { in: [...sites] } });
    if (f.status) and.push({ status: f.status });
    if (f.siteId) and.push({ siteId: f.siteId });
    const serviceDate = dateRange(f.from, f.to);
    if (serviceDate) and.push({ serviceDate });
    if (f.sourceType) and.push({ sourceType: f.sourceType });
    if (f.sessionId) and.push({ groupSessionId: f.sessionId });
    if (f.patientId) and.push({ patientId: f.patientId });
    return { AND: and };
  }
}
