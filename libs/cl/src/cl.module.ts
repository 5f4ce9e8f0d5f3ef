import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { AssignCareTeamMemberHandler } from './patients/commands/assign-care-team-member/assign-care-team-member.handler';
import { RegisterPatientHandler } from './patients/commands/register-patient/register-patient.handler';
import { UpdatePatientHandler } from './patients/commands/update-patient/update-patient.handler';
import { PatientsController } from './patients/patients.controller';
import { GetPatientHandler } from './patients/queries/get-patient/get-patient.handler';
import { SearchPatientsHandler } from './patients/queries/search-patients/search-patients.handler';

/** The clinical record context (CL): patients, charts, care teams; later notes, groups and peer services. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PatientsController],
  providers: [RegisterPatientHandler, UpdatePatientHandler, AssignCareTeamMemberHandler, GetPatientHandler, SearchPatientsHandler],
})
export class ClModule {}
