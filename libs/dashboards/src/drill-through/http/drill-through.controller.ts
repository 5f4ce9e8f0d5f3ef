import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { ForbiddenError } from '@cairn/platform/kernel';
import { DRILL_KEYS } from '@cairn/platform/performance-signals';
import { RequirePermission } from '@cairn/platform/tenancy';

import { DrillIntoMetricQuery, type DrillOutcome } from '../queries/drill-into-metric/drill-into-metric.query';
import { DrillQueryDto, DrillResponseDto } from './drill-through.dto';

@ApiTags('dashboards')
@Controller({ path: 'dashboards', version: '1' })
export class DrillThroughController {
  constructor(private readonly queries: QueryBus) {}

  @Get('drill/:drillKey')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'The source records behind a metric (drill-through)',
    description:
      "Permission: `dashboards.view`, a metric with this drill key visible to the caller, and the owning context's own permission " +
      '(its Part 2 rules: withheld rows show only that they exist and why; its PHI audit). Practitioners see their own records only. ' +
      'Each row links to its source workflow in the staff web. Read-only: nothing is written to a source. Audited as a drilled-into event.',
  })
  @ApiParam({ name: 'drillKey', enum: DRILL_KEYS })
  @ApiOkResponse({ type: DrillResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async drill(@Param('drillKey') drillKey: string, @Query() dto: DrillQueryDto): Promise<DrillResponseDto> {
    const { metric, page, pageSize, ...filters } = dto;
    const outcome = await this.queries.execute<DrillIntoMetricQuery, DrillOutcome>(
      new DrillIntoMetricQuery(drillKey, metric, filters, { page: page ?? 1, pageSize: pageSize ?? 25 }),
    );
    if (outcome.outcome === 'denied') throw new ForbiddenError(outcome.message, outcome.errors);
    return outcome.result;
  }
}
