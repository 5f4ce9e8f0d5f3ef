import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DefinitionsModule } from './definitions/definitions.module';
import { DrillThroughModule } from './drill-through/drill-through.module';
import { MetricStoreModule } from './metric-store/metric-store.module';
import { ViewsModule } from './views/views.module';

/** The dashboards bounded context (issue 16; README.md). */
@Module({ imports: [CqrsModule, DefinitionsModule, DrillThroughModule, MetricStoreModule, ViewsModule] })
export class DashboardsModule {}
