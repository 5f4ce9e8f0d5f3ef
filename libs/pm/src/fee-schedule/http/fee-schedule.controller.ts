import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, pageWindow, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { CreateFeeScheduleEntryCommand } from '../commands/create-fee-schedule-entry/create-fee-schedule-entry.command';
import { EndFeeScheduleEntryCommand } from '../commands/end-fee-schedule-entry/end-fee-schedule-entry.command';
import { ListFeeScheduleQuery } from '../queries/list-fee-schedule/list-fee-schedule.query';
import { CreateFeeScheduleEntryDto, EndFeeScheduleEntryDto, FeeScheduleEntryResponseDto, ListFeeScheduleDto } from './fee-schedule.dto';

const NOT_FOUND = 'No fee schedule entry with that id.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

/**
 * The organization's fee schedule (PM-07): what a code (and modifiers) bills over a period, its unit basis and
 * crosswalk. Charge creation prices each proposed code with the most specific entry in effect on the service date.
 */
@ApiTags('fee-schedule')
@Controller({ path: 'pm/fee-schedule', version: '1' })
export class FeeScheduleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('pm.fee-schedule.view')
  @ApiOperation({
    summary: 'List fee schedule entries',
    description: 'Permission: `pm.fee-schedule.view`. Filters: code, in effect on a day. Paginated.',
  })
  @ApiPageResponse(FeeScheduleEntryResponseDto)
  @ApiProblemResponses(400, 401, 403)
  list(@Query() dto: ListFeeScheduleDto) {
    const { page, pageSize } = pageWindow(dto);
    return this.queries.execute(new ListFeeScheduleQuery({ code: dto.code, on: dto.on, page, pageSize }));
  }

  @Post()
  @RequirePermission('pm.fee-schedule.manage')
  @ApiOperation({
    summary: 'Add a fee schedule entry',
    description:
      'Permission: `pm.fee-schedule.manage`. Codes and modifiers are checked against the code library on `effectiveFrom` (400 naming the field); an entry of the same code and modifiers rule overlapping in time is a 409. Audited.',
  })
  @ApiCreatedResponse({ type: FeeScheduleEntryResponseDto })
  @ApiProblemResponses(400, 401, 403, 409)
  create(@Body() dto: CreateFeeScheduleEntryDto) {
    return this.commands.execute(new CreateFeeScheduleEntryCommand(dto));
  }

  @Post(':id/end')
  @HttpCode(200)
  @RequirePermission('pm.fee-schedule.manage')
  @ApiOperation({
    summary: 'Set the last day of a fee schedule entry',
    description: 'Permission: `pm.fee-schedule.manage`. 409 when the new period would overlap another entry of the same key. Audited.',
  })
  @ApiOkResponse({ type: FeeScheduleEntryResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async end(@Param('id', uuidPipe) id: string, @Body() dto: EndFeeScheduleEntryDto) {
    const entry = await this.commands.execute(new EndFeeScheduleEntryCommand(id, dto.effectiveTo));
    if (!entry) throw new NotFoundError(NOT_FOUND);
    return entry;
  }
}
