import { QueryHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import { pageOf, pageWindow, type Page } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { FeeScheduleEntryView, toFeeScheduleEntryView } from '../../domain/fee-schedule-entry.view';
import { ListFeeScheduleQuery } from './list-fee-schedule.query';

/** Not audited: the fee schedule holds prices, no patient data. */
@QueryHandler(ListFeeScheduleQuery)
@TenantUseCase(ListFeeScheduleQuery, { audit: false, reason: "the organization's fee schedule: prices, no PHI" })
export class ListFeeScheduleHandler implements PmUseCaseHandler<ListFeeScheduleQuery, Page<FeeScheduleEntryView>> {
  async execute({ filter }: ListFeeScheduleQuery, { ctx, tx }: PmUseCase): Promise<Page<FeeScheduleEntryView>> {
    const and: Prisma.FeeScheduleEntryWhereInput[] = [{ organizationId: ctx.organizationId }];
    if (filter.code) and.push({ code: filter.code });
    if (filter.on) {
      const on = new Date(`${filter.on}T00:00:00Z`);
      and.push({ effectiveFrom: { lte: on } }, { OR: [{ effectiveTo: null }, { effectiveTo: { gte: on } }] });
    }
    const where = { AND: and };
    const { skip, take } = pageWindow(filter);
    const [total, rows] = await Promise.all([
      tx.feeScheduleEntry.count({ where }),
      tx.feeScheduleEntry.findMany({
        where,
        orderBy: [{ code: 'asc' }, { modifierMatch: 'asc' }, { effectiveFrom: 'asc' }, { id: 'asc' }],
        skip,
        take,
      }),
    ]);
    return pageOf(rows.map(toFeeScheduleEntryView), total, filter);
  }
}
