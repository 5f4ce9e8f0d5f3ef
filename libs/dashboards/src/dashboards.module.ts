import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DefinitionsModule } from './definitions/definitions.module';
import { DrillThroughModule } from './drill-through/drill-through.module';
import { ExportModule } from './export/export.module';
import { FeedsModule } from './feeds/feeds.module';
import { MetricStoreModule } from './metric-store/metric-store.module';
import { ObservabilityModule } from './observability/observability.module';
import { StreamModule } from './stream/stream.module';
import { ViewsModule } from './views/views.module';

/** The dashboards bounded context (issue 16; README.md). */
@Module({
  imports: [
    CqrsModule,
    DefinitionsModule,
    DrillThroughModule,
    MetricStoreModule,
    ViewsModule,
    StreamModule,
    ExportModule,
    FeedsModule,
    ObservabilityModule,
  ],
})
export class DashboardsModule {}
