import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { CreateGroupSessionHandler } from './commands/create-group-session/create-group-session.handler';
import { CreateGroupHandler } from './commands/create-group/create-group.handler';
import { DocumentGroupSessionHandler } from './commands/document-group-session/document-group-session.handler';
import { EditGroupSessionNoteHandler } from './commands/edit-group-session-note/edit-group-session-note.handler';
import { RecordGroupAttendanceHandler } from './commands/record-group-attendance/record-group-attendance.handler';
import { RemoveGroupAttendeeHandler } from './commands/remove-group-attendee/remove-group-attendee.handler';
import { GroupSessionsController } from './http/group-sessions.controller';
import { GroupsController } from './http/groups.controller';
import { GetGroupSessionHandler } from './queries/get-group-session/get-group-session.handler';
import { GetGroupHandler } from './queries/get-group/get-group.handler';
import { ListGroupSessionsHandler } from './queries/list-group-sessions/list-group-sessions.handler';
import { ListGroupsHandler } from './queries/list-groups/list-groups.handler';

/** CL groups and group sessions: rosters, attendance, the session note, documenting (publishes cl_group_session_documented.v1). */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [GroupsController, GroupSessionsController],
  providers: [
    RemoveGroupAttendeeHandler,
    CreateGroupSessionHandler,
    CreateGroupHandler,
    DocumentGroupSessionHandler,
    EditGroupSessionNoteHandler,
    RecordGroupAttendanceHandler,
    GetGroupSessionHandler,
    GetGroupHandler,
    ListGroupSessionsHandler,
    ListGroupsHandler,
  ],
})
export class GroupSessionsModule {}
