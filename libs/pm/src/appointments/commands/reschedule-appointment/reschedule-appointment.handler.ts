import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ConflictError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertProvider } from '../../appointment-checks';
import { checkPeriod } from '../../appointment-rules';
import { toAppointmentView } from '../../appointment.view';
import { RescheduleAppointmentCommand } from './reschedule-appointment.command';

@CommandHandler(RescheduleAppointmentCommand)
export class RescheduleAppointmentHandler implements ICommandHandler<RescheduleAppointmentCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute(cmd: RescheduleAppointmentCommand) {
    const ctx = this.requestContext.requireTenant();
    const startAt = new Date(cmd.startAt);
    const endAt = new Date(cmd.endAt);
    checkPeriod(startAt, endAt);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: ctx.organizationId, id: cmd.appointmentId } };
      const current = await tx.appointment.findUnique({ where });
      if (!current) {
        await this.audit.record({ action: 'appointment.reschedule', resourceType: 'appointment', resourceId: cmd.appointmentId, outcome: 'not_found' });
        return null;
      }
      if (current.status !== 'scheduled') throw new ConflictError(`Only a scheduled appointment can be rescheduled; this one is ${current.status}.`);
      if (cmd.providerId && cmd.providerId !== current.providerId) await assertProvider(tx, ctx.organizationId, cmd.providerId);
      const updated = await tx.appointment.update({ where, data: { startAt, endAt, providerId: cmd.providerId ?? current.providerId } });
      await this.audit.record({
        action: 'appointment.reschedule', resourceType: 'appointment', resourceId: updated.id, patientId: updated.patientId, outcome: 'success',
        scope: { changedFields: ['startAt', 'endAt', ...(cmd.providerId && cmd.providerId !== current.providerId ? ['providerId'] : [])] },
      });
      return toAppointmentView(updated);
    });
  }
}
