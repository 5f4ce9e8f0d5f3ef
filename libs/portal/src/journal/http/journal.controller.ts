import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, PageQueryDto, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { SetJournalEntrySharingCommand } from '../commands/set-journal-entry-sharing/set-journal-entry-sharing.command';
import { WriteJournalEntryCommand } from '../commands/write-journal-entry/write-journal-entry.command';
import { ListJournalEntriesQuery } from '../queries/list-journal-entries/list-journal-entries.query';
import { JournalEntryPageDto, JournalEntryResponseDto, SetJournalSharingDto, WriteJournalEntryDto } from './journal.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_ENTRY = 'No journal entry with that id.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const entryId = new ParseIdPipe(() => new NotFoundError(NO_ENTRY));

function found<T>(value: T | null, message: string): T {
  if (!value) throw new NotFoundError(message);
  return value;
}

/** The client's journal: private by default, shared only by the client's choice (seed §6 JournalEntry). */
@ApiTags('portal')
@Controller({ path: 'portal/journal-entries', version: '1' })
export class ClientJournalController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  private get patientId(): string {
    return this.requestContext.portalClient!.patientId;
  }

  @Post()
  @PortalClient()
  @ApiOperation({
    summary: 'Write a journal entry',
    description: 'Permission: a signed-in portal client. Private unless `sharedWithClinician: true`.',
  })
  @ApiCreatedResponse({ type: JournalEntryResponseDto })
  @ApiProblemResponses(400, 401)
  write(@Body() dto: WriteJournalEntryDto) {
    return this.commands.execute(new WriteJournalEntryCommand(this.patientId, dto.title, dto.body, dto.sharedWithClinician ?? false));
  }

  @Get()
  @PortalClient()
  @ApiOperation({ summary: "The client's journal, newest first", description: 'Permission: a signed-in portal client.' })
  @ApiOkResponse({ type: JournalEntryPageDto })
  @ApiProblemResponses(400, 401)
  async list(@Query() q: PageQueryDto) {
    return found(await this.queries.execute(new ListJournalEntriesQuery(this.patientId, q)), NO_PATIENT);
  }

  @Patch(':id')
  @PortalClient()
  @ApiOperation({
    summary: 'Share a journal entry with the clinician, or make it private again',
    description: 'Permission: a signed-in portal client.',
  })
  @ApiOkResponse({ type: JournalEntryResponseDto })
  @ApiProblemResponses(400, 401, 404)
  async share(@Param('id', entryId) id: string, @Body() dto: SetJournalSharingDto) {
    return found(await this.commands.execute(new SetJournalEntrySharingCommand(this.patientId, id, dto.sharedWithClinician)), NO_ENTRY);
  }
}

@ApiTags('portal-activity')
@Controller({ path: 'patients', version: '1' })
export class PatientJournalController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/journal-entries')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: 'The journal entries a client shared',
    description: 'Permission: `portal.activity.view`, as the current primary therapist (shared entries only) or a portal admin. Audited.',
  })
  @ApiOkResponse({ type: JournalEntryPageDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Param('id', patientId) id: string, @Query() q: PageQueryDto) {
    return found(await this.queries.execute(new ListJournalEntriesQuery(id, q)), NO_PATIENT);
  }
}
