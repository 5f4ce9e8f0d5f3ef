import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { AnswerPortalPromptCommand } from '../commands/answer-portal-prompt/answer-portal-prompt.command';
import { CreatePortalPromptCommand } from '../commands/create-portal-prompt/create-portal-prompt.command';
import { ListPortalPromptsQuery } from '../queries/list-portal-prompts/list-portal-prompts.query';
import { AnswerPortalPromptDto, CreatePortalPromptDto, PortalPromptResponseDto } from './prompts.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_PROMPT = 'No prompt with that id.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const promptId = new ParseIdPipe(() => new NotFoundError(NO_PROMPT));

function found<T>(value: T | null, message: string): T {
  if (!value) throw new NotFoundError(message);
  return value;
}

/** The client's prompts and check-ins (seed scenario 1 step 5). */
@ApiTags('portal')
@Controller({ path: 'portal/prompts', version: '1' })
export class ClientPromptsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Get()
  @PortalClient()
  @ApiOperation({ summary: 'Prompts and check-ins the client can answer now', description: 'Permission: a signed-in portal client.' })
  @ApiOkResponse({ type: [PortalPromptResponseDto] })
  @ApiProblemResponses(401)
  async open() {
    return found(await this.queries.execute(new ListPortalPromptsQuery(this.requestContext.portalClient!.patientId, true)), NO_PATIENT);
  }

  @Post(':id/responses')
  @PortalClient()
  @ApiOperation({
    summary: 'Answer a prompt or check-in',
    description:
      'Permission: a signed-in portal client. A daily prompt once a day, a check-in once (409 otherwise). The clinician is notified.',
  })
  @ApiCreatedResponse({ type: PortalPromptResponseDto })
  @ApiProblemResponses(400, 401, 404, 409)
  async answer(@Param('id', promptId) id: string, @Body() dto: AnswerPortalPromptDto) {
    return found(
      await this.commands.execute(new AnswerPortalPromptCommand(this.requestContext.portalClient!.patientId, id, dto.body)),
      NO_PROMPT,
    );
  }
}

/** The therapist's side: send prompts and scheduled check-ins, read the answers (seed scenario 1 steps 4 and 6). */
@ApiTags('portal-activity')
@Controller({ path: 'patients', version: '1' })
export class PatientPromptsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/portal-prompts')
  @RequirePermission('portal.prompts.manage')
  @ApiOperation({
    summary: 'Send a client a daily prompt or a scheduled check-in',
    description: "Permission: `portal.prompts.manage`, as the patient's current primary therapist or a portal admin (404 otherwise).",
  })
  @ApiCreatedResponse({ type: PortalPromptResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  create(@Param('id', patientId) id: string, @Body() dto: CreatePortalPromptDto) {
    return this.commands.execute(new CreatePortalPromptCommand(id, dto));
  }

  @Get(':id/portal-prompts')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's prompts and check-ins with the answers",
    description: 'Permission: `portal.activity.view`, as above. Audited.',
  })
  @ApiOkResponse({ type: [PortalPromptResponseDto] })
  @ApiProblemResponses(401, 403, 404)
  async list(@Param('id', patientId) id: string) {
    return found(await this.queries.execute(new ListPortalPromptsQuery(id, false)), NO_PATIENT);
  }
}
