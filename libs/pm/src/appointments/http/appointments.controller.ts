import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { BookAppointmentCommand } from '../commands/book-appointment/book-appointment.command';
import { RescheduleAppointmentCommand } from '../commands/reschedule-appointment/reschedule-appointment.command';
import { SetAppointmentStatusCommand } from '../commands/set-appointment-status/set-appointment-status.command';
import type { AppointmentView } from '../domain/appointment.view';
import { GetAppointmentQuery } from '../queries/get-appointment/get-appointment.query';
import { AppointmentResponseDto, BookAppointmentDto, RescheduleAppointmentDto, SetAppointmentStatusDto } from './appointments.dto';

const NOT_FOUND = 'No appointment with that id in your scope.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

function found(a: AppointmentView | null): AppointmentView {
  if (!a) throw new NotFoundError(NOT_FOUND);
  return a;
}

/**
 * Appointments (PM-03) for the front desk: book, reschedule, set status. A no-show is an explicit status;
 * late cancellations are their own status; cancellations record who cancelled and when. Every read and write
 * is audited. An appointment at a site outside the caller's scope answers 404, like one that does not exist.
 */
@ApiTags('appointments')
@Controller({ path: 'pm/appointments', version: '1' })
export class AppointmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('pm.appointments.manage')
  @ApiOperation({
    summary: 'Book an appointment',
    description: "Permission: `pm.appointments.manage` at the site. The patient must be in the caller's scope.",
  })
  @ApiCreatedResponse({ type: AppointmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 422)
  book(@Body() dto: BookAppointmentDto) {
    return this.commands.execute(new BookAppointmentCommand(dto));
  }

  @Get(':id')
  @RequirePermission('pm.appointments.view')
  @ApiOperation({ summary: 'An appointment', description: 'Permission: `pm.appointments.view`. Audited.' })
  @ApiOkResponse({ type: AppointmentResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    return found(await this.queries.execute(new GetAppointmentQuery(id)));
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @RequirePermission('pm.appointments.manage')
  @ApiOperation({
    summary: 'Reschedule a scheduled appointment',
    description: 'Permission: `pm.appointments.manage`. 409 unless the appointment is scheduled.',
  })
  @ApiOkResponse({ type: AppointmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async reschedule(@Param('id', uuidPipe) id: string, @Body() dto: RescheduleAppointmentDto) {
    return found(await this.commands.execute(new RescheduleAppointmentCommand(id, dto.startAt, dto.endAt, dto.providerId)));
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission('pm.appointments.manage')
  @ApiOperation({
    summary: 'Set the status: checked_in, completed, cancelled, late_cancelled or no_show',
    description:
      'Permission: `pm.appointments.manage`. Cancellations need `cancelledBy` (patient or clinic); no_show only once the appointment has started; final statuses answer 409.',
  })
  @ApiOkResponse({ type: AppointmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async setStatus(@Param('id', uuidPipe) id: string, @Body() dto: SetAppointmentStatusDto) {
    return found(await this.commands.execute(new SetAppointmentStatusCommand(id, dto.status, dto.cancelledBy, dto.cancelledAt)));
  }
}
