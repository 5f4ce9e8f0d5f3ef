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

/** The clinical record context (CL): patients, charts, care teams, Part 2 consents; later notes, groups and peer services. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PatientsController, ConsentsController],
  providers: [
    RegisterPatientHandler, UpdatePatientHandler, AssignCareTeamMemberHandler, GetPatientHandler, SearchPatientsHandler,
    RecordConsentHandler, RevokeConsentHandler, ListConsentsHandler, CheckSudConsentHandler,
  ],
})
export class ClModule {}
