import { Command } from '@nestjs/cqrs';

import type { ChangeRequestView } from '../../domain/change-request.view';

/** The client asks for another therapist (seed scenario 5, step 1); `sensitive` hides it from the current one. */
export class SubmitChangeRequestCommand extends Command<ChangeRequestView> {
  constructor(
    readonly patientId: string,
    readonly reason: string,
    readonly sensitive: boolean,
  ) {
    super();
  }
}
