import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/http';
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
    return toAppointmentView(updated);
  }
}
