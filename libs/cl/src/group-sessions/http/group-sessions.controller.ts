import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { CreateGroupSessionCommand } from '../commands/create-group-session/create-group-session.command';
import { DocumentGroupSessionCommand } from '../commands/document-group-session/document-group-session.command';
import { EditGroupSessionNoteCommand } from '../commands/edit-group-session-note/edit-group-session-note.command';
import { RecordGroupAttendanceCommand } from '../commands/record-group-attendance/record-group-attendance.command';
import { RemoveGroupAttendeeCommand } from '../commands/remove-group-attendee/remove-group-attendee.command';
import type { GroupSessionView } from '../domain/group-session.view';
import { GetGroupSessionQuery } from '../queries/get-group-session/get-group-session.query';
import { ListGroupSessionsQuery } from '../queries/list-group-sessions/list-group-sessions.query';
import {
  CreateGroupSessionDto,
  EditGroupSessionNoteDto,
  GroupSessionResponseDto,
  GroupSessionSummaryDto,
  ListGroupSessionsQueryDto,
  RecordAttendanceDto,
} from './group-sessions.dto';

const NOT_FOUND = 'No group session (or group) with that id at your sites.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));
const attendeePipe = new ParseIdPipe(() => new NotFoundError('That patient is not on the roster of this session in your scope.'));

function found(s: GroupSessionView | null): GroupSessionView {
  if (!s) throw new NotFoundError(NOT_FOUND);
  return s;
}

/**
 * Group sessions and attendance (CL-14): a draft per meeting, attendance per patient, then documented (signed),
 * which locks the note and attendance and publishes `cl_group_session_documented.v1`. Every access is audited;
 * in a Part 2 (SUD program) group an attendee is named only to readers a consent covers.
 */
@ApiTags('group-sessions')
@Controller({ path: 'group-sessions', version: '1' })
export class GroupSessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('cl.group-sessions.document')
  @ApiOperation({
    summary: 'Open a draft session of a group',
    description:
      "Permission: `cl.group-sessions.document` at the group's site. The facilitator must be one of the group's (422); endTime after startTime (400).",
  })
  @ApiCreatedResponse({ type: GroupSessionResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async create(@Body() dto: CreateGroupSessionDto) {
    return found(await this.commands.execute(new CreateGroupSessionCommand(dto)));
  }

  @Get()
  @RequirePermission('cl.groups.view')
  @ApiOperation({
    summary: 'Sessions at your sites, newest first (paginated)',
    description: 'Permission: `cl.groups.view`. Filters: group, site, date range (inclusive), status. Audited.',
  })
  @ApiPageResponse(GroupSessionSummaryDto)
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() q: ListGroupSessionsQueryDto) {
    return this.queries.execute(new ListGroupSessionsQuery(q));
  }

  @Get(':id')
  @RequirePermission('cl.groups.view')
  @ApiOperation({
    summary: 'A session with its note and attendance',
    description:
      'Permission: `cl.groups.view`. Attendees outside your patient scope are counted, not listed; in an SUD-program group an attendee no consent covers for you is shown with `consentRequired` and no patient or chart id. Audited (Part 2 reads marked).',
  })
  @ApiOkResponse({ type: GroupSessionResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    return found(await this.queries.execute(new GetGroupSessionQuery(id)));
  }

  @Patch(':id')
  @RequirePermission('cl.group-sessions.document')
  @ApiOperation({
    summary: 'Edit the shared note of a draft',
    description: 'Permission: `cl.group-sessions.document`. A documented session answers 409.',
  })
  @ApiOkResponse({ type: GroupSessionResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async edit(@Param('id', uuidPipe) id: string, @Body() dto: EditGroupSessionNoteDto) {
    return found(await this.commands.execute(new EditGroupSessionNoteCommand(id, dto.note)));
  }

  @Put(':id/attendance')
  @RequirePermission('cl.group-sessions.document')
  @ApiOperation({
    summary: 'Record or replace attendance (bulk)',
    description:
      'Permission: `cl.group-sessions.document`. One entry per patient (patients with a chart in your scope, 400 otherwise); patients not listed keep theirs. absent: 0 minutes; partial: more than 0 and fewer than the session; present: defaults to the session length; arrival and departure within the session and consistent with the minutes. A documented session answers 409.',
  })
  @ApiOkResponse({ type: GroupSessionResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async attendance(@Param('id', uuidPipe) id: string, @Body() dto: RecordAttendanceDto) {
    return found(await this.commands.execute(new RecordGroupAttendanceCommand(id, dto.attendees)));
  }

  @Delete(':id/attendance/:patientId')
  @RequirePermission('cl.group-sessions.document')
  @ApiOperation({
    summary: 'Remove a patient recorded by mistake (drafts only)',
    description:
      "Permission: `cl.group-sessions.document`. Removes the patient's attendance row from a draft session, so the documented roster, its " +
      'encounters and charges never include them. A documented session answers 409; a patient not on the roster (or outside your scope) 404. ' +
      'Answers the session as it is now. Audited with the patient.',
  })
  @ApiOkResponse({ type: GroupSessionResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async removeAttendee(@Param('id', uuidPipe) id: string, @Param('patientId', attendeePipe) patientId: string) {
    return found(await this.commands.execute(new RemoveGroupAttendeeCommand(id, patientId)));
  }

  @Post(':id/document')
  @HttpCode(200)
  @RequirePermission('cl.group-sessions.document')
  @ApiOperation({
    summary: 'Document (sign) the session',
    description:
      'Permission: `cl.group-sessions.document`; a facilitator of the group who sees every attendee (403). Needs attendance for at least one patient (422) and a session that has ended: its date and endTime past in the site time zone (422 naming sessionDate: no billing before the service). Locks the note and attendance and publishes `cl_group_session_documented.v1` in the same transaction; a second sign answers 409 and publishes nothing.',
  })
  @ApiOkResponse({ type: GroupSessionResponseDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  async document(@Param('id', uuidPipe) id: string) {
    return found(await this.commands.execute(new DocumentGroupSessionCommand(id)));
  }
}
