import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, pageWindow } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { ListChargesQuery } from '../queries/list-charges/list-charges.query';
import { ChargeResponseDto, ListChargesDto } from './charges.dto';

/** Charges (PM-07) for billing: created by the worker from approved group encounters and finalized peer encounters. */
@ApiTags('charges')
@Controller({ path: 'charges', version: '1' })
export class ChargesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('pm.charges.view')
  @ApiOperation({
    summary: 'List charges with their source and proposed vs final code',
    description:
      "Permission: `pm.charges.view`. Filters: status, site, service date range, source type, group session, patient. Paginated, newest service date first; only the caller's sites. Audited.",
  })
  @ApiPageResponse(ChargeResponseDto)
  @ApiProblemResponses(400, 401, 403)
  list(@Query() dto: ListChargesDto) {
    const { page, pageSize } = pageWindow(dto);
    return this.queries.execute(
      new ListChargesQuery({
        status: dto.status,
        siteId: dto.siteId,
        from: dto.from,
        to: dto.to,
        sourceType: dto.sourceType,
        sessionId: dto.sessionId,
        patientId: dto.patientId,
        page,
        pageSize,
      }),
    );
  }
}
