import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiProblemResponses } from '@cairn/platform/http';
import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';
import { DRILL_KEYS } from '@cairn/platform/performance-signals';
import { RequirePermission } from '@cairn/platform/tenancy';

import type { DashboardTarget } from '../../views/queries/get-dashboard/get-dashboard.query';
import { ExportDashboardQuery, type ExportResult } from '../queries/export-dashboard/export-dashboard.query';
import { ExportDrillQuery, MAX_DRILL_EXPORT_ROWS } from '../queries/export-drill/export-drill.query';
import { DashboardExportQueryDto, DrillExportQueryDto } from './dashboard-export.dto';

const VIEW_KEY = /^[a-z][a-z-]{1,40}$/;
const FILE = {
  description: 'The export file',
  content: { 'text/csv': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};
const PERMISSION_TEXT =
  "Guard: `dashboards.view`; at export time the handler also requires `dashboards.export` on one of the caller's roles, not switched off " +
  'for that role by the organization (PUT /dashboards/export-permissions/:roleKey); without it 403 and a `denied` dashboard audit event. ';

/** CSV and PDF exports of a view and of a drill-down (issue 16 item 8). */
@ApiTags('dashboards')
@Controller({ path: 'dashboards', version: '1' })
export class DashboardExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get('me/export')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: "Export the caller's dashboard view (CSV or PDF) with its filters",
    description:
      PERMISSION_TEXT +
      'Exactly the tiles the caller would see with these filters; the PDF states title, scope, filters, freshness and generated-at. Audited (exported).',
  })
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse(FILE)
  @ApiProblemResponses(400, 401, 403, 422)
  async me(@Query() dto: DashboardExportQueryDto, @Res() res: Response): Promise<void> {
    const { format, ...filters } = dto;
    await this.view({ kind: 'me' }, filters, format, res);
  }

  @Get('views/:viewId/export')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'Export a dashboard view the caller is bound to (CSV or PDF)',
    description: PERMISSION_TEXT + 'As /me/export for the view.',
  })
  @ApiParam({ name: 'viewId', description: 'The view key', example: 'manager' })
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse(FILE)
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async viewExport(@Param('viewId') viewId: string, @Query() dto: DashboardExportQueryDto, @Res() res: Response): Promise<void> {
    if (!VIEW_KEY.test(viewId))
      throw new InvalidInputError('Not a view key.', [{ field: 'viewId', message: 'a view key such as manager' }]);
    const { format, ...filters } = dto;
    await this.view({ kind: 'view', viewKey: viewId }, filters, format, res);
  }

  @Get('drill/:drillKey/export')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'Export a drill-down: the source records behind a metric (CSV or PDF)',
    description:
      PERMISSION_TEXT +
      `The records come from the owning context as in GET /dashboards/drill/:drillKey (its permissions, Part 2 withholding, PHI audit), at most ${MAX_DRILL_EXPORT_ROWS}.`,
  })
  @ApiParam({ name: 'drillKey', enum: DRILL_KEYS })
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse(FILE)
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async drill(@Param('drillKey') drillKey: string, @Query() dto: DrillExportQueryDto, @Res() res: Response): Promise<void> {
    const { format, metric, ...filters } = dto;
    send(res, await this.queries.execute<ExportDrillQuery, ExportResult>(new ExportDrillQuery(drillKey, metric, filters, format)));
  }

  private async view(
    target: DashboardTarget,
    filters: Omit<DashboardExportQueryDto, 'format'>,
    format: DashboardExportQueryDto['format'],
    res: Response,
  ) {
    send(res, await this.queries.execute<ExportDashboardQuery, ExportResult>(new ExportDashboardQuery(target, { ...filters }, format)));
  }
}

function send(res: Response, result: ExportResult): void {
  if (result.outcome === 'denied') throw new ForbiddenError(result.message, result.errors);
  res.status(200);
  res.setHeader('Content-Type', result.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${result.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Export-Rows', String(result.rows));
  res.end(result.body);
}
