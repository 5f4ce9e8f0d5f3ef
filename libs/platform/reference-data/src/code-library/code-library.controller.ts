import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ListCodesQuery, ValidateCodeQuery } from '@cairn/platform/code-library';
import { ApiPageResponse, ApiProblemResponses, pageWindow } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { CodeDto, CodeValidityDto, ListCodesDto, ValidateCodeDto } from './code-library.dto';

/** PF-70: the code library (CPT, HCPCS, modifiers), national codes plus the organization's own. */
@ApiTags('code-library')
@Controller({ path: 'code-library/codes', version: '1' })
export class CodeLibraryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('code-library.view')
  @ApiOperation({
    summary: 'Search the code library',
    description:
      'Permission: `code-library.view`. Paginated. Filters: system, q (code prefix or description words), on (in effect that day).',
  })
  @ApiPageResponse(CodeDto)
  @ApiProblemResponses(400, 401, 403, 500)
  list(@Query() dto: ListCodesDto) {
    const { page, pageSize } = pageWindow(dto);
    return this.queries.execute(new ListCodesQuery({ system: dto.system, q: dto.q, on: dto.on, page, pageSize }));
  }

  @Get(':code/validity')
  @RequirePermission('code-library.view')
  @ApiOperation({
    summary: 'Is a code billable on a date?',
    description: 'Permission: `code-library.view`. Answers 200 either way, with the reason when it is not valid.',
  })
  @ApiParam({ name: 'code', example: 'H0038' })
  @ApiOkResponse({ type: CodeValidityDto })
  @ApiProblemResponses(400, 401, 403, 500)
  validity(@Param('code') code: string, @Query() dto: ValidateCodeDto) {
    return this.queries.execute(new ValidateCodeQuery(code, dto.on, dto.system));
  }
}
