export { ClModule } from './cl.module';
export { GetPatientQuery } from './patients/queries/get-patient/get-patient.query';
export { SearchPatientsQuery } from './patients/queries/search-patients/search-patients.query';
export { RegisterPatientCommand } from './patients/commands/register-patient/register-patient.command';
export type { PatientView } from './patients/patient.view';
