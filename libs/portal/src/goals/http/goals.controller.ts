import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { CreateGoalCommand } from '../commands/create-goal/create-goal.command';
import { RecordGoalProgressCommand } from '../commands/record-goal-progress/record-goal-progress.command';
import type { GoalView } from '../domain/goal.view';
import { GetGoalQuery } from '../queries/get-goal/get-goal.query';
import { ListGoalsQuery } from '../queries/list-goals/list-goals.query';
import { CreateGoalDto, GoalDetailResponseDto, GoalListResponseDto, RecordGoalProgressDto } from './goals.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_GOAL = 'No goal with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const goalId = new ParseIdPipe(() => new NotFoundError(NO_GOAL));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Therapeutic goals, created together: the same use cases answer the therapist's routes and the client's. */
@ApiTags('portal-goals')
@Controller({ version: '1' })
export class GoalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  private get client(): string {
    return this.requestContext.portalClient!.patientId;
  }

  @Post('patients/:id/goals')
  @RequirePermission('portal.goals.manage')
  @ApiOperation({
    summary: 'Create a therapeutic goal for a client',
    description: 'Permission: `portal.goals.manage` (the current primary therapist or a portal admin). Audited.',
  })
  @ApiCreatedResponse({ type: GoalDetailResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  create(@Param('id', patientId) id: string, @Body() dto: CreateGoalDto) {
    return this.commands.execute(new CreateGoalCommand(id, dto.title, dto.description ?? null, dto.targetDate ?? null));
  }

  @Get('patients/:id/goals')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's therapeutic goals",
    description: 'Permission: `portal.activity.view` (the current primary therapist or a portal admin). Audited.',
  })
  @ApiOkResponse({ type: GoalListResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async list(@Param('id', patientId) id: string): Promise<{ items: GoalView[] }> {
    return { items: found(await this.queries.execute(new ListGoalsQuery(id)), NO_PATIENT) };
  }

  @Get('patients/:id/goals/:goalId')
  @RequirePermission('portal.activity.view')
  @ApiOperation({ summary: 'A goal with its progress history', description: 'Permission: `portal.activity.view`. Audited.' })
  @ApiOkResponse({ type: GoalDetailResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', patientId) id: string, @Param('goalId', goalId) goal: string) {
    return found(await this.queries.execute(new GetGoalQuery(id, goal)), NO_GOAL);
  }

  @Post('patients/:id/goals/:goalId/progress')
  @RequirePermission('portal.goals.manage')
  @ApiOperation({
    summary: 'Record progress on a goal',
    description: 'Permission: `portal.goals.manage`. Only an active goal (409 otherwise); kept as history. Audited.',
  })
  @ApiCreatedResponse({ type: GoalDetailResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async progress(@Param('id', patientId) id: string, @Param('goalId', goalId) goal: string, @Body() dto: RecordGoalProgressDto) {
    return found(
      await this.commands.execute(new RecordGoalProgressCommand(id, goal, dto.progress, dto.status ?? 'active', dto.note ?? null)),
      NO_GOAL,
    );
  }

  @Post('portal/goals')
  @PortalClient()
  @ApiOperation({
    summary: 'The client creates a goal',
    description: 'Permission: a signed-in portal client. The therapist is notified. Audited.',
  })
  @ApiCreatedResponse({ type: GoalDetailResponseDto })
  @ApiProblemResponses(400, 401)
  createMine(@Body() dto: CreateGoalDto) {
    return this.commands.execute(new CreateGoalCommand(this.client, dto.title, dto.description ?? null, dto.targetDate ?? null));
  }

  @Get('portal/goals')
  @PortalClient()
  @ApiOperation({ summary: "The client's goals", description: 'Permission: a signed-in portal client. Audited.' })
  @ApiOkResponse({ type: GoalListResponseDto })
  @ApiProblemResponses(401)
  async listMine(): Promise<{ items: GoalView[] }> {
    return { items: found(await this.queries.execute(new ListGoalsQuery(this.client)), NO_PATIENT) };
  }

  @Get('portal/goals/:goalId')
  @PortalClient()
  @ApiOperation({ summary: "One of the client's goals, with its history", description: 'Permission: a signed-in portal client. Audited.' })
  @ApiOkResponse({ type: GoalDetailResponseDto })
  @ApiProblemResponses(401, 404)
  async getMine(@Param('goalId', goalId) goal: string) {
    return found(await this.queries.execute(new GetGoalQuery(this.client, goal)), NO_GOAL);
  }

  @Post('portal/goals/:goalId/progress')
  @PortalClient()
  @ApiOperation({
    summary: 'The client records progress on a goal',
    description: 'Permission: a signed-in portal client. Only an active goal (409 otherwise); the therapist is notified. Audited.',
  })
  @ApiCreatedResponse({ type: GoalDetailResponseDto })
  @ApiProblemResponses(400, 401, 404, 409)
  async progressMine(@Param('goalId', goalId) goal: string, @Body() dto: RecordGoalProgressDto) {
    return found(
      await this.commands.execute(new RecordGoalProgressCommand(this.client, goal, dto.progress, dto.status ?? 'active', dto.note ?? null)),
      NO_GOAL,
    );
  }
}
