import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import type { PortalAdoptionView } from '../domain/portal-adoption.view';
import { GetPortalAdoptionQuery } from '../queries/get-portal-adoption/get-portal-adoption.query';
import { PortalAdoptionQueryDto, PortalAdoptionResponseDto } from './admin-oversight.dto';

/** The admins' portal oversight (seed §3.A, §8 `GET /api/v1/admin/portal/adoption`). */
@ApiTags('portal-admin')
@Controller({ path: 'admin/portal', version: '1' })
export class AdminOversightController {
  constructor(private readonly queries: QueryBus) {}

  @Get('adoption')
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'Portal adoption and engagement over a period',
    description:
      'Permission: `portal.admin`. Share of active patients with an active portal account, daily active clients over [from, to], weekly active clients (7 days ending `to`) and client actions by feature; organization-wide, no client named. The same figures feed the Engagement dashboard tiles. Audited.',
  })
  @ApiOkResponse({ type: PortalAdoptionResponseDto })
  @ApiProblemResponses(400, 401, 403)
  adoption(@Query() q: PortalAdoptionQueryDto): Promise<PortalAdoptionView> {
    return this.queries.execute(new GetPortalAdoptionQuery(q.from, q.to));
  }
}
