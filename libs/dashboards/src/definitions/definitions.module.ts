import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { SetExportPermissionHandler } from './commands/set-export-permission/set-export-permission.handler';
import { UpdateMetricDefinitionHandler } from './commands/update-metric-definition/update-metric-definition.handler';
import { UpdateViewDefinitionHandler } from './commands/update-view-definition/update-view-definition.handler';
import { DefinitionsController } from './http/definitions.controller';
import { CheckExportPermissionHandler } from './queries/check-export-permission/check-export-permission.handler';
import { ListDefinitionsHandler } from './queries/list-definitions/list-definitions.handler';

/** Metric and view definitions as data (ds_metric_definitions, ds_view_definitions), their audit trail, export switches. */
@Module({
  imports: [CqrsModule],
  controllers: [DefinitionsController],
  providers: [
    UpdateMetricDefinitionHandler,
    UpdateViewDefinitionHandler,
    SetExportPermissionHandler,
    ListDefinitionsHandler,
    CheckExportPermissionHandler,
  ],
})
export class DefinitionsModule {}
