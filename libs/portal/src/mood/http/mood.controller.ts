import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, PageQueryDto, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { LogMoodEntryCommand } from '../commands/log-mood-entry/log-mood-entry.command';
import { SetMoodEntrySharingCommand } from '../commands/set-mood-entry-sharing/set-mood-entry-sharing.command';
import { GetMoodTrendQuery } from '../queries/get-mood-trend/get-mood-trend.query';
import { ListMoodEntriesQuery } from '../queries/list-mood-entries/list-mood-entries.query';
import { LogMoodEntryDto, MoodEntryPageDto, MoodEntryResponseDto, MoodTrendResponseDto, SetSharingDto } from './mood.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_ENTRY = 'No mood entry with that id.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const entryId = new ParseIdPipe(() => new NotFoundError(NO_ENTRY));

function found<T>(value: T | null, message: string): T {
  if (!value) throw new NotFoundError(message);
  return value;
}

/** The client's mood check-ins (seed §8 `POST /api/v1/portal/mood-entries`) and 30-day trend. */
@ApiTags('portal')
@Controller({ path: 'portal', version: '1' })
export class ClientMoodController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  private get patientId(): string {
    return this.requestContext.portalClient!.patientId;
  }

  @Post('mood-entries')
  @PortalClient()
  @ApiOperation({
    summary: 'Log a mood check-in',
    description:
      'Permission: a signed-in portal client. Score 1-10, symptoms from a fixed vocabulary; shared with the clinician unless `sharedWithClinician: false`.',
  })
  @ApiCreatedResponse({ type: MoodEntryResponseDto })
  @ApiProblemResponses(400, 401)
  log(@Body() dto: LogMoodEntryDto) {
    return this.commands.execute(new LogMoodEntryCommand(this.patientId, dto));
  }

  @Get('mood-entries')
  @PortalClient()
  @ApiOperation({ summary: "The client's mood entries, newest first", description: 'Permission: a signed-in portal client.' })
  @ApiOkResponse({ type: MoodEntryPageDto })
  @ApiProblemResponses(400, 401)
  async list(@Query() q: PageQueryDto) {
    return found(await this.queries.execute(new ListMoodEntriesQuery(this.patientId, q)), NO_PATIENT);
  }

  @Patch('mood-entries/:id')
  @PortalClient()
  @ApiOperation({
    summary: 'Share a mood entry with the clinician, or stop sharing it',
    description: 'Permission: a signed-in portal client.',
  })
  @ApiOkResponse({ type: MoodEntryResponseDto })
  @ApiProblemResponses(400, 401, 404)
  async share(@Param('id', entryId) id: string, @Body() dto: SetSharingDto) {
    return found(await this.commands.execute(new SetMoodEntrySharingCommand(this.patientId, id, dto.sharedWithClinician)), NO_ENTRY);
  }

  @Get('mood-trends')
  @PortalClient()
  @ApiOperation({ summary: "The client's 30-day mood trend", description: 'Permission: a signed-in portal client.' })
  @ApiOkResponse({ type: MoodTrendResponseDto })
  @ApiProblemResponses(401)
  async trend() {
    return found(await this.queries.execute(new GetMoodTrendQuery(this.patientId)), NO_PATIENT);
  }
}

/** The clinician's view of a client's mood (seed §8 `GET /api/v1/clients/:id/mood-trends`, here under patients). */
@ApiTags('portal-activity')
@Controller({ path: 'patients', version: '1' })
export class PatientMoodController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/mood-trends')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's 30-day mood trend and its correlation with session attendance",
    description:
      "Permission: `portal.activity.view`, as the patient's current primary therapist (the entries the client shared) or a portal admin (all). 404 otherwise. Audited.",
  })
  @ApiOkResponse({ type: MoodTrendResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async trend(@Param('id', patientId) id: string) {
    return found(await this.queries.execute(new GetMoodTrendQuery(id)), NO_PATIENT);
  }

  @Get(':id/mood-entries')
  @RequirePermission('portal.activity.view')
  @ApiOperation({ summary: "A client's shared mood entries", description: 'Permission: `portal.activity.view`, as above. Audited.' })
  @ApiOkResponse({ type: MoodEntryPageDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Param('id', patientId) id: string, @Query() q: PageQueryDto) {
    return found(await this.queries.execute(new ListMoodEntriesQuery(id, q)), NO_PATIENT);
  }
}
