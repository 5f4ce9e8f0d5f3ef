import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { ApproveChangeRequestCommand } from '../commands/approve-change-request/approve-change-request.command';
import { DenyChangeRequestCommand } from '../commands/deny-change-request/deny-change-request.command';
import { StartChangeRequestReviewCommand } from '../commands/start-change-request-review/start-change-request-review.command';
import { SubmitChangeRequestCommand } from '../commands/submit-change-request/submit-change-request.command';
import { ListChangeRequestsQuery } from '../queries/list-change-requests/list-change-requests.query';
import {
  ApproveChangeRequestDto,
  ChangeRequestResponseDto,
  DenyChangeRequestDto,
  ListChangeRequestsQueryDto,
  SubmitChangeRequestDto,
} from './change-requests.dto';

const NO_REQUEST = 'No change request with that id in your scope.';
const requestId = new ParseIdPipe(() => new NotFoundError(NO_REQUEST));

function found<T>(v: T | null): T {
  if (v === null) throw new NotFoundError(NO_REQUEST);
  return v;
}

/** Therapist change requests (seed scenario 5, §3.B, §6): the client asks, portal admins decide. */
@ApiTags('portal-change-requests')
@Controller({ version: '1' })
export class ChangeRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('portal/change-requests')
  @PortalClient()
  @ApiOperation({
    summary: 'The client asks for another therapist',
    description:
      'Permission: a signed-in portal client. `sensitive` hides the request from the current therapist (row-level security). One open request at a time (409). Audited.',
  })
  @ApiCreatedResponse({ type: ChangeRequestResponseDto })
  @ApiProblemResponses(400, 401, 409)
  submit(@Body() dto: SubmitChangeRequestDto) {
    const patient = this.requestContext.portalClient!.patientId;
    return this.commands.execute(new SubmitChangeRequestCommand(patient, dto.reason, dto.sensitive ?? false));
  }

  @Get('portal/change-requests')
  @PortalClient()
  @ApiOperation({
    summary: "The client's own change requests and their decisions (paginated)",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiPageResponse(ChangeRequestResponseDto)
  @ApiProblemResponses(400, 401)
  mine(@Query() q: ListChangeRequestsQueryDto) {
    return this.queries.execute(new ListChangeRequestsQuery({ ...q, patientId: this.requestContext.portalClient!.patientId }));
  }

  @Get('admin/portal/change-requests')
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'Every client’s therapist change requests, sensitive ones included (paginated, newest first)',
    description: 'Permission: `portal.admin`. Filter by `status`. Audited.',
  })
  @ApiPageResponse(ChangeRequestResponseDto)
  @ApiProblemResponses(400, 401, 403)
  list(@Query() q: ListChangeRequestsQueryDto) {
    return this.queries.execute(new ListChangeRequestsQuery(q));
  }

  @Post('admin/portal/change-requests/:id/review')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'Take a pending change request under review',
    description: 'Permission: `portal.admin`. Only pending (409 otherwise). Audited.',
  })
  @ApiOkResponse({ type: ChangeRequestResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async review(@Param('id', requestId) id: string) {
    return found(await this.commands.execute(new StartChangeRequestReviewCommand(id)));
  }

  @Post('admin/portal/change-requests/:id/approve')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'Approve a change request and assign the new therapist',
    description:
      "Permission: `portal.admin`. Only under review (409 otherwise). The new therapist becomes the client's primary therapist from today in CL, in the same transaction: they see the client's portal data and the former therapist no longer does. Audited.",
  })
  @ApiOkResponse({ type: ChangeRequestResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async approve(@Param('id', requestId) id: string, @Body() dto: ApproveChangeRequestDto) {
    return found(await this.commands.execute(new ApproveChangeRequestCommand(id, dto.newTherapistId)));
  }

  @Post('admin/portal/change-requests/:id/deny')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'Deny a change request, with a reason the client reads',
    description: 'Permission: `portal.admin`. Only under review (409 otherwise). Audited.',
  })
  @ApiOkResponse({ type: ChangeRequestResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async deny(@Param('id', requestId) id: string, @Body() dto: DenyChangeRequestDto) {
    return found(await this.commands.execute(new DenyChangeRequestCommand(id, dto.reason)));
  }
}
