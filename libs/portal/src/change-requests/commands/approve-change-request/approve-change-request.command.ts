import { Command } from '@nestjs/cqrs';

import type { ChangeRequestView } from '../../domain/change-request.view';

/**
 * A portal admin approves a request under review and assigns the new therapist (seed scenario 5, steps 5-9): CL
 * makes them the patient's primary therapist in the same transaction, so access moves when it commits.
 */
export class ApproveChangeRequestCommand extends Command<ChangeRequestView | null> {
  constructor(
    readonly changeRequestId: string,
    readonly newTherapistId: string,
  ) {
    super();
  }
}
