import type { QueryBus } from '@nestjs/cqrs';

import { ListPatientAppointmentsQuery, type PatientAppointment } from '@cairn/platform/scheduling';

const YEAR_MS = 366 * 86_400_000;

/**
 * One appointment of the patient, as PM answers the caller (platform/scheduling; the client only its own), looked up
 * within a year either side of now. Null when it is not this patient's or not visible to the caller.
 */
export async function findPatientAppointment(
  queries: QueryBus,
  patientId: string,
  appointmentId: string,
  now = new Date(),
): Promise<PatientAppointment | null> {
  const all = await queries.execute(
    new ListPatientAppointmentsQuery(patientId, new Date(now.getTime() - YEAR_MS), new Date(now.getTime() + YEAR_MS)),
  );
  return all.find((a) => a.appointmentId === appointmentId) ?? null;
}
