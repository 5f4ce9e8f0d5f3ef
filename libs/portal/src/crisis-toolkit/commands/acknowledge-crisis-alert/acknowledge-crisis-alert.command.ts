import { Command } from '@nestjs/cqrs';

import type { CrisisAlertView } from '../../domain/crisis-toolkit.view';

/** The therapist (or an admin) notes they have seen the alert; the episode itself runs on. */
export class AcknowledgeCrisisAlertCommand extends Command<CrisisAlertView | null> {
  constructor(
    readonly patientId: string,
    readonly alertId: string,
  ) {
    super();
  }
}
