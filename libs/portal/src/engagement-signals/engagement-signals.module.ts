import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { GetEngagementSignalsHandler } from './queries/get-engagement-signals/get-engagement-signals.handler';

/**
 * The portal's performance-signal source (`portal.engagement`, ADR 0014): the Engagement dashboard tiles. Imported
 * by the API (through PortalModule) and by the worker, whose schedulers and consumers recompute the dashboards.
 */
@Module({
  imports: [CqrsModule],
  providers: [GetEngagementSignalsHandler],
})
export class PortalEngagementSignalsModule {}
