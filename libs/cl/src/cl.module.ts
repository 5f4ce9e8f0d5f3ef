import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { RecordConsentHandler } from './consents/commands/record-consent/record-consent.handler';
import { RevokeConsentHandler } from './consents/commands/revoke-consent/revoke-consent.handler';
import { ConsentsController } from './consents/consents.controller';
import { CheckSudConsentHandler } from './consents/queries/check-sud-consent/check-sud-consent.handler';
import { ListConsentsHandler } from './consents/queries/list-consents/list-consents.handler';
import { AssignCareTeamMemberHandler } from './patients/commands/assign-care-team-member/assign-care-team-member.handler';
import { RegisterPatientHandler } from './patients/commands/register-patient/register-patient.handler';
import { UpdatePatientHandler } from './patients/commands/update-patient/update-patient.handler';
import { PatientsController } from './patients/patients.controller';
import { GetPatientHandler } from './patients/queries/get-patient/get-patient.handler';
import { SearchPatientsHandler } from './patients/queries/search-patients/search-patients.handler';
import { GetPatientReferenceHandler } from './patients/queries/get-patient-reference/get-patient-reference.handler';
import { AddProgressNoteAddendumHandler } from './progress-notes/commands/add-progress-note-addendum/add-progress-note-addendum.handler';
import { CreateProgressNoteHandler } from './progress-notes/commands/create-progress-note/create-progress-note.handler';
import { EditProgressNoteHandler } from './progress-notes/commands/edit-progress-note/edit-progress-note.handler';
import { SignProgressNoteHandler } from './progress-notes/commands/sign-progress-note/sign-progress-note.handler';
import { ProgressNotesController } from './progress-notes/progress-notes.controller';
import { ListChartEncountersHandler } from './patients/queries/list-chart-encounters/list-chart-encounters.handler';
import { GetProgressNoteHandler } from './progress-notes/queries/get-progress-note/get-progress-note.handler';

/** The clinical record context (CL): patients, charts, care teams, Part 2 consents, progress notes; later groups and peer services. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PatientsController, ConsentsController, ProgressNotesController],
  providers: [
    RegisterPatientHandler, UpdatePatientHandler, AssignCareTeamMemberHandler, GetPatientHandler, SearchPatientsHandler, GetPatientReferenceHandler, ListChartEncountersHandler,
    RecordConsentHandler, RevokeConsentHandler, ListConsentsHandler, CheckSudConsentHandler,
    CreateProgressNoteHandler, EditProgressNoteHandler, SignProgressNoteHandler, AddProgressNoteAddendumHandler, GetProgressNoteHandler,
  ],
})
export class ClModule {}
