/**
 * `pm_appointment_rescheduled.v1` — published by PM-03 when a scheduled appointment moves (time or provider), in
 * the transaction of the change (issue 16: real-time appointment metrics recompute both days). Ids and facts only.
 */
export const PM_APPOINTMENT_RESCHEDULED_V1 = 'pm_appointment_rescheduled.v1';

export interface PmAppointmentRescheduledV1 {
  organization_id: string;
  appointment_id: string;
  site_id: string;
  previous_provider_id: string;
  provider_id: string;
  /** ISO 8601 */
  previous_start_at: string;
  /** ISO 8601 */
  start_at: string;
  /** ISO 8601 */
  end_at: string;
  rescheduled_by: string;
  /** ISO 8601 */
  rescheduled_at: string;
}
