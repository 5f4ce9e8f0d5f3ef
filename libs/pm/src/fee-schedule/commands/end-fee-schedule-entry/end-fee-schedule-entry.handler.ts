import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError, isoDate } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { FeeScheduleEntryView, toFeeScheduleEntryView } from '../../domain/fee-schedule-entry.view';
import { assertNoOverlap } from '../../infrastructure/fee-schedule.repository';
import { EndFeeScheduleEntryCommand } from './end-fee-schedule-entry.command';

@CommandHandler(EndFeeScheduleEntryCommand)
@TenantUseCase(EndFeeScheduleEntryCommand, { audit: { action: 'fee-schedule.end', resource: 'fee_schedule_entry', id: (c) => c.entryId } })
export class EndFeeScheduleEntryHandler implements PmUseCaseHandler<EndFeeScheduleEntryCommand, FeeScheduleEntryView | null> {
  async execute({ entryId, effectiveTo }: EndFeeScheduleEntryCommand, { ctx, tx, audit }: PmUseCase): Promise<FeeScheduleEntryView | null> {
    const key = { organizationId_id: { organizationId: ctx.organizationId, id: entryId } };
    const current = await tx.feeScheduleEntry.findUnique({ where: key });
    // Not found writes no row, as before this use case was declared: the entry is configuration, not a patient's record.
    if (!current) {
      audit.skip('no such entry');
      return null;
    }
    const from = isoDate(current.effectiveFrom);
    if (effectiveTo < from)
      throw new InvalidInputError('effectiveTo is before the entry starts', [
        { field: 'effectiveTo', message: `effectiveTo must be on or after ${from}` },
      ]);
    // Moving the end later may run into the next entry of the key.
    await assertNoOverlap(tx, ctx.organizationId, current, { effectiveFrom: from, effectiveTo }, current.id);
    const saved = await tx.feeScheduleEntry.update({
      where: key,
      data: { effectiveTo: new Date(`${effectiveTo}T00:00:00Z`), endedAt: new Date(), endedBy: ctx.userId },
    });
    audit.scope({ from: current.effectiveTo ? isoDate(current.effectiveTo) : null, to: effectiveTo });
    return toFeeScheduleEntryView(saved);
  }
}
