import { Command } from '@nestjs/cqrs';

import type { ChangeRequestView } from '../../domain/change-request.view';

/** A portal admin denies a request under review, with a reason the client reads (seed §3.B, 3). */
export class DenyChangeRequestCommand extends Command<ChangeRequestView | null> {
  constructor(
    readonly changeRequestId: string,
    readonly reason: string,
  ) {
    super();
  }
}
