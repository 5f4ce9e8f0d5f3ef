import type { AppointmentStatus, CancelledBy } from './appointment.view';

/**
 * OUTBOX SEAM (issue 5 -> the events issue). The integration event an appointment status change publishes,
 * built in the same transaction as the change. The transactional outbox does not exist yet (it is being built
 * by the events issue), so nothing is published today: SetAppointmentStatusHandler builds this payload and
 * marks the one place where, once the outbox lands, it is written in that same transaction
 * (`outbox.add(event)`), to be relayed by the worker with jobId = event id. Ids and facts only, never PHI.
 */
export const APPOINTMENT_STATUS_CHANGED_V1 = 'pm_appointment_status_changed.v1';

export interface AppointmentStatusChangedV1 {
  name: typeof APPOINTMENT_STATUS_CHANGED_V1;
  organizationId: string;
  appointmentId: string;
  siteId: string;
  providerId: string;
  previousStatus: AppointmentStatus;
  status: AppointmentStatus;
  cancelledBy: CancelledBy | null;
  cancelledAt: string | null;
  changedBy: string;
  changedAt: string;
}

export function appointmentStatusChanged(input: Omit<AppointmentStatusChangedV1, 'name'>): AppointmentStatusChangedV1 {
  return { name: APPOINTMENT_STATUS_CHANGED_V1, ...input };
}
