import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma, TenantTx } from '@cairn/platform/db';
import type { Page } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { FeeScheduleEntryView, toFeeScheduleEntryView } from '../../fee-schedule-entry.view';
import { ListFeeScheduleQuery } from './list-fee-schedule.query';
import { pageOf, pageWindow } from '@cairn/platform/http';

/** Not audited: the fee schedule holds prices, no patient data. */
@QueryHandler(ListFeeScheduleQuery)
export class ListFeeScheduleHandler implements IQueryHandler<ListFeeScheduleQuery, Page<FeeScheduleEntryView>> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
  ) {}

  async execute({ filter }: ListFeeScheduleQuery): Promise<Page<FeeScheduleEntryView>> {
    const ctx = this.requestContext.requireTenant();
    const and: Prisma.FeeScheduleEntryWhereInput[] = [{ organizationId: ctx.organizationId }];
    if (filter.code) and.push({ code: filter.code });
    if (filter.on) {
      const on = new Date(`${filter.on}T00:00:00Z`);
      and.push({ effectiveFrom: { lte: on } }, { OR: [{ effectiveTo: null }, { effectiveTo: { gte: on } }] });
    }
    const where = { AND: and };
    const { skip, take } = pageWindow(filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [total, rows] = await Promise.all([
        tx.feeScheduleEntry.count({ where }),
        tx.feeScheduleEntry.findMany({
          where, orderBy: [{ code: 'asc' }, { modifierMatch: 'asc' }, { effectiveFrom: 'asc' }, { id: 'asc' }],
          skip, take,
        }),
      ]);
      return pageOf(rows.map(toFeeScheduleEntryView), total, filter);
    });
  }
}
