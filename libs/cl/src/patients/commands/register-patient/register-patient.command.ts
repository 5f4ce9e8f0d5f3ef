import { Command } from '@nestjs/cqrs';

import type { PatientView } from '../../domain/patient.view';

export interface RegisterPatientInput {
  siteId: string;
  firstName: string;
  middleName?: string;
  lastName: string;
  preferredName?: string;
  dateOfBirth: string;
  sexAtBirth?: string;
  genderIdentity?: string;
  pronouns?: string;
  phone?: string;
  email?: string;
  address?: { line1?: string; line2?: string; city?: string; state?: string; postalCode?: string };
  isPart2?: boolean;
  part2ProgramName?: string;
  primaryTherapistId?: string;
}

/** Registers a patient with their chart (and primary therapist) in the caller's organization. */
export class RegisterPatientCommand extends Command<PatientView | { id: string; mrn: string }> {
  constructor(readonly input: RegisterPatientInput) {
    super();
  }
}
