import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { InvalidInputError, isoDate } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';

import { toFeeScheduleEntryView } from '../../fee-schedule-entry.view';
import { assertNoOverlap } from '../../fee-schedule-overlap';
import { EndFeeScheduleEntryCommand } from './end-fee-schedule-entry.command';

@CommandHandler(EndFeeScheduleEntryCommand)
export class EndFeeScheduleEntryHandler implements ICommandHandler<EndFeeScheduleEntryCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ entryId, effectiveTo }: EndFeeScheduleEntryCommand) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const key = { organizationId_id: { organizationId: ctx.organizationId, id: entryId } };
      const current = await tx.feeScheduleEntry.findUnique({ where: key });
      if (!current) return null;
      const from = isoDate(current.effectiveFrom);
      if (effectiveTo < from) throw new InvalidInputError('effectiveTo is before the entry starts', [{ field: 'effectiveTo', message: `effectiveTo must be on or after ${from}` }]);
      // Moving the end later may run into the next entry of the key.
      await assertNoOverlap(tx, ctx.organizationId, current, { effectiveFrom: from, effectiveTo }, current.id);
      const saved = await tx.feeScheduleEntry.update({ where: key, data: { effectiveTo: new Date(`${effectiveTo}T00:00:00Z`), endedAt: new Date(), endedBy: ctx.userId } });
      await this.audit.record({
        action: 'fee-schedule.end', resourceType: 'fee_schedule_entry', resourceId: entryId, outcome: 'success',
        scope: { from: current.effectiveTo ? isoDate(current.effectiveTo) : null, to: effectiveTo },
      });
      return toFeeScheduleEntryView(saved);
    });
  }
}
