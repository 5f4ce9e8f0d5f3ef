import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { RecordConsentHandler } from './consents/commands/record-consent/record-consent.handler';
import { RevokeConsentHandler } from './consents/commands/revoke-consent/revoke-consent.handler';
import { ConsentsController } from './consents/http/consents.controller';
import { ApproveGroupEncountersHandler } from './group-encounters/commands/approve-group-encounters/approve-group-encounters.handler';
import { EditGroupEncounterCodeHandler } from './group-encounters/commands/edit-group-encounter-code/edit-group-encounter-code.handler';
import { RejectGroupEncountersHandler } from './group-encounters/commands/reject-group-encounters/reject-group-encounters.handler';
import { GroupEncounterGenerationsController } from './group-encounters/http/group-encounter-generations.controller';
import { ListGroupEncounterGenerationsHandler } from './group-encounters/queries/list-group-encounter-generations/list-group-encounter-generations.handler';
import { CheckSudConsentHandler } from './consents/queries/check-sud-consent/check-sud-consent.handler';
import { ListConsentsHandler } from './consents/queries/list-consents/list-consents.handler';
import { CreateGroupHandler } from './group-sessions/commands/create-group/create-group.handler';
import { CreateGroupSessionHandler } from './group-sessions/commands/create-group-session/create-group-session.handler';
import { DocumentGroupSessionHandler } from './group-sessions/commands/document-group-session/document-group-session.handler';
import { EditGroupSessionNoteHandler } from './group-sessions/commands/edit-group-session-note/edit-group-session-note.handler';
import { RecordGroupAttendanceHandler } from './group-sessions/commands/record-group-attendance/record-group-attendance.handler';
import { GroupSessionsController } from './group-sessions/http/group-sessions.controller';
import { GroupsController } from './group-sessions/http/groups.controller';
import { GetGroupHandler } from './group-sessions/queries/get-group/get-group.handler';
import { GetGroupSessionHandler } from './group-sessions/queries/get-group-session/get-group-session.handler';
import { ListGroupSessionsHandler } from './group-sessions/queries/list-group-sessions/list-group-sessions.handler';
import { ListGroupsHandler } from './group-sessions/queries/list-groups/list-groups.handler';
import { EditPeerSupervisionHandler } from './peer-supervision/commands/edit-peer-supervision/edit-peer-supervision.handler';
import { RecordPeerSupervisionHandler } from './peer-supervision/commands/record-peer-supervision/record-peer-supervision.handler';
import { PeerSupervisionController } from './peer-supervision/http/peer-supervision.controller';
import { GetPeerSupervisionHandler } from './peer-supervision/queries/get-peer-supervision/get-peer-supervision.handler';
import { GetPeerSupervisionReportHandler } from './peer-supervision/queries/get-peer-supervision-report/get-peer-supervision-report.handler';
import { ListPeerSupervisionHandler } from './peer-supervision/queries/list-peer-supervision/list-peer-supervision.handler';
import { AssignCareTeamMemberHandler } from './patients/commands/assign-care-team-member/assign-care-team-member.handler';
import { RegisterPatientHandler } from './patients/commands/register-patient/register-patient.handler';
import { UpdatePatientHandler } from './patients/commands/update-patient/update-patient.handler';
import { PatientsController } from './patients/http/patients.controller';
import { GetPatientHandler } from './patients/queries/get-patient/get-patient.handler';
import { SearchPatientsHandler } from './patients/queries/search-patients/search-patients.handler';
import { GetPatientReferenceHandler } from './patients/queries/get-patient-reference/get-patient-reference.handler';
import { AddProgressNoteAddendumHandler } from './progress-notes/commands/add-progress-note-addendum/add-progress-note-addendum.handler';
import { CreateProgressNoteHandler } from './progress-notes/commands/create-progress-note/create-progress-note.handler';
import { EditProgressNoteHandler } from './progress-notes/commands/edit-progress-note/edit-progress-note.handler';
import { SignProgressNoteHandler } from './progress-notes/commands/sign-progress-note/sign-progress-note.handler';
import { ProgressNotesController } from './progress-notes/http/progress-notes.controller';
import { ListChartEncountersHandler } from './patients/queries/list-chart-encounters/list-chart-encounters.handler';
import { GetProgressNoteHandler } from './progress-notes/queries/get-progress-note/get-progress-note.handler';

import { AddPeerEncounterAddendumHandler } from './peer-encounters/commands/add-peer-encounter-addendum/add-peer-encounter-addendum.handler';
import { CreatePeerEncounterDraftHandler } from './peer-encounters/commands/create-peer-encounter-draft/create-peer-encounter-draft.handler';
import { EditPeerEncounterHandler } from './peer-encounters/commands/edit-peer-encounter/edit-peer-encounter.handler';
import { FinalizePeerEncounterHandler } from './peer-encounters/commands/finalize-peer-encounter/finalize-peer-encounter.handler';
import { PatientPeerEncountersController, PeerEncountersController } from './peer-encounters/http/peer-encounters.controller';
import { GetPeerEncounterHandler } from './peer-encounters/queries/get-peer-encounter/get-peer-encounter.handler';
import { ListPatientPeerEncountersHandler } from './peer-encounters/queries/list-patient-peer-encounters/list-patient-peer-encounters.handler';
import { CreatePeerServiceTypeHandler } from './peer-service-types/commands/create-peer-service-type/create-peer-service-type.handler';
import { SetPeerSettingsHandler } from './peer-service-types/commands/set-peer-settings/set-peer-settings.handler';
import { UpdatePeerServiceTypeHandler } from './peer-service-types/commands/update-peer-service-type/update-peer-service-type.handler';
import { PeerServiceTypesController, PeerSettingsController } from './peer-service-types/http/peer-service-types.controller';
import { GetPeerVocabularyHandler } from './peer-service-types/queries/get-peer-vocabulary/get-peer-vocabulary.handler';

/** The clinical record context (CL): patients, charts, care teams, Part 2 consents, progress notes, groups and group sessions, the batch review of generated group encounters; peer recovery support encounters, their service types and peer supervision (CL-19). */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PatientsController, ConsentsController, ProgressNotesController, GroupsController, GroupSessionsController, GroupEncounterGenerationsController,
    PeerEncountersController, PatientPeerEncountersController, PeerServiceTypesController, PeerSettingsController, PeerSupervisionController],
  providers: [
    RegisterPatientHandler, UpdatePatientHandler, AssignCareTeamMemberHandler, GetPatientHandler, SearchPatientsHandler, GetPatientReferenceHandler, ListChartEncountersHandler,
    RecordConsentHandler, RevokeConsentHandler, ListConsentsHandler, CheckSudConsentHandler,
    CreateProgressNoteHandler, EditProgressNoteHandler, SignProgressNoteHandler, AddProgressNoteAddendumHandler, GetProgressNoteHandler,
    CreateGroupHandler, GetGroupHandler, ListGroupsHandler,
    CreateGroupSessionHandler, EditGroupSessionNoteHandler, RecordGroupAttendanceHandler, DocumentGroupSessionHandler, GetGroupSessionHandler, ListGroupSessionsHandler,
    ListGroupEncounterGenerationsHandler, ApproveGroupEncountersHandler, RejectGroupEncountersHandler, EditGroupEncounterCodeHandler,
    RecordPeerSupervisionHandler, EditPeerSupervisionHandler, GetPeerSupervisionHandler, ListPeerSupervisionHandler, GetPeerSupervisionReportHandler,
    CreatePeerEncounterDraftHandler, EditPeerEncounterHandler, FinalizePeerEncounterHandler, AddPeerEncounterAddendumHandler, GetPeerEncounterHandler, ListPatientPeerEncountersHandler,
    GetPeerVocabularyHandler, SetPeerSettingsHandler, CreatePeerServiceTypeHandler, UpdatePeerServiceTypeHandler,
  ],
})
export class ClModule {}
