import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DashboardChangesGateway } from '../refresh/infrastructure/dashboard-changes.gateway';
import { RecomputeMetricsHandler } from './commands/recompute-metrics/recompute-metrics.handler';
import { MetricStoreController } from './http/metric-store.controller';

/** The value store and RecomputeMetricsCommand (sent by the admin route and by the worker). */
@Module({ imports: [CqrsModule], controllers: [MetricStoreController], providers: [RecomputeMetricsHandler, DashboardChangesGateway] })
export class MetricStoreModule {}

/** The recompute handler alone, for the worker (no controllers). */
@Module({ imports: [CqrsModule], providers: [RecomputeMetricsHandler] })
export class MetricStoreWorkerModule {}
