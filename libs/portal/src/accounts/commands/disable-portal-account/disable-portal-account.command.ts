import { Command } from '@nestjs/cqrs';

import type { PortalAccountView } from '../../domain/portal-account.view';

/** Staff disable a patient's portal account: every session ends at once. */
export class DisablePortalAccountCommand extends Command<PortalAccountView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
