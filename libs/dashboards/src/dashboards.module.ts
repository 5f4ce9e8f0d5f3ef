import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { MetricStoreModule } from './metric-store/metric-store.module';
import { StreamModule } from './stream/stream.module';
import { ViewsModule } from './views/views.module';

/** The dashboards bounded context (issue 16; README.md). */
@Module({ imports: [CqrsModule, MetricStoreModule, ViewsModule, StreamModule] })
export class DashboardsModule {}
