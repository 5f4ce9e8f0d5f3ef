import { Query } from '@nestjs/cqrs';

/** One appointment of a patient, as another context may know it. */
export interface PatientAppointment {
  appointmentId: string;
  /** ISO 8601 */
  startAt: string;
  endAt: string;
  /** scheduled | checked_in | completed | cancelled | late_cancelled | no_show */
  status: string;
  serviceType: string;
  providerId: string;
  providerName: string | null;
  siteId: string;
  siteName: string;
}

/**
 * A patient's appointments starting in [from, to), oldest first, for the portal (the client's upcoming
 * appointments; the clinician's mood/attendance correlation). PM answers under the caller's context: staff see
 * those at their permitted sites, a portal client only its own patient's (pm_patient_appointments). Audited by PM.
 */
export class ListPatientAppointmentsQuery extends Query<PatientAppointment[]> {
  constructor(
    readonly patientId: string,
    readonly from: Date,
    readonly to: Date,
  ) {
    super();
  }
}
