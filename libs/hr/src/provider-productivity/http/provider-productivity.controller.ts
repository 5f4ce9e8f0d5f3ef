import { Controller, Get, Headers, Query, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiProblemResponses, streamCsv, wantsCsv } from '@cairn/platform/http';
import { RequestContextService, RequirePermission } from '@cairn/platform/tenancy';
import { getProviderProductivity } from '@cairn/platform/workforce';

import { ProviderProductivityAuditFilter } from './provider-productivity-audit.filter';
import { PRODUCTIVITY_CSV_COLUMNS, productivityCsvRow } from './provider-productivity.csv';
import { ProviderProductivityQueryDto, ProviderProductivityResponseDto } from './provider-productivity.dto';

/**
 * Provider productivity for HR (provider-productivity-analytics seed). HR reads only the platform contract
 * (getProviderProductivity over the query bus), never CL's or PM's tables. Every call is audited with the
 * caller and the parameters before the response: by the handler when it runs, by the filter when the guard
 * or the validation pipe refuses the call first.
 */
@ApiTags('hr')
@Controller({ path: 'hr/provider-productivity', version: '1' })
@UseFilters(ProviderProductivityAuditFilter)
export class ProviderProductivityController {
  constructor(
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Get()
  @RequirePermission('hr.productivity.view')
  @ApiOperation({
    summary: 'Productivity per provider for a calendar month, quarter or year (aggregates only, small cells suppressed)',
    description:
      'Permission: `hr.productivity.view` in the organization (at every site, or at `siteId`). JSON by default; CSV (streamed) with ' +
      '`Accept: text/csv` or `format=csv` (a complete CSV ends with the trailers `X-Export-Status: complete` and `X-Export-Rows`; a failed one is cut ' +
      'without them). The period must be one calendar month, quarter or year. Providers with fewer than 5 patients have no row ' +
      '(`suppressedProviderCount` counts them), and figures that could be computed back from other periods are withheld (ADR 0012). ' +
      'Every call, allowed or refused, is audited with the caller and the parameters.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ProviderProductivityResponseDto, description: 'JSON, or CSV with a header row when asked for' })
  @ApiProblemResponses(400, 401, 403, 500)
  async get(
    @Query() dto: ProviderProductivityQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProviderProductivityResponseDto | void> {
    return this.report(dto, 'organization', accept, res);
  }

  @Get('supervised')
  @RequirePermission('hr.productivity.supervised')
  @ApiOperation({
    summary: 'The same report for the providers the caller supervises (clinical supervisors)',
    description:
      'Permission: `hr.productivity.supervised`. The rows of the organization-wide report, limited to the providers the caller ' +
      'supervises: peer specialists whose supervision they recorded in the calendar year (CL-19), and providers whose home site is a ' +
      'site where they hold the permission. The same parameters, CSV and audit as `GET /hr/provider-productivity`.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ProviderProductivityResponseDto, description: 'JSON, or CSV with a header row when asked for' })
  @ApiProblemResponses(400, 401, 403, 500)
  async getSupervised(
    @Query() dto: ProviderProductivityQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProviderProductivityResponseDto | void> {
    return this.report(dto, 'supervised', accept, res);
  }

  private async report(
    dto: ProviderProductivityQueryDto,
    scope: 'organization' | 'supervised',
    accept: string | undefined,
    res: Response,
  ): Promise<ProviderProductivityResponseDto | void> {
    const { organizationId } = this.requestContext.requireTenant();
    const report = await getProviderProductivity(this.queries, organizationId, {
      periodStart: dto.periodStart,
      periodEnd: dto.periodEnd,
      siteId: dto.siteId,
      providerId: dto.providerId,
      scope,
    });
    if (!wantsCsv(dto.format, accept)) return report;
    // The call is audited and committed by now; streamed with the export trailers (streamCsv).
    await streamCsv(res, {
      filename: `provider-productivity${scope === 'supervised' ? '-supervised' : ''}-${dto.periodStart}-${dto.periodEnd}.csv`,
      columns: PRODUCTIVITY_CSV_COLUMNS,
      rows: [report.items.map(productivityCsvRow)],
    });
  }
}
