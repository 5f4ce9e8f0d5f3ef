import { Command } from '@nestjs/cqrs';

import type { PatientView } from '../../domain/patient.view';
import type { RegisterPatientInput } from '../register-patient/register-patient.command';

export type UpdatePatientInput = Partial<Omit<RegisterPatientInput, 'isPart2' | 'part2ProgramName' | 'primaryTherapistId'>> & {
  status?: string;
};

/** Null when the patient is not found in the caller's scope. */
export class UpdatePatientCommand extends Command<PatientView | null> {
  constructor(
    readonly patientId: string,
    readonly changes: UpdatePatientInput,
  ) {
    super();
  }
}
