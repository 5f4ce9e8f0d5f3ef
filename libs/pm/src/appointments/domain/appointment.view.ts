import type { PmRow } from '../../pm.tx';

type Appointment = PmRow<'appointment'>;

export const APPOINTMENT_STATUSES = ['scheduled', 'checked_in', 'completed', 'cancelled', 'late_cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const CANCELLED_BY = ['patient', 'clinic'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

export interface AppointmentView {
  id: string;
  organizationId: string;
  siteId: string;
  providerId: string;
  patientId: string;
  serviceType: string;
  startAt: string;
  endAt: string;
  status: AppointmentStatus;
  cancelledBy: CancelledBy | null;
  cancelledAt: string | null;
  statusChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export function toAppointmentView(a: Appointment): AppointmentView {
  return {
    id: a.id,
    organizationId: a.organizationId,
    siteId: a.siteId,
    providerId: a.providerId,
    patientId: a.patientId,
    serviceType: a.serviceType,
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    status: a.status as AppointmentStatus,
    cancelledBy: (a.cancelledBy as CancelledBy | null) ?? null,
    cancelledAt: a.cancelledAt ? a.cancelledAt.toISOString() : null,
    statusChangedAt: a.statusChangedAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
