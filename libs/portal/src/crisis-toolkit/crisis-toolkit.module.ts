import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

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
export class CrisisToolkitModule {}
