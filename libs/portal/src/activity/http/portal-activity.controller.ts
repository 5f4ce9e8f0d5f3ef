import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { GetPortalActivityQuery } from '../queries/get-portal-activity/get-portal-activity.query';
import { ListUpcomingAppointmentsQuery } from '../queries/list-upcoming-appointments/list-upcoming-appointments.query';
import { PatientAppointmentDto, PortalActivityResponseDto } from './portal-activity.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));

/** The client's home (seed §8 dashboard and upcoming appointments). */
@ApiTags('portal')
@Controller({ path: 'portal', version: '1' })
export class ClientDashboardController {
  constructor(
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Get('dashboard')
  @PortalClient()
  @ApiOperation({
    summary: "The client's dashboard",
    description: 'Permission: a signed-in portal client. The sections registered for clients; audited.',
  })
  @ApiOkResponse({ type: PortalActivityResponseDto })
  @ApiProblemResponses(401)
  async dashboard() {
    const view = await this.queries.execute(new GetPortalActivityQuery(this.requestContext.portalClient!.patientId, 'client'));
    if (!view) throw new NotFoundError(NO_PATIENT);
    return view;
  }

  @Get('appointments/upcoming')
  @PortalClient()
  @ApiOperation({ summary: "The client's upcoming appointments", description: 'Permission: a signed-in portal client. From PM; audited.' })
  @ApiOkResponse({ type: [PatientAppointmentDto] })
  @ApiProblemResponses(401)
  upcoming() {
    return this.queries.execute(new ListUpcomingAppointmentsQuery(this.requestContext.portalClient!.patientId));
  }
}

/** The chart's portal-activity tab (seed §2 A, §8 `GET /api/v1/clients/:id/portal-activity`). */
@ApiTags('portal-activity')
@Controller({ path: 'patients', version: '1' })
export class PatientPortalActivityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/portal-activity')
  @RequirePermission('portal.activity.view')
  @ApiOperation({
    summary: "A client's portal activity",
    description:
      "Permission: `portal.activity.view`, as the patient's current primary therapist (what the client shared) or a portal admin (everything); 404 otherwise. Audited.",
  })
  @ApiOkResponse({ type: PortalActivityResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async activity(@Param('id', patientId) id: string) {
    const view = await this.queries.execute(new GetPortalActivityQuery(id, 'staff'));
    if (!view) throw new NotFoundError(NO_PATIENT);
    return view;
  }
}
