import { Command } from '@nestjs/cqrs';

import type { Part2ConsentView } from '../../domain/part2-consent.view';

/** Revokes a consent at once. Null when the consent (of that patient) is not in the caller's scope. */
export class RevokeConsentCommand extends Command<Part2ConsentView | null> {
  constructor(
    readonly patientId: string,
    readonly consentId: string,
    readonly method: string,
  ) {
    super();
  }
}
