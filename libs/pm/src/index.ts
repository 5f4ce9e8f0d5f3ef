export { PmModule } from './pm.module';
export { APPOINTMENT_STATUS_CHANGED_V1 } from './appointments/appointment-events';
export type { AppointmentStatusChangedV1 } from './appointments/appointment-events';
