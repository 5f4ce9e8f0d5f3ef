/**
 * `pm_appointment_booked.v1` — published by PM-03 when an appointment is booked, in the transaction of the
 * booking (issue 16: real-time appointment metrics). Ids and facts only: no patient name, no note.
 */
export const PM_APPOINTMENT_BOOKED_V1 = 'pm_appointment_booked.v1';

export interface PmAppointmentBookedV1 {
  organization_id: string;
  appointment_id: string;
  site_id: string;
  provider_id: string;
  service_type: string;
  /** ISO 8601 */
  start_at: string;
  /** ISO 8601 */
  end_at: string;
  booked_by: string;
  /** ISO 8601 */
  booked_at: string;
}
