import { Command } from '@nestjs/cqrs';

import type { Part2ConsentInput } from '../../domain/part2-consent.rules';
import type { Part2ConsentView } from '../../domain/part2-consent.view';

/** Records a patient's Part 2 consent on their chart. Null when the patient is not in the caller's scope. */
export class RecordConsentCommand extends Command<Part2ConsentView | null> {
  constructor(
    readonly patientId: string,
    readonly input: Part2ConsentInput,
  ) {
    super();
  }
}
