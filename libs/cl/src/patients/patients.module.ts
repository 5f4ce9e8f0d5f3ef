import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { AssignCareTeamMemberHandler } from './commands/assign-care-team-member/assign-care-team-member.handler';
import { AssignPrimaryTherapistHandler } from './commands/assign-primary-therapist/assign-primary-therapist.handler';
import { DeletePatientHandler } from './commands/delete-patient/delete-patient.handler';
import { RegisterPatientHandler } from './commands/register-patient/register-patient.handler';
import { UpdatePatientHandler } from './commands/update-patient/update-patient.handler';
import { PatientsController } from './http/patients.controller';
import { GetPatientReferenceHandler } from './queries/get-patient-reference/get-patient-reference.handler';
import { GetPatientHandler } from './queries/get-patient/get-patient.handler';
import { ListChartEncountersHandler } from './queries/list-chart-encounters/list-chart-encounters.handler';
import { SearchPatientsHandler } from './queries/search-patients/search-patients.handler';

/**
 * CL patients: registration, demographics, care team, chart encounters (the patient's PM encounters through the scheduling
 * contract), and deletion (the portal's erasure through the portal contract, ADR 0018).
 */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PatientsController],
  providers: [
    AssignCareTeamMemberHandler,
    DeletePatientHandler,
    AssignPrimaryTherapistHandler,
    RegisterPatientHandler,
    UpdatePatientHandler,
    GetPatientReferenceHandler,
    GetPatientHandler,
    ListChartEncountersHandler,
    SearchPatientsHandler,
  ],
})
export class PatientsModule {}
