import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalActivitySections } from '../activity/domain/portal-activity-sections.service';
import { AcknowledgeCrisisAlertHandler } from './commands/acknowledge-crisis-alert/acknowledge-crisis-alert.handler';
import { OpenCrisisToolkitHandler } from './commands/open-crisis-toolkit/open-crisis-toolkit.handler';
import { UpdateCrisisToolkitHandler } from './commands/update-crisis-toolkit/update-crisis-toolkit.handler';
import { CrisisToolkitController } from './http/crisis-toolkit.controller';
import { CrisisToolkitRepository } from './infrastructure/crisis-toolkit.repository';
import { GetCrisisAlertsSectionHandler } from './queries/get-crisis-alerts-section/get-crisis-alerts-section.handler';
import { GetCrisisToolkitHandler } from './queries/get-crisis-toolkit/get-crisis-toolkit.handler';
import { ListCrisisAlertsHandler } from './queries/list-crisis-alerts/list-crisis-alerts.handler';
import { ListCrisisToolkitUsageHandler } from './queries/list-crisis-toolkit-usage/list-crisis-toolkit-usage.handler';

/** The crisis toolkit and its alert episodes (seed scenario 3). */
@Module({
  imports: [CqrsModule],
  controllers: [CrisisToolkitController],
  providers: [
    GetCrisisAlertsSectionHandler,
    CrisisToolkitRepository,
    OpenCrisisToolkitHandler,
    UpdateCrisisToolkitHandler,
    AcknowledgeCrisisAlertHandler,
    GetCrisisToolkitHandler,
    ListCrisisToolkitUsageHandler,
    ListCrisisAlertsHandler,
  ],
})
export class CrisisToolkitModule implements OnModuleInit {
  constructor(
    private readonly sections: PortalActivitySections,
    private readonly repo: CrisisToolkitRepository,
  ) {}

  /** "Crisis toolkit usage alerts" on the therapist's portal-activity tab; never on the client's dashboard. */
  onModuleInit(): void {
    this.sections.register({
      key: 'crisisAlerts',
      audiences: ['staff'],
      read: ({ tx, organizationId, patientId }) => this.repo.alertsSection(tx, organizationId, patientId),
    });
  }
}
