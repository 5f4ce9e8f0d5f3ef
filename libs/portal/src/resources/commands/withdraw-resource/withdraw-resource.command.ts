import { Command } from '@nestjs/cqrs';

import type { ResourceView } from '../../domain/resource.view';

/** The therapist stops recommending a resource (the client no longer sees it; the row stays for the record). */
export class WithdrawResourceCommand extends Command<ResourceView | null> {
  constructor(
    readonly patientId: string,
    readonly resourceId: string,
  ) {
    super();
  }
}
