import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { SIGNAL_SOURCES } from '@cairn/platform/performance-signals';
import { RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { signalsOfSources } from '../../refresh/domain/affected-days.rules';
import { DashboardChangesGateway } from '../../refresh/infrastructure/dashboard-changes.gateway';
import { RecomputeMetricsCommand, type RecomputeResult } from '../commands/recompute-metrics/recompute-metrics.command';
import { RecomputeMetricsRequestDto, RecomputeMetricsResponseDto } from './metric-store.dto';

@ApiTags('dashboards')
@Controller({ path: 'dashboards', version: '1' })
export class MetricStoreController {
  constructor(
    private readonly commands: CommandBus,
    private readonly requestContext: RequestContextService,
    private readonly changes: DashboardChangesGateway,
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
    const result = await this.commands.execute<RecomputeMetricsCommand, RecomputeResult>(
      new RecomputeMetricsCommand(organizationId, dto.sources ?? [...SIGNAL_SOURCES], dto.from, dto.to),
    );
    // Committed: connected browsers hear of it like any update model's change (ADR 0017).
    const sources = result.results.map((r) => r.source);
    await this.changes.publish({
      organizationId,
      trigger: 'batch',
      cause: 'on-demand',
      sources,
      signals: signalsOfSources(sources),
      days: dto.from === dto.to ? [dto.from] : [dto.from, dto.to],
      providerIds: [],
      status: Object.fromEntries(result.results.map((r) => [r.source, r.status])),
      computedAt: result.computedAt,
      occurredAt: null,
    });
    return result;
  }
}
