import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { AssignHomeworkCommand } from '../commands/assign-homework/assign-homework.command';
import { CancelHomeworkCommand } from '../commands/cancel-homework/cancel-homework.command';
import { CompleteHomeworkCommand } from '../commands/complete-homework/complete-homework.command';
import { ReviewHomeworkCommand } from '../commands/review-homework/review-homework.command';
import { ListHomeworkQuery } from '../queries/list-homework/list-homework.query';
import { AssignHomeworkDto, CompleteHomeworkDto, HomeworkResponseDto, ListHomeworkQueryDto, ReviewHomeworkDto } from './homework.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_HOMEWORK = 'No homework with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const homeworkId = new ParseIdPipe(() => new NotFoundError(NO_HOMEWORK));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Homework (seed scenario 2): the therapist assigns, the client completes, the therapist reviews with feedback. */
@ApiTags('portal-homework')
@Controller({ version: '1' })
export class HomeworkController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('patients/:id/homework')
  @RequirePermission('portal.homework.manage')
  @ApiOperation({
    summary: 'Assign homework to a client',
    description: 'Permission: `portal.homework.manage` (the current primary therapist or a portal admin). Audited.',
  })
  @ApiCreatedResponse({ type: HomeworkResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  assign(@Param('id', patientId) id: string, @Body() dto: AssignHomeworkDto) {
    return this.commands.execute(new AssignHomeworkCommand(id, dto.title, dto.description, dto.homeworkType, dto.dueOn));
  }

  @Get('patients/:id/homework')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's homework (paginated, latest due first)",
    description: 'Permission: `portal.activity.view` (the current primary therapist or a portal admin). Audited.',
  })
  @ApiPageResponse(HomeworkResponseDto)
  @ApiProblemResponses(400, 401, 403, 404)
  async list(@Param('id', patientId) id: string, @Query() q: ListHomeworkQueryDto) {
    return found(await this.queries.execute(new ListHomeworkQuery(id, q)), NO_PATIENT);
  }

  @Post('patients/:id/homework/:homeworkId/review')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.homework.manage')
  @ApiOperation({
    summary: 'Review completed homework and give feedback',
    description: 'Permission: `portal.homework.manage`. Only completed homework (409 otherwise). The client sees the feedback. Audited.',
  })
  @ApiOkResponse({ type: HomeworkResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async review(@Param('id', patientId) id: string, @Param('homeworkId', homeworkId) hw: string, @Body() dto: ReviewHomeworkDto) {
    return found(await this.commands.execute(new ReviewHomeworkCommand(id, hw, dto.feedback)), NO_HOMEWORK);
  }

  @Post('patients/:id/homework/:homeworkId/cancel')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.homework.manage')
  @ApiOperation({
    summary: 'Withdraw homework the client has not completed',
    description: 'Permission: `portal.homework.manage`. Only assigned homework (409 otherwise). Audited.',
  })
  @ApiOkResponse({ type: HomeworkResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async cancel(@Param('id', patientId) id: string, @Param('homeworkId', homeworkId) hw: string) {
    return found(await this.commands.execute(new CancelHomeworkCommand(id, hw)), NO_HOMEWORK);
  }

  @Get('portal/homework')
  @PortalClient()
  @ApiOperation({
    summary: "The client's homework, with the therapist's feedback (paginated)",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiPageResponse(HomeworkResponseDto)
  @ApiProblemResponses(400, 401)
  async mine(@Query() q: ListHomeworkQueryDto) {
    return found(await this.queries.execute(new ListHomeworkQuery(this.requestContext.portalClient!.patientId, q)), NO_PATIENT);
  }

  @Post('portal/homework/:homeworkId/complete')
  @HttpCode(HttpStatus.OK)
  @PortalClient()
  @ApiOperation({
    summary: 'The client completes homework',
    description:
      'Permission: a signed-in portal client. Only assigned homework (409 otherwise); an optional worksheet is a file uploaded first (`POST /api/v1/portal/files`), referenced by `fileId`. The therapist is notified. Audited.',
  })
  @ApiOkResponse({ type: HomeworkResponseDto })
  @ApiProblemResponses(400, 401, 404, 409)
  async complete(@Param('homeworkId', homeworkId) hw: string, @Body() dto: CompleteHomeworkDto) {
    const patient = this.requestContext.portalClient!.patientId;
    return found(await this.commands.execute(new CompleteHomeworkCommand(patient, hw, dto.note ?? null, dto.fileId ?? null)), NO_HOMEWORK);
  }
}
