import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { appointmentStatusChanged } from '../../appointment-events';
import { applyStatusChange } from '../../appointment-rules';
import { AppointmentStatus, toAppointmentView } from '../../appointment.view';
import { SetAppointmentStatusCommand } from './set-appointment-status.command';

@CommandHandler(SetAppointmentStatusCommand)
export class SetAppointmentStatusHandler implements ICommandHandler<SetAppointmentStatusCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute(cmd: SetAppointmentStatusCommand) {
    const ctx = this.requestContext.requireTenant();
    const now = new Date();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: ctx.organizationId, id: cmd.appointmentId } };
      const current = await tx.appointment.findUnique({ where });
      if (!current) {
        await this.audit.record({ action: 'appointment.status', resourceType: 'appointment', resourceId: cmd.appointmentId, outcome: 'not_found' });
        return null;
      }
      const change = applyStatusChange(current, { status: cmd.status, cancelledBy: cmd.cancelledBy, cancelledAt: cmd.cancelledAt ? new Date(cmd.cancelledAt) : undefined }, now);
      const updated = await tx.appointment.update({ where, data: { ...change, statusChangedAt: now, statusChangedBy: ctx.userId } });
      const event = appointmentStatusChanged({
        organizationId: updated.organizationId, appointmentId: updated.id, siteId: updated.siteId, providerId: updated.providerId,
        previousStatus: current.status as AppointmentStatus, status: change.status, cancelledBy: change.cancelledBy,
        cancelledAt: change.cancelledAt ? change.cancelledAt.toISOString() : null, changedBy: ctx.userId, changedAt: now.toISOString(),
      });
      // OUTBOX SEAM: when the events issue lands, write `event` to the outbox here, in this transaction
      // (see appointment-events.ts). Until then it is only named in the audit row.
      await this.audit.record({
        action: 'appointment.status', resourceType: 'appointment', resourceId: updated.id, patientId: updated.patientId, outcome: 'success',
        scope: { from: current.status, to: change.status, cancelledBy: change.cancelledBy, event: event.name },
      });
      return toAppointmentView(updated);
    });
  }
}
