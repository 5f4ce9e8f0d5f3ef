import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { SetServiceTypeCategoryCommand } from '../commands/set-service-type-category/set-service-type-category.command';
import { ListServiceTypesQuery } from '../queries/list-service-types/list-service-types.query';
import { ServiceTypeDto, SetServiceTypeDto } from './service-type.dto';

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Service types and the non-clinical category each is reported under; an administrator edits the mapping. */
@ApiTags('service-types')
@Controller({ path: 'pm/service-types', version: '1' })
export class ServiceTypesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('pm.appointments.view')
  @ApiOperation({ summary: 'Service types and their categories', description: 'Permission: `pm.appointments.view`.' })
  @ApiOkResponse({ type: [ServiceTypeDto] })
  list() {
    return this.queries.execute(new ListServiceTypesQuery());
  }

  @Put(':code')
  @RequirePermission('pm.service-types.manage')
  @ApiOperation({ summary: 'Create a service type or change its category', description: 'Permission: `pm.service-types.manage`. Audited.' })
  @ApiOkResponse({ type: ServiceTypeDto })
  @ApiProblemResponses(400, 401, 403)
  set(@Param('code') code: string, @Body() dto: SetServiceTypeDto) {
    if (!CODE.test(code)) {
      throw new BadRequestException({
        message: 'code must be lower-case letters, digits and hyphens',
        errors: [{ field: 'code', message: 'code must be lower-case letters, digits and hyphens (at most 64)' }],
      });
    }
    return this.commands.execute(new SetServiceTypeCategoryCommand(code, dto.category, dto.name, dto.active));
  }
}
