import { Command } from '@nestjs/cqrs';

import type { ChangeRequestView } from '../../domain/change-request.view';

/** A portal admin takes a pending request under review (seed §3.B, 1). */
export class StartChangeRequestReviewCommand extends Command<ChangeRequestView | null> {
  constructor(readonly changeRequestId: string) {
    super();
  }
}
