import { CommandHandler } from '@nestjs/cqrs';

import { OutboxPublisher } from '@cairn/platform/messaging';
import { PM_APPOINTMENT_STATUS_CHANGED_V1 } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { applyStatusChange } from '../../domain/appointment.rules';
import { AppointmentView, toAppointmentView } from '../../domain/appointment.view';
import { SetAppointmentStatusCommand } from './set-appointment-status.command';

@CommandHandler(SetAppointmentStatusCommand)
@TenantUseCase(SetAppointmentStatusCommand, {
  audit: { action: 'appointment.status', resource: 'appointment', id: (c) => c.appointmentId },
})
export class SetAppointmentStatusHandler implements PmUseCaseHandler<SetAppointmentStatusCommand, AppointmentView | null> {
  constructor(private readonly outbox: OutboxPublisher) {}

  async execute(cmd: SetAppointmentStatusCommand, { ctx, tx, audit }: PmUseCase): Promise<AppointmentView | null> {
    const now = new Date();
    const where = { organizationId_id: { organizationId: ctx.organizationId, id: cmd.appointmentId } };
    const current = await tx.appointment.findUnique({ where });
    if (!current) return null;
    const change = applyStatusChange(
      current,
      { status: cmd.status, cancelledBy: cmd.cancelledBy, cancelledAt: cmd.cancelledAt ? new Date(cmd.cancelledAt) : undefined },
      now,
    );
    const updated = await tx.appointment.update({ where, data: { ...change, statusChangedAt: now, statusChangedBy: ctx.userId } });
    // The integration event commits with the change or not at all (transactional outbox); ids and facts only.
    const event = await this.outbox.publish(PM_APPOINTMENT_STATUS_CHANGED_V1, ctx.organizationId, {
      organization_id: updated.organizationId,
      appointment_id: updated.id,
      site_id: updated.siteId,
      provider_id: updated.providerId,
      patient_id: updated.patientId,
      service_type: updated.serviceType,
      start_at: updated.startAt.toISOString(),
      previous_status: current.status,
      status: change.status,
      cancelled_by: change.cancelledBy,
      cancelled_at: change.cancelledAt ? change.cancelledAt.toISOString() : null,
      changed_by: ctx.userId,
      changed_at: now.toISOString(),
    });
    audit.set({ resourceId: updated.id, patientId: updated.patientId }).scope({
      from: current.status,
      to: change.status,
      cancelledBy: change.cancelledBy,
      event: event.type,
      eventId: event.id,
    });
    return toAppointmentView(updated);
  }
}
