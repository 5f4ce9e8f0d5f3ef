import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalEngagementSignalsModule } from '../engagement-signals/engagement-signals.module';
import { AdminOversightController } from './http/admin-oversight.controller';
import { GetPortalAdoptionHandler } from './queries/get-portal-adoption/get-portal-adoption.handler';

/**
 * The admins' portal oversight (issue 19 item 7): adoption and engagement (`GET /api/v1/admin/portal/adoption`).
 * The high-risk list is the crisis toolkit's (`GET /api/v1/admin/portal/crisis-alerts`); reviews and change
 * requests are their features'.
 */
@Module({
  imports: [CqrsModule, PortalEngagementSignalsModule],
  controllers: [AdminOversightController],
  providers: [GetPortalAdoptionHandler],
})
export class AdminOversightModule {}
