import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiPageResponse, ApiProblemResponses, PageQueryDto, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { ShareSessionSummaryCommand } from '../commands/share-session-summary/share-session-summary.command';
import { SHAREABLE_DAYS_DEFAULT, SHAREABLE_DAYS_MAX } from '../domain/shareable-session.view';
import { DownloadSessionSummaryQuery } from '../queries/download-session-summary/download-session-summary.query';
import { GetSessionSummaryQuery } from '../queries/get-session-summary/get-session-summary.query';
import { ListSessionSummariesQuery } from '../queries/list-session-summaries/list-session-summaries.query';
import { ListShareableSessionsQuery } from '../queries/list-shareable-sessions/list-shareable-sessions.query';
import {
  SessionSummaryResponseDto,
  ShareableSessionsQueryDto,
  ShareableSessionsResponseDto,
  ShareSessionSummaryDto,
} from './summaries.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_SUMMARY = 'No session summary with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const summaryId = new ParseIdPipe(() => new NotFoundError(NO_SUMMARY));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Session summaries (seed §5 "Therapist shares session summary -> Client can view/download in portal"). */
@ApiTags('portal-session-summaries')
@Controller({ version: '1' })
export class SummariesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('patients/:id/session-summaries')
  @RequirePermission('portal.summaries.manage')
  @ApiOperation({
    summary: 'Share a summary of a completed appointment with the client',
    description:
      'Permission: `portal.summaries.manage` (the current primary therapist or a portal admin). Only a completed appointment of the client (422 otherwise); once per appointment (409). Audited.',
  })
  @ApiCreatedResponse({ type: SessionSummaryResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async share(@Param('id', patientId) id: string, @Body() dto: ShareSessionSummaryDto) {
    return found(await this.commands.execute(new ShareSessionSummaryCommand(id, dto.appointmentId, dto.summary)), NO_PATIENT);
  }

  @Get('patients/:id/session-summaries/sessions')
  @RequirePermission('portal.summaries.manage')
  @ApiOperation({
    summary: "The client's held sessions a summary may be shared for (newest first)",
    description: `Permission: \`portal.summaries.manage\` (the current primary therapist or a portal admin; others 404). The client's completed appointments that started in the last \`days\` days (default ${SHAREABLE_DAYS_DEFAULT}, at most ${SHAREABLE_DAYS_MAX}) at the sites the caller may see, each with the summary already shared for it, if any. Audited.`,
  })
  @ApiOkResponse({ type: ShareableSessionsResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async shareableSessions(@Param('id', patientId) id: string, @Query() q: ShareableSessionsQueryDto) {
    return found(await this.queries.execute(new ListShareableSessionsQuery(id, q.days ?? SHAREABLE_DAYS_DEFAULT)), NO_PATIENT);
  }

  @Get('patients/:id/session-summaries')
  @RequirePermission('portal.activity.view')
  @ApiOperation({ summary: "A client's shared session summaries (paginated)", description: 'Permission: `portal.activity.view`. Audited.' })
  @ApiPageResponse(SessionSummaryResponseDto)
  @ApiProblemResponses(400, 401, 403, 404)
  async ofPatient(@Param('id', patientId) id: string, @Query() q: PageQueryDto) {
    return found(await this.queries.execute(new ListSessionSummariesQuery(id, q)), NO_PATIENT);
  }

  @Get('portal/session-summaries')
  @PortalClient()
  @ApiOperation({
    summary: "The client's session summaries (paginated, latest first)",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiPageResponse(SessionSummaryResponseDto)
  @ApiProblemResponses(400, 401)
  async mine(@Query() q: PageQueryDto) {
    return found(await this.queries.execute(new ListSessionSummariesQuery(this.requestContext.portalClient!.patientId, q)), NO_PATIENT);
  }

  @Get('portal/session-summaries/:summaryId')
  @PortalClient()
  @ApiOperation({
    summary: 'The client reads one of their session summaries',
    description: "Permission: a signed-in portal client (their own only: another's is 404). Audited.",
  })
  @ApiOkResponse({ type: SessionSummaryResponseDto })
  @ApiProblemResponses(401, 404)
  async one(@Param('summaryId', summaryId) id: string) {
    return found(await this.queries.execute(new GetSessionSummaryQuery(this.requestContext.portalClient!.patientId, id)), NO_SUMMARY);
  }

  @Get('portal/session-summaries/:summaryId/pdf')
  @PortalClient()
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The client downloads a session summary as a PDF',
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblemResponses(401, 404)
  async pdf(@Param('summaryId', summaryId) id: string, @Res({ passthrough: true }) res: Response) {
    const file = found(
      await this.queries.execute(new DownloadSessionSummaryQuery(this.requestContext.portalClient!.patientId, id)),
      NO_SUMMARY,
    );
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.content);
  }
}
