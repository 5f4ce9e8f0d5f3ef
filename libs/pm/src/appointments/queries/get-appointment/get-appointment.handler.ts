import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { AppointmentView, toAppointmentView } from '../../domain/appointment.view';
import { GetAppointmentQuery } from './get-appointment.query';

@QueryHandler(GetAppointmentQuery)
@TenantUseCase(GetAppointmentQuery, { audit: { action: 'appointment.read', resource: 'appointment', id: (q) => q.appointmentId } })
export class GetAppointmentHandler implements PmUseCaseHandler<GetAppointmentQuery, AppointmentView | null> {
  async execute({ appointmentId }: GetAppointmentQuery, { ctx, tx, audit }: PmUseCase): Promise<AppointmentView | null> {
    const a = await tx.appointment.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: appointmentId } } });
    if (!a) return null;
    audit.set({ patientId: a.patientId });
    return toAppointmentView(a);
  }
}
