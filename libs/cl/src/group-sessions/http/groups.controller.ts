import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { CreateGroupCommand } from '../commands/create-group/create-group.command';
import { GetGroupQuery } from '../queries/get-group/get-group.query';
import { ListGroupsQuery } from '../queries/list-groups/list-groups.query';
import { CreateGroupDto, GroupResponseDto, ListGroupsQueryDto } from './group-sessions.dto';

const NOT_FOUND = 'No group with that id at your sites.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

/** Therapy groups (CL-14): type, SUD-program flag, site and facilitators. Every access is audited. */
@ApiTags('groups')
@Controller({ path: 'groups', version: '1' })
export class GroupsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('cl.groups.manage')
  @ApiOperation({
    summary: 'Define a group',
    description:
      "Permission: `cl.groups.manage` at the group's site. Facilitators must hold a clinician, peer specialist or supervisor role there (422).",
  })
  @ApiCreatedResponse({ type: GroupResponseDto })
  @ApiProblemResponses(400, 401, 403, 422)
  async create(@Body() dto: CreateGroupDto) {
    return this.commands.execute(new CreateGroupCommand(dto));
  }

  @Get()
  @RequirePermission('cl.groups.view')
  @ApiOperation({ summary: 'Groups at your sites, by name (paginated)', description: 'Permission: `cl.groups.view`. Audited.' })
  @ApiPageResponse(GroupResponseDto)
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() q: ListGroupsQueryDto) {
    return this.queries.execute(new ListGroupsQuery(q));
  }

  @Get(':id')
  @RequirePermission('cl.groups.view')
  @ApiOperation({ summary: 'A group', description: 'Permission: `cl.groups.view`. Audited.' })
  @ApiOkResponse({ type: GroupResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    const g = await this.queries.execute(new GetGroupQuery(id));
    if (!g) throw new NotFoundError(NOT_FOUND);
    return g;
  }
}
