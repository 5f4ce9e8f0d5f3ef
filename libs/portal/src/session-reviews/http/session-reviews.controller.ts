import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { SubmitSessionReviewCommand } from '../commands/submit-session-review/submit-session-review.command';
import { ListReviewOversightQuery } from '../queries/list-review-oversight/list-review-oversight.query';
import { ListSessionReviewsQuery } from '../queries/list-session-reviews/list-session-reviews.query';
import {
  ListReviewOversightQueryDto,
  ListSessionReviewsQueryDto,
  ReviewOversightResponseDto,
  SessionReviewResponseDto,
  SubmitSessionReviewDto,
} from './session-reviews.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_REVIEW = 'No session review with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const reviewId = new ParseIdPipe(() => new NotFoundError(NO_REVIEW));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/** Session reviews (seed scenario 4): prompted after a completed appointment, answered once by the client. */
@ApiTags('portal-session-reviews')
@Controller({ version: '1' })
export class SessionReviewsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Get('portal/session-reviews')
  @PortalClient()
  @ApiOperation({
    summary: "The client's session reviews: the prompts to answer (status=pending) and the answered ones (paginated)",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiPageResponse(SessionReviewResponseDto)
  @ApiProblemResponses(400, 401)
  async mine(@Query() q: ListSessionReviewsQueryDto) {
    return found(await this.queries.execute(new ListSessionReviewsQuery(this.requestContext.portalClient!.patientId, q)), NO_PATIENT);
  }

  @Post('portal/session-reviews/:reviewId')
  @HttpCode(HttpStatus.OK)
  @PortalClient()
  @ApiOperation({
    summary: 'The client rates a session (1-5), with optional feedback, sharing (default not shared) and anonymity',
    description:
      'Permission: a signed-in portal client. Once per session (409 when answered). An anonymous review is seen only by portal admins, without the client. A shared, not anonymous review notifies the therapist. Audited.',
  })
  @ApiOkResponse({ type: SessionReviewResponseDto })
  @ApiProblemResponses(400, 401, 404, 409)
  async submit(@Param('reviewId', reviewId) id: string, @Body() dto: SubmitSessionReviewDto) {
    const patient = this.requestContext.portalClient!.patientId;
    return found(
      await this.commands.execute(
        new SubmitSessionReviewCommand(
          patient,
          id,
          dto.rating,
          dto.feedback ?? null,
          dto.sharedWithClinician ?? false,
          dto.anonymous ?? false,
        ),
      ),
      NO_REVIEW,
    );
  }

  @Get('patients/:id/session-reviews')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's session reviews the caller may see (paginated)",
    description:
      'Permission: `portal.activity.view`. The current primary therapist sees the reviews the client shared and did not make anonymous; a portal admin all. Audited.',
  })
  @ApiPageResponse(SessionReviewResponseDto)
  @ApiProblemResponses(400, 401, 403, 404)
  async ofPatient(@Param('id', patientId) id: string, @Query() q: ListSessionReviewsQueryDto) {
    return found(await this.queries.execute(new ListSessionReviewsQuery(id, q)), NO_PATIENT);
  }

  @Get('therapist/session-reviews')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "The caller's own sessions' reviews that clients shared with them (paginated, newest first)",
    description: 'Permission: `portal.activity.view`. Anonymous and unshared reviews never show here. Audited.',
  })
  @ApiPageResponse(SessionReviewResponseDto)
  @ApiProblemResponses(400, 401, 403)
  async own(@Query() q: ListSessionReviewsQueryDto) {
    return found(await this.queries.execute(new ListSessionReviewsQuery(null, q)), NO_PATIENT);
  }

  @Get('admin/portal/session-reviews')
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'Quality view: every answered session review, private and anonymous ones included (paginated, newest first)',
    description:
      'Permission: `portal.admin`. Filter by `rating`, `maxRating` or `clinicianId`. An anonymous review comes without its patient (withheld by the database view). Audited.',
  })
  @ApiPageResponse(ReviewOversightResponseDto)
  @ApiProblemResponses(400, 401, 403)
  oversight(@Query() q: ListReviewOversightQueryDto) {
    return this.queries.execute(new ListReviewOversightQuery(q));
  }
}
