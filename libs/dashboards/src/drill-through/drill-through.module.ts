import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DrillThroughController } from './http/drill-through.controller';
import { DrillIntoMetricHandler } from './queries/drill-into-metric/drill-into-metric.handler';

/** Drill-through to the source records behind a metric, through the owning context's query. */
@Module({ imports: [CqrsModule], controllers: [DrillThroughController], providers: [DrillIntoMetricHandler] })
export class DrillThroughModule {}
