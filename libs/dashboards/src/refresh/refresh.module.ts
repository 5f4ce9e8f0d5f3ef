import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { MetricStoreWorkerModule } from '../metric-store/metric-store.module';
import { RecomputeWhenSignalEventHandler } from './event-handlers/recompute-when-signal-event.handler';
import { DashboardChangesGateway } from './infrastructure/dashboard-changes.gateway';
import { DashboardRefreshService } from './infrastructure/dashboard-refresh.service';

/** The update models in the worker (ADR 0017): the real-time event handler, the schedulers, the change announcements. */
@Module({
  imports: [CqrsModule, MetricStoreWorkerModule],
  providers: [RecomputeWhenSignalEventHandler, DashboardChangesGateway, DashboardRefreshService],
  exports: [RecomputeWhenSignalEventHandler, DashboardChangesGateway],
})
export class RefreshModule {}
