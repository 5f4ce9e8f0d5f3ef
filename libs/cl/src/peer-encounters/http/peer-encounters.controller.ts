import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { assertDateRange, NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { AddPeerEncounterAddendumCommand } from '../commands/add-peer-encounter-addendum/add-peer-encounter-addendum.command';
import { CreatePeerEncounterDraftCommand } from '../commands/create-peer-encounter-draft/create-peer-encounter-draft.command';
import { EditPeerEncounterCommand } from '../commands/edit-peer-encounter/edit-peer-encounter.command';
import { FinalizePeerEncounterCommand } from '../commands/finalize-peer-encounter/finalize-peer-encounter.command';
import type { PeerEncounterView } from '../domain/peer-encounter.view';
import { GetPeerEncounterChargeQuery } from '../queries/get-peer-encounter-charge/get-peer-encounter-charge.query';
import { GetPeerEncounterQuery } from '../queries/get-peer-encounter/get-peer-encounter.query';
import { ListPatientPeerEncountersQuery } from '../queries/list-patient-peer-encounters/list-patient-peer-encounters.query';
import {
  AddPeerEncounterAddendumDto,
  CreatePeerEncounterDto,
  EditPeerEncounterDto,
  ListPeerEncountersQueryDto,
  PeerEncounterChargeResponseDto,
  PeerEncounterResponseDto,
} from './peer-encounters.dto';

const NOT_FOUND = 'No peer encounter (or patient) with that id in your scope.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

function found(e: PeerEncounterView | null): PeerEncounterView {
  if (!e) throw new NotFoundError(NOT_FOUND);
  return e;
}

/**
 * Peer recovery support encounters (CL-19): a draft by the peer provider, then finalized, which locks it, creates
 * its PM encounter and publishes `peer_encounter_finalized.v1` for charge capture; corrections are addenda.
 * Part 2 records: without a consent covering peer encounters for the caller, an encounter of a Part 2 chart
 * does not exist for them (404). Every access is audited.
 */
@ApiTags('peer-encounters')
@Controller({ path: 'peer-encounters', version: '1' })
export class PeerEncountersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('cl.peer-encounters.write')
  @ApiOperation({
    summary: 'Document a peer encounter (draft)',
    description:
      "Permission: `cl.peer-encounters.write` at the encounter's site (the patient's unless `siteId` names another permitted one; 403). The patient must be in scope (404); on a Part 2 chart a consent must cover peer encounters for you (403). endTime after startTime and durationMinutes equal to the difference (400); serviceType from the vocabulary in force (400); hcpcsCode H0038, H2017 or an organization code valid on serviceDate (400); peerProviderId a peer specialist at the site (422). Times overlapping another peer encounter of the patient that day answer 409 naming it, unless `confirmOverlap: true`.",
  })
  @ApiCreatedResponse({ type: PeerEncounterResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async create(@Body() dto: CreatePeerEncounterDto) {
    return found(await this.commands.execute(new CreatePeerEncounterDraftCommand(dto)));
  }

  @Get(':id')
  @RequirePermission('cl.peer-encounters.view')
  @ApiOperation({
    summary: 'A peer encounter with its addenda',
    description: 'Permission: `cl.peer-encounters.view`. Audited; Part 2 reads carry the §2.32 notice.',
  })
  @ApiOkResponse({ type: PeerEncounterResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    return found(await this.queries.execute(new GetPeerEncounterQuery(id)));
  }

  @Get(':id/charge')
  @RequirePermission('cl.peer-encounters.view')
  @ApiOperation({
    summary: "Where a peer encounter stands in billing (its charge's status)",
    description:
      "Permission: `cl.peer-encounters.view` (a peer specialist needs no charge permission to see their own encounter's charge). 404 like the encounter itself, Part 2 included. A draft is `not_finalized`; a finalized encounter whose charge is not created yet is `pending`; else the current charge's status, hold reason, code, units and amount. Audited.",
  })
  @ApiOkResponse({ type: PeerEncounterChargeResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async charge(@Param('id', uuidPipe) id: string) {
    const c = await this.queries.execute(new GetPeerEncounterChargeQuery(id));
    if (!c) throw new NotFoundError(NOT_FOUND);
    return c;
  }

  @Patch(':id')
  @RequirePermission('cl.peer-encounters.write')
  @ApiOperation({
    summary: 'Edit a draft',
    description:
      'Permission: `cl.peer-encounters.write`; the peer provider only (403). A finalized encounter answers 409 (add an addendum). New day or times ' +
      'overlapping another peer encounter of the patient answer 409 naming it, unless `confirmOverlap: true`.',
  })
  @ApiOkResponse({ type: PeerEncounterResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async edit(@Param('id', uuidPipe) id: string, @Body() dto: EditPeerEncounterDto) {
    const { confirmOverlap, ...input } = dto;
    return found(await this.commands.execute(new EditPeerEncounterCommand(id, input, confirmOverlap === true)));
  }

  @Post(':id/finalize')
  @HttpCode(200)
  @RequirePermission('cl.peer-encounters.finalize')
  @ApiOperation({
    summary: 'Finalize (lock) and send to billing',
    description:
      'Permission: `cl.peer-encounters.finalize`; the peer provider only (403). Not before the service date (422). Creates the PM encounter and publishes `peer_encounter_finalized.v1` in the same transaction; a second finalize answers 409 and publishes nothing.',
  })
  @ApiOkResponse({ type: PeerEncounterResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async finalize(@Param('id', uuidPipe) id: string) {
    return found(await this.commands.execute(new FinalizePeerEncounterCommand(id)));
  }

  @Post(':id/addenda')
  @RequirePermission('cl.peer-encounters.write')
  @ApiOperation({
    summary: 'Add an addendum to a finalized encounter',
    description: 'Permission: `cl.peer-encounters.write`. A draft answers 409 (edit it instead).',
  })
  @ApiCreatedResponse({ type: PeerEncounterResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async addendum(@Param('id', uuidPipe) id: string, @Body() dto: AddPeerEncounterAddendumDto) {
    return found(await this.commands.execute(new AddPeerEncounterAddendumCommand(id, dto.body)));
  }
}

/** A patient's peer encounters, for the chart. */
@ApiTags('peer-encounters')
@Controller({ path: 'patients', version: '1' })
export class PatientPeerEncountersController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/peer-encounters')
  @RequirePermission('cl.peer-encounters.view')
  @ApiOperation({
    summary: "A patient's peer encounters, newest first (paginated)",
    description:
      'Permission: `cl.peer-encounters.view`, for a patient in scope (404). Filters: date range (inclusive), status. On a Part 2 chart the list is empty unless a consent covers peer encounters for you. Audited.',
  })
  @ApiPageResponse(PeerEncounterResponseDto)
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Param('id', uuidPipe) id: string, @Query() q: ListPeerEncountersQueryDto) {
    assertDateRange(q.from, q.to);
    const page = await this.queries.execute(new ListPatientPeerEncountersQuery({ patientId: id, ...q }));
    if (!page) throw new NotFoundError(NOT_FOUND);
    return page;
  }
}
