import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { AcknowledgeCrisisAlertCommand } from '../commands/acknowledge-crisis-alert/acknowledge-crisis-alert.command';
import { OpenCrisisToolkitCommand } from '../commands/open-crisis-toolkit/open-crisis-toolkit.command';
import { UpdateCrisisToolkitCommand } from '../commands/update-crisis-toolkit/update-crisis-toolkit.command';
import { GetCrisisToolkitQuery } from '../queries/get-crisis-toolkit/get-crisis-toolkit.query';
import { ListCrisisAlertsQuery } from '../queries/list-crisis-alerts/list-crisis-alerts.query';
import { ListCrisisToolkitUsageQuery } from '../queries/list-crisis-toolkit-usage/list-crisis-toolkit-usage.query';
import {
  CrisisAlertResponseDto,
  CrisisToolkitResponseDto,
  CrisisToolkitUsageResponseDto,
  ListCrisisAlertsQueryDto,
  UpdateCrisisToolkitDto,
} from './crisis-toolkit.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const alertId = new ParseIdPipe(() => new NotFoundError('No crisis alert with that id in your scope.'));

function found<T>(v: T | null, message: string): T {
  if (v === null) throw new NotFoundError(message);
  return v;
}

/**
 * The crisis toolkit (seed scenario 3): the client opens it (every open logged and counted), the therapist
 * customises it and reviews its use, admins see the high-risk list.
 */
@ApiTags('portal-crisis-toolkit')
@Controller({ version: '1' })
export class CrisisToolkitController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('portal/crisis-toolkit/opens')
  @PortalClient()
  @ApiOperation({
    summary: 'The client opens their crisis toolkit',
    description:
      'Permission: a signed-in portal client. Answers the toolkit (the 988 Suicide & Crisis Lifeline first, coping steps, contacts). Every open is logged; the third within 7 days alerts the therapist and the admins, once per episode. Audited.',
  })
  @ApiCreatedResponse({ type: CrisisToolkitResponseDto })
  @ApiProblemResponses(401)
  open() {
    return this.commands.execute(new OpenCrisisToolkitCommand(this.requestContext.portalClient!.patientId));
  }

  @Get('patients/:id/crisis-toolkit')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's crisis toolkit, as the client sees it",
    description: 'Permission: `portal.activity.view` (the current primary therapist or a portal admin). Not counted as an open. Audited.',
  })
  @ApiOkResponse({ type: CrisisToolkitResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', patientId) id: string) {
    return found(await this.queries.execute(new GetCrisisToolkitQuery(id)), NO_PATIENT);
  }

  @Put('patients/:id/crisis-toolkit')
  @RequirePermission('portal.crisis-toolkit.manage')
  @ApiOperation({
    summary: "Customise a client's crisis toolkit",
    description:
      'Permission: `portal.crisis-toolkit.manage` (the current primary therapist or a portal admin). Replaces the coping steps and contacts; the 988 Lifeline stays first whatever is sent. Audited.',
  })
  @ApiOkResponse({ type: CrisisToolkitResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  update(@Param('id', patientId) id: string, @Body() dto: UpdateCrisisToolkitDto) {
    return this.commands.execute(
      new UpdateCrisisToolkitCommand(
        id,
        dto.copingSteps,
        dto.contacts.map((c) => ({ name: c.name, phone: c.phone, relationship: c.relationship ?? null })),
      ),
    );
  }

  @Get('patients/:id/crisis-toolkit/usage')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's crisis-toolkit opens and alert episodes (last 90 days)",
    description: 'Permission: `portal.activity.view` (the current primary therapist or a portal admin). Audited.',
  })
  @ApiOkResponse({ type: CrisisToolkitUsageResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async usage(@Param('id', patientId) id: string) {
    return found(await this.queries.execute(new ListCrisisToolkitUsageQuery(id)), NO_PATIENT);
  }

  @Post('patients/:id/crisis-alerts/:alertId/acknowledge')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('portal.crisis-toolkit.manage')
  @ApiOperation({
    summary: 'Acknowledge a crisis-toolkit alert',
    description:
      'Permission: `portal.crisis-toolkit.manage` (the current primary therapist or a portal admin). Notes that the alert was seen; idempotent. Nothing is sent to the client. Audited.',
  })
  @ApiOkResponse({ type: CrisisAlertResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async acknowledge(@Param('id', patientId) id: string, @Param('alertId', alertId) alert: string) {
    return found(await this.commands.execute(new AcknowledgeCrisisAlertCommand(id, alert)), 'No crisis alert with that id in your scope.');
  }

  @Get('admin/portal/crisis-alerts')
  @RequirePermission('portal.admin')
  @ApiOperation({
    summary: 'High-risk list: crisis-toolkit alert episodes of every client (paginated, newest first)',
    description: 'Permission: `portal.admin`. Audited.',
  })
  @ApiPageResponse(CrisisAlertResponseDto)
  @ApiProblemResponses(400, 401, 403)
  list(@Query() q: ListCrisisAlertsQueryDto) {
    return this.queries.execute(new ListCrisisAlertsQuery(q));
  }
}
