import { applyDecorators, Body, Controller, Get, Param, Put, Query, SetMetadata } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';
import { ACCESS_RULE, RequirePermission, type AccessRule } from '@cairn/platform/tenancy';

import { SaveLayoutCommand, type LayoutView } from '../commands/save-layout/save-layout.command';
import type { DashboardView } from '../domain/dashboard.view';
import { GetDashboardQuery, type DashboardResult, type DashboardTarget } from '../queries/get-dashboard/get-dashboard.query';
import { DashboardFiltersDto, DashboardViewResponseDto, LayoutResponseDto, SaveLayoutDto } from './dashboards.dto';

/**
 * The comparison view's access rule. The guard lets any holder of `dashboards.view` through, and the handler checks
 * `dashboards.cross-site.view` itself: a denied attempt must leave a dashboard audit event (§13.2 rule 6) in the
 * request's transaction, which a refusal by the guard would not. OpenAPI documents the grant the route needs.
 */
function CrossSitePermission(): MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'permission', permission: 'dashboards.view' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiExtension('x-permission', 'dashboards.cross-site.view'),
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked access token (problem+json)' }),
    ApiForbiddenResponse({ description: 'Requires `dashboards.cross-site.view` (problem+json); the attempt is audited' }),
  );
}

const VIEW_KEY = /^[a-z][a-z-]{1,40}$/;

/**
 * Role-bound dashboard views (issue 16 items 3–5). Rendering reads only the value store. Every answer, allowed or
 * denied, is preceded by its dashboard audit events in the same transaction (the handler writes them).
 */
@ApiTags('dashboards')
@Controller({ path: 'dashboards', version: '1' })
export class DashboardsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('me')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: "The caller's role-bound dashboard view",
    description:
      "Permission: `dashboards.view`. The view bound to the caller's role (Manager/Owner, Treatment Coordinator, Front-of-House, " +
      'Practitioner), only the metrics their roles may see; practitioners see their own figures only. Each value carries its update model, ' +
      "freshness label, feed state, staleness and attention indicators. A site or provider filter outside the caller's scope is 403 (and audited).",
  })
  @ApiOkResponse({ type: DashboardViewResponseDto })
  @ApiProblemResponses(400, 401, 403, 422)
  async me(@Query() filters: DashboardFiltersDto): Promise<DashboardViewResponseDto> {
    return this.render({ kind: 'me' }, filters);
  }

  @Get('cross-site')
  @CrossSitePermission()
  @ApiOperation({
    summary: 'The group / multi-site comparison view',
    description:
      'Permission: `dashboards.cross-site.view` (an explicit grant). Without it the answer is 403 and the attempt is written to the dashboard ' +
      'audit trail (a denied event) before the answer. Every use is audited with the sites in scope.',
  })
  @ApiOkResponse({ type: DashboardViewResponseDto })
  @ApiProblemResponses(400, 401, 403, 422)
  async crossSite(@Query() filters: DashboardFiltersDto): Promise<DashboardViewResponseDto> {
    return this.render({ kind: 'cross-site' }, filters);
  }

  @Get('views/:viewId')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'Another dashboard view the caller is bound to',
    description:
      "Permission: `dashboards.view`, and one of the caller's roles must be bound to the view (else 403, audited). `viewId` is the view's key: " +
      'practitioner, front-of-house, treatment-coordinator, manager (group: the comparison, as /cross-site).',
  })
  @ApiParam({ name: 'viewId', description: 'The view key', example: 'practitioner' })
  @ApiOkResponse({ type: DashboardViewResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async view(@Param('viewId') viewId: string, @Query() filters: DashboardFiltersDto): Promise<DashboardViewResponseDto> {
    if (!VIEW_KEY.test(viewId))
      throw new InvalidInputError('Not a view key.', [{ field: 'viewId', message: 'a view key such as manager' }]);
    return this.render({ kind: 'view', viewKey: viewId }, filters);
  }

  @Put('views/:viewId/layout')
  @RequirePermission('dashboards.view')
  @ApiOperation({
    summary: 'Save your own layout of a view (order, hidden tiles)',
    description:
      'Permission: `dashboards.view`, a view bound to one of your roles whose practice enables personal layouts (else 422). The core metrics ' +
      'of the role cannot be hidden (400).',
  })
  @ApiParam({ name: 'viewId', description: 'The view key', example: 'manager' })
  @ApiOkResponse({ type: LayoutResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async saveLayout(@Param('viewId') viewId: string, @Body() dto: SaveLayoutDto): Promise<LayoutResponseDto> {
    if (!VIEW_KEY.test(viewId))
      throw new InvalidInputError('Not a view key.', [{ field: 'viewId', message: 'a view key such as manager' }]);
    return this.commands.execute<SaveLayoutCommand, LayoutView>(new SaveLayoutCommand(viewId, dto.metricOrder, dto.hiddenMetrics));
  }

  private async render(target: DashboardTarget, filters: DashboardFiltersDto): Promise<DashboardView> {
    const result = await this.queries.execute<GetDashboardQuery, DashboardResult>(new GetDashboardQuery(target, { ...filters }));
    if (result.outcome === 'denied') throw new ForbiddenError(result.message, result.errors);
    return result.dashboard;
  }
}
