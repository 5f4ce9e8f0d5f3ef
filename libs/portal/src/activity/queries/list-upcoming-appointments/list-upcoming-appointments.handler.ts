import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { ListPatientAppointmentsQuery, PatientAppointment } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { upcoming, UPCOMING_DAYS } from '../../domain/portal-activity.view';
import { ListUpcomingAppointmentsQuery } from './list-upcoming-appointments.query';

@QueryHandler(ListUpcomingAppointmentsQuery)
@TenantUseCase(ListUpcomingAppointmentsQuery, {
  audit: { action: 'portal.appointments.upcoming', resource: 'appointment', patient: (q) => q.patientId },
})
export class ListUpcomingAppointmentsHandler implements PortalUseCaseHandler<ListUpcomingAppointmentsQuery, PatientAppointment[]> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: ListUpcomingAppointmentsQuery, { audit }: PortalUseCase): Promise<PatientAppointment[]> {
    const now = new Date();
    const all = await this.queries.execute(
      new ListPatientAppointmentsQuery(
        patientId,
        new Date(now.getTime() - 86_400_000),
        new Date(now.getTime() + UPCOMING_DAYS * 86_400_000),
      ),
    );
    const result = upcoming(all, now);
    audit.scope({ count: result.length });
    return result;
  }
}
