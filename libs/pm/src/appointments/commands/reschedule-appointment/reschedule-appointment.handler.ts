import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/http';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { PM_APPOINTMENT_RESCHEDULED_V1 } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { checkPeriod } from '../../domain/appointment.rules';
import { AppointmentView, toAppointmentView } from '../../domain/appointment.view';
import { assertProvider } from '../../infrastructure/appointment.repository';
import { RescheduleAppointmentCommand } from './reschedule-appointment.command';

@CommandHandler(RescheduleAppointmentCommand)
@TenantUseCase(RescheduleAppointmentCommand, {
  audit: { action: 'appointment.reschedule', resource: 'appointment', id: (c) => c.appointmentId },
})
export class RescheduleAppointmentHandler implements PmUseCaseHandler<RescheduleAppointmentCommand, AppointmentView | null> {
  constructor(private readonly outbox: OutboxPublisher) {}

  async execute(cmd: RescheduleAppointmentCommand, { ctx, tx, audit }: PmUseCase): Promise<AppointmentView | null> {
    const startAt = new Date(cmd.startAt);
    const endAt = new Date(cmd.endAt);
    checkPeriod(startAt, endAt);
    const where = { organizationId_id: { organizationId: ctx.organizationId, id: cmd.appointmentId } };
    const current = await tx.appointment.findUnique({ where });
    if (!current) return null;
    if (current.status !== 'scheduled')
      throw new ConflictError(`Only a scheduled appointment can be rescheduled; this one is ${current.status}.`);
    if (cmd.providerId && cmd.providerId !== current.providerId) await assertProvider(tx, ctx.organizationId, cmd.providerId);
    const updated = await tx.appointment.update({ where, data: { startAt, endAt, providerId: cmd.providerId ?? current.providerId } });
    audit.set({ resourceId: updated.id, patientId: updated.patientId }).scope({
      changedFields: ['startAt', 'endAt', ...(cmd.providerId && cmd.providerId !== current.providerId ? ['providerId'] : [])],
    });
    // The integration event commits with the change or not at all (transactional outbox); ids and facts only.
    await this.outbox.publish(PM_APPOINTMENT_RESCHEDULED_V1, ctx.organizationId, {
      organization_id: updated.organizationId,
      appointment_id: updated.id,
      site_id: updated.siteId,
      previous_provider_id: current.providerId,
      provider_id: updated.providerId,
      previous_start_at: current.startAt.toISOString(),
      start_at: updated.startAt.toISOString(),
      end_at: updated.endAt.toISOString(),
      rescheduled_by: ctx.userId,
      rescheduled_at: new Date().toISOString(),
    });
    return toAppointmentView(updated);
  }
}
