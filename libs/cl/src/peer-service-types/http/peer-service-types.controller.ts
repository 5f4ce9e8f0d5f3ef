import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { CreatePeerServiceTypeCommand } from '../commands/create-peer-service-type/create-peer-service-type.command';
import { SetPeerSettingsCommand } from '../commands/set-peer-settings/set-peer-settings.command';
import { UpdatePeerServiceTypeCommand } from '../commands/update-peer-service-type/update-peer-service-type.command';
import { GetPeerVocabularyQuery } from '../queries/get-peer-vocabulary/get-peer-vocabulary.query';
import {
  CreatePeerServiceTypeDto,
  PeerServiceTypeDto,
  PeerVocabularyDto,
  SetPeerSettingsDto,
  UpdatePeerServiceTypeDto,
} from './peer-service-types.dto';

const NOT_FOUND = 'No peer service type with that id in your organization.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

/**
 * CL-19 peer service types: PF-15's standard list (peer support, recovery coaching, crisis peer) or the
 * organization's own, chosen by the organization setting use_pf15.
 */
@ApiTags('peer-encounters')
@Controller({ path: 'peer-service-types', version: '1' })
export class PeerServiceTypesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('cl.peer-encounters.view')
  @ApiOperation({
    summary: 'The peer service types in force',
    description:
      "Permission: `cl.peer-encounters.view`. The use_pf15 setting, the types a new encounter may use, and the organization's own list.",
  })
  @ApiOkResponse({ type: PeerVocabularyDto })
  @ApiProblemResponses(401, 403)
  async list() {
    return this.queries.execute(new GetPeerVocabularyQuery());
  }

  @Post()
  @RequirePermission('cl.peer-service-types.manage')
  @ApiOperation({
    summary: 'Add an organization peer service type',
    description: 'Permission: `cl.peer-service-types.manage`. A taken key answers 409.',
  })
  @ApiCreatedResponse({ type: PeerServiceTypeDto })
  @ApiProblemResponses(400, 401, 403, 409)
  async create(@Body() dto: CreatePeerServiceTypeDto) {
    return this.commands.execute(new CreatePeerServiceTypeCommand(dto.key, dto.label));
  }

  @Patch(':id')
  @RequirePermission('cl.peer-service-types.manage')
  @ApiOperation({
    summary: 'Relabel or retire an organization peer service type',
    description: 'Permission: `cl.peer-service-types.manage`. Retiring the last type in force answers 422.',
  })
  @ApiOkResponse({ type: PeerServiceTypeDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async update(@Param('id', uuidPipe) id: string, @Body() dto: UpdatePeerServiceTypeDto) {
    const t = await this.commands.execute(new UpdatePeerServiceTypeCommand(id, dto));
    if (!t) throw new NotFoundError(NOT_FOUND);
    return t;
  }
}

/** The organization's CL-19 settings (admin only). */
@ApiTags('peer-encounters')
@Controller({ path: 'peer-settings', version: '1' })
export class PeerSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('cl.peer-settings.manage')
  @ApiOperation({ summary: 'The peer services settings (use_pf15)', description: 'Permission: `cl.peer-settings.manage`.' })
  @ApiOkResponse({ type: PeerVocabularyDto })
  @ApiProblemResponses(401, 403)
  async get() {
    return this.queries.execute(new GetPeerVocabularyQuery());
  }

  @Put()
  @RequirePermission('cl.peer-settings.manage')
  @ApiOperation({
    summary: "Choose PF-15 or the organization's own peer service types",
    description:
      "Permission: `cl.peer-settings.manage`. Switching to the organization's own types needs at least one active one (422). Existing encounters keep their type; new ones and draft edits must use a type in force.",
  })
  @ApiOkResponse({ type: PeerVocabularyDto })
  @ApiProblemResponses(400, 401, 403, 422)
  async set(@Body() dto: SetPeerSettingsDto) {
    return this.commands.execute(new SetPeerSettingsCommand(dto.usePf15));
  }
}
