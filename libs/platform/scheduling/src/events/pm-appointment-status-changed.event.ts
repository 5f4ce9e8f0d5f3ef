/**
 * `pm_appointment_status_changed.v1` — published by PM-03 when an appointment's status changes (checked in,
 * completed, cancelled, late-cancelled, no-show), in the transaction of the change. Consumed by dashboards'
 * real-time metrics (queue `dashboards-metrics`, ADR 0017); reminders are an expected later reader.
 * Ids and facts only: no patient name, no note.
 */
export const PM_APPOINTMENT_STATUS_CHANGED_V1 = 'pm_appointment_status_changed.v1';

export interface PmAppointmentStatusChangedV1 {
  organization_id: string;
  appointment_id: string;
  site_id: string;
  provider_id: string;
  patient_id: string;
  service_type: string;
  /** ISO 8601 */
  start_at: string;
  previous_status: string;
  /** scheduled | checked_in | completed | cancelled | late_cancelled | no_show */
  status: string;
  /** patient | clinic, for cancelled and late_cancelled */
  cancelled_by: string | null;
  /** ISO 8601, for cancelled and late_cancelled */
  cancelled_at: string | null;
  changed_by: string;
  /** ISO 8601 */
  changed_at: string;
}
