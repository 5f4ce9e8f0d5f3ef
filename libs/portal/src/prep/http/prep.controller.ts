import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { SubmitSessionPrepCommand } from '../commands/submit-session-prep/submit-session-prep.command';
import { GetSessionPrepQuery } from '../queries/get-session-prep/get-session-prep.query';
import { ListSessionPrepsQuery } from '../queries/list-session-preps/list-session-preps.query';
import { SessionPrepBriefResponseDto, SessionPrepResponseDto, SubmitSessionPrepDto } from './prep.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_APPOINTMENT = 'No appointment with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const appointmentId = new ParseIdPipe(() => new NotFoundError(NO_APPOINTMENT));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Pre-session prep (seed §2.C): the client prepares an upcoming session; the therapist reads it with mood and homework. */
@ApiTags('portal-session-prep')
@Controller({ version: '1' })
export class PrepController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('portal/session-preps')
  @HttpCode(HttpStatus.OK)
  @PortalClient()
  @ApiOperation({
    summary: 'The client submits (or revises) the prep of an upcoming appointment',
    description:
      'Permission: a signed-in portal client. Only an upcoming, booked appointment of the client (422 otherwise; 404 for one not theirs). An urgent concern notifies the therapist. Audited.',
  })
  @ApiOkResponse({ type: SessionPrepResponseDto })
  @ApiProblemResponses(400, 401, 404, 422)
  async submit(@Body() dto: SubmitSessionPrepDto) {
    const patient = this.requestContext.portalClient!.patientId;
    return found(
      await this.commands.execute(
        new SubmitSessionPrepCommand(patient, dto.appointmentId, dto.topics, dto.recentFeelings ?? null, dto.urgentConcern ?? null),
      ),
      NO_APPOINTMENT,
    );
  }

  @Get('portal/session-preps')
  @PortalClient()
  @ApiOperation({ summary: "The client's preps for upcoming appointments", description: 'Permission: a signed-in portal client. Audited.' })
  @ApiOkResponse({ type: [SessionPrepResponseDto] })
  @ApiProblemResponses(401)
  async mine() {
    return found(await this.queries.execute(new ListSessionPrepsQuery(this.requestContext.portalClient!.patientId)), NO_PATIENT);
  }

  @Get('patients/:id/appointments/:appointmentId/prep')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: 'Session preparation: the client prep of an appointment, with recent shared mood and homework status',
    description:
      'Permission: `portal.activity.view` (the current primary therapist or a portal admin). `prep` is null when none was submitted. Audited.',
  })
  @ApiOkResponse({ type: SessionPrepBriefResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async brief(@Param('id', patientId) id: string, @Param('appointmentId', appointmentId) appt: string) {
    return found(await this.queries.execute(new GetSessionPrepQuery(id, appt)), NO_PATIENT);
  }
}
