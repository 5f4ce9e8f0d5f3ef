import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { Prisma, TenantTx } from '@cairn/platform/db';
import { assertDateRange, dateRange, Page, pageOf, pageWindow } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { ChargeView, toChargeView, withheldChargeView } from '../../charge.view';
import { ChargeFilter, ListChargesQuery } from './list-charges.query';

@QueryHandler(ListChargesQuery)
export class ListChargesHandler implements IQueryHandler<ListChargesQuery, Page<ChargeView>> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter }: ListChargesQuery): Promise<Page<ChargeView>> {
    assertDateRange(filter.from, filter.to);
    const ctx = this.requestContext.requireTenant();
    const where = this.where(ctx.organizationId, ctx.siteIds, filter);
    const { skip, take } = pageWindow(filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [total, rows] = await Promise.all([
        tx.charge.count({ where }),
        tx.charge.findMany({
          where, orderBy: [{ serviceDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
          skip, take,
        }),
      ]);
      // 42 CFR Part 2: a charge of a Part 2 chart is a Part 2 billing record. cl_check_sud_consent (the SQL helper
      // CL shares with every context's policies) answers per chart, once per page; non-Part 2 charts always pass.
      const charts = [...new Set(rows.map((r) => r.chartId).filter((c): c is string => c !== null))];
      const consented = new Map<string, boolean>();
      if (charts.length > 0) {
        const checks = await tx.$queryRaw<{ chart_id: string; ok: boolean }[]>`
          SELECT c::text AS chart_id, COALESCE(cl_check_sud_consent(c, 'billing', pf_ctx_user()), false) AS ok FROM unnest(${charts}::uuid[]) AS c`;
        for (const c of checks) consented.set(c.chart_id, c.ok);
      }
      const items = rows.map((r) => (r.chartId !== null && consented.get(r.chartId) === false ? withheldChargeView(toChargeView(r)) : toChargeView(r)));
      const withheld = items.filter((i) => i.consentRequired).length;
      // Filter names and result ids only (a patient filter is an id, not PHI content).
      await this.audit.record({
        action: 'charge.list', resourceType: 'charge', patientId: filter.patientId ?? null, outcome: 'success',
        scope: {
          filters: (['status', 'siteId', 'from', 'to', 'sourceType', 'sessionId', 'patientId'] as const).filter((k) => filter[k] !== undefined),
          siteId: filter.siteId ?? null, page: filter.page, pageSize: filter.pageSize, total,
          resultChargeIds: items.map((r) => r.id), resultPatientIds: [...new Set(items.map((r) => r.patientId).filter(Boolean))],
          ...(withheld > 0 ? { part2Withheld: withheld, part2Denied: true } : {}),
        },
      });
      return pageOf(items, total, filter);
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
