import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { GetJurisdictionProfileQuery } from '@cairn/platform/jurisdiction';
import { RequirePermission } from '@cairn/platform/tenancy';

import { GetJurisdictionProfileDto, GroupCodeMappingDto, ResolvedJurisdictionProfileDto } from './jurisdiction.dto';

/** PF-96: the billing rules of the jurisdiction that applies to the organization or one of its sites. */
@ApiTags('jurisdiction')
@ApiExtraModels(GroupCodeMappingDto)
@Controller({ path: 'jurisdiction/profile', version: '1' })
export class JurisdictionController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('jurisdiction.view')
  @ApiOperation({
    summary: 'The jurisdiction profile that applies',
    description:
      "Permission: `jurisdiction.view`. The site's jurisdiction, else the organization's, else (or for a state without a profile) the CMS default.",
  })
  @ApiOkResponse({ type: ResolvedJurisdictionProfileDto })
  @ApiProblemResponses(400, 401, 403, 404, 500)
  get(@Query() dto: GetJurisdictionProfileDto) {
    return this.queries.execute(new GetJurisdictionProfileQuery({ siteId: dto.siteId, stateCode: dto.stateCode }));
  }
}
