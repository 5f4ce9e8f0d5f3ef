import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { MetricStoreWorkerModule } from './metric-store/metric-store.module';
import { DashboardsTracing } from './observability/infrastructure/tracing.service';
import { DashboardsMetricsProcessor } from './processors/dashboards-metrics.processor';
import { RecomputeWhenSignalEventHandler } from './refresh/event-handlers/recompute-when-signal-event.handler';
import { DashboardChangesGateway } from './refresh/infrastructure/dashboard-changes.gateway';
import { DashboardRefreshService } from './refresh/infrastructure/dashboard-refresh.service';

/**
 * Dashboards in the worker only (ADR 0017): the real-time consumer of `dashboards-metrics`, the near-real-time and
 * nightly schedulers of `dashboards-refresh`, and the recompute command they send. The signal sources answer
 * through the performance-signals router the worker composes.
 */
@Module({
  imports: [CqrsModule, MetricStoreWorkerModule],
  providers: [
    DashboardsTracing,
    DashboardChangesGateway,
    RecomputeWhenSignalEventHandler,
    DashboardsMetricsProcessor,
    DashboardRefreshService,
  ],
})
export class DashboardsWorkerModule {}
