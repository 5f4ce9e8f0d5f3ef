import { Body, Controller, Get, Param, Patch, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { InvalidInputError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { SetExportPermissionCommand } from '../commands/set-export-permission/set-export-permission.command';
import { UpdateMetricDefinitionCommand } from '../commands/update-metric-definition/update-metric-definition.command';
import { UpdateViewDefinitionCommand } from '../commands/update-view-definition/update-view-definition.command';
import type { DefinitionsView, ExportPermissionView, MetricDefinitionView, ViewDefinitionView } from '../domain/definition.view';
import { ListDefinitionsQuery } from '../queries/list-definitions/list-definitions.query';
import {
  DefinitionsResponseDto,
  ExportPermissionDto,
  MetricDefinitionDto,
  SetExportPermissionDto,
  UpdateMetricDefinitionDto,
  UpdateViewDefinitionDto,
  ViewDefinitionDto,
} from './definitions.dto';

const KEY = /^[a-z][a-z0-9.-]{1,80}$/;
const key = (v: string, field: string): string => {
  if (!KEY.test(v)) throw new InvalidInputError(`Not a ${field}.`, [{ field, message: `not a valid ${field}` }]);
  return v;
};
/** Only the keys the client sent (class-transformer leaves absent ones out; undefined ones are dropped too). */
const sent = (dto: object): Record<string, unknown> => Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));

@ApiTags('dashboards')
@Controller({ path: 'dashboards', version: '1' })
export class DefinitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('definitions')
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: 'Metric and view definitions of the organization, and its export switches',
    description: 'Permission: `dashboards.metrics.manage`.',
  })
  @ApiOkResponse({ type: DefinitionsResponseDto })
  @ApiProblemResponses(401, 403)
  async list(): Promise<DefinitionsResponseDto> {
    return this.queries.execute<ListDefinitionsQuery, DefinitionsView>(new ListDefinitionsQuery());
  }

  @Patch('definitions/metrics/:metricKey')
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: "Change a metric's target, thresholds, visibility or attention rules for this practice",
    description:
      'Permission: `dashboards.metrics.manage`. Never a calculation: calculation, calculationSource, updateModel, unit, name, domain, ' +
      'freshnessLabel and drillKey are refused with 400 naming the field. The change is appended to the definition audit trail.',
  })
  @ApiParam({ name: 'metricKey', example: 'appointments.no-show' })
  @ApiOkResponse({ type: MetricDefinitionDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async updateMetric(@Param('metricKey') metricKey: string, @Body() dto: UpdateMetricDefinitionDto): Promise<MetricDefinitionDto> {
    return this.commands.execute<UpdateMetricDefinitionCommand, MetricDefinitionView>(
      new UpdateMetricDefinitionCommand(key(metricKey, 'metricKey'), sent(dto)),
    );
  }

  @Patch('definitions/views/:viewKey')
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: 'Change which modules a view includes, or whether users keep their own layout, for this practice',
    description: "Permission: `dashboards.metrics.manage`. Role binding, scope and the core metric set are the platform's (400).",
  })
  @ApiParam({ name: 'viewKey', example: 'front-of-house' })
  @ApiOkResponse({ type: ViewDefinitionDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async updateView(@Param('viewKey') viewKey: string, @Body() dto: UpdateViewDefinitionDto): Promise<ViewDefinitionDto> {
    return this.commands.execute<UpdateViewDefinitionCommand, ViewDefinitionView>(
      new UpdateViewDefinitionCommand(key(viewKey, 'viewKey'), sent(dto)),
    );
  }

  @Put('export-permissions/:roleKey')
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: 'Switch dashboard export on or off for a role in this organization',
    description:
      'Permission: `dashboards.metrics.manage`. Export also needs `dashboards.export` on the role; both are checked at export time.',
  })
  @ApiParam({ name: 'roleKey', example: 'supervisor' })
  @ApiOkResponse({ type: ExportPermissionDto })
  @ApiProblemResponses(400, 401, 403)
  async setExport(@Param('roleKey') roleKey: string, @Body() dto: SetExportPermissionDto): Promise<ExportPermissionDto> {
    return this.commands.execute<SetExportPermissionCommand, ExportPermissionView>(new SetExportPermissionCommand(roleKey, dto.allowed));
  }
}
