import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** Metric and view definitions as data (ds_metric_definitions, ds_view_definitions) and their audit trail. */
@Module({ imports: [CqrsModule] })
export class DefinitionsModule {}
