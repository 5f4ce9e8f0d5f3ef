import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { SIGNAL_SOURCES } from '@cairn/platform/performance-signals';
import { RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { RecomputeMetricsCommand, type RecomputeResult } from '../commands/recompute-metrics/recompute-metrics.command';
import { RecomputeMetricsRequestDto, RecomputeMetricsResponseDto } from './metric-store.dto';

@ApiTags('dashboards')
@Controller({ path: 'dashboards', version: '1' })
export class MetricStoreController {
  constructor(
    private readonly commands: CommandBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('recompute')
  @HttpCode(200)
  @RequirePermission('dashboards.metrics.manage')
  @ApiOperation({
    summary: 'Recompute stored metric values now (on demand)',
    description:
      'Permission: `dashboards.metrics.manage`. Asks each source (GetPerformanceSignalsQuery) for the days and replaces the stored values; a ' +
      'failing source keeps its last known values and is recorded as failing (the views show it stale). Answers per source.',
  })
  @ApiOkResponse({ type: RecomputeMetricsResponseDto })
  @ApiProblemResponses(400, 401, 403)
  async recompute(@Body() dto: RecomputeMetricsRequestDto): Promise<RecomputeMetricsResponseDto> {
    const { organizationId } = this.requestContext.requireTenant();
    return this.commands.execute<RecomputeMetricsCommand, RecomputeResult>(
      new RecomputeMetricsCommand(organizationId, dto.sources ?? [...SIGNAL_SOURCES], dto.from, dto.to),
    );
  }
}
