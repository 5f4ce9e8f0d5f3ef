import { Query } from '@nestjs/cqrs';

import type { PatientAppointment } from '@cairn/platform/scheduling';

/** The client's upcoming appointments (seed §8 `GET /api/v1/portal/appointments/upcoming`), from PM. */
export class ListUpcomingAppointmentsQuery extends Query<PatientAppointment[]> {
  constructor(readonly patientId: string) {
    super();
  }
}
