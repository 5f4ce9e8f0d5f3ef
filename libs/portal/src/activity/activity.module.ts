import { Global, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalActivitySections } from './domain/portal-activity-sections.service';
import { ClientDashboardController, PatientPortalActivityController } from './http/portal-activity.controller';
import { CORE_ACTIVITY_SECTIONS } from './infrastructure/core-activity-sections.repository';
import { GetPortalActivityHandler } from './queries/get-portal-activity/get-portal-activity.handler';
import { ListUpcomingAppointmentsHandler } from './queries/list-upcoming-appointments/list-upcoming-appointments.handler';

/**
 * The client's dashboard and upcoming appointments, and the clinician's portal-activity tab. Other portal features
 * add their sections by injecting PortalActivitySections (global within the app) and calling `register` in their
 * module's onModuleInit.
 */
@Global()
@Module({
  imports: [CqrsModule],
  controllers: [ClientDashboardController, PatientPortalActivityController],
  providers: [PortalActivitySections, GetPortalActivityHandler, ListUpcomingAppointmentsHandler],
  exports: [PortalActivitySections],
})
export class ActivityModule implements OnModuleInit {
  constructor(private readonly sections: PortalActivitySections) {}

  onModuleInit(): void {
    for (const section of CORE_ACTIVITY_SECTIONS) this.sections.register(section);
  }
}
