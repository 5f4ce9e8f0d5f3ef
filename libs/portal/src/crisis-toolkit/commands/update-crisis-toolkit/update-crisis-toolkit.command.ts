import { Command } from '@nestjs/cqrs';

import type { CrisisContact, CrisisToolkitView } from '../../domain/crisis-toolkit.view';

/** The therapist replaces the client's coping steps and contacts (the 988 Lifeline stays, whatever is sent). */
export class UpdateCrisisToolkitCommand extends Command<CrisisToolkitView> {
  constructor(
    readonly patientId: string,
    readonly copingSteps: string[],
    readonly contacts: CrisisContact[],
  ) {
    super();
  }
}
