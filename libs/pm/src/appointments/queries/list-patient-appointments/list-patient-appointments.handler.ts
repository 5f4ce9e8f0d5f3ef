import { QueryHandler } from '@nestjs/cqrs';

import { ListPatientAppointmentsQuery, PatientAppointment } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { patientAppointments } from '../../infrastructure/appointment.repository';

/** Answers the platform/scheduling contract for the portal (PM's code stays PM's; the portal only asks on the bus). */
@QueryHandler(ListPatientAppointmentsQuery)
@TenantUseCase(ListPatientAppointmentsQuery, {
  audit: { action: 'appointment.list-for-patient', resource: 'appointment', patient: (q) => q.patientId },
})
export class ListPatientAppointmentsHandler implements PmUseCaseHandler<ListPatientAppointmentsQuery, PatientAppointment[]> {
  async execute({ patientId, from, to }: ListPatientAppointmentsQuery, { tx, audit }: PmUseCase): Promise<PatientAppointment[]> {
    const rows = await patientAppointments(tx, patientId, from, to);
    audit.scope({ count: rows.length, from: from.toISOString(), to: to.toISOString() });
    return rows;
  }
}
