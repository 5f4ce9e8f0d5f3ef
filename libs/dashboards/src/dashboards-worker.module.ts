import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DashboardsTracing } from './observability/infrastructure/tracing.service';
import { DashboardsMetricsProcessor } from './processors/dashboards-metrics.processor';
import { RefreshModule } from './refresh/refresh.module';

/**
 * Dashboards in the worker only (ADR 0017): the real-time consumer of `dashboards-metrics`, the near-real-time and
 * nightly schedulers of `dashboards-refresh` (RefreshModule), the recompute command they send, and the OTLP tracer
 * when configured. The signal sources answer through the performance-signals router the worker composes.
 */
@Module({ imports: [CqrsModule, RefreshModule], providers: [DashboardsTracing, DashboardsMetricsProcessor] })
export class DashboardsWorkerModule {}
