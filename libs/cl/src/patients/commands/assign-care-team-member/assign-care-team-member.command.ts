import { Command } from '@nestjs/cqrs';

import type { PatientView } from '../../domain/patient.view';

export class AssignCareTeamMemberCommand extends Command<PatientView | null> {
  constructor(
    readonly patientId: string,
    readonly staffUserId: string,
    readonly role: string,
    readonly startedOn?: string,
  ) {
    super();
  }
}
