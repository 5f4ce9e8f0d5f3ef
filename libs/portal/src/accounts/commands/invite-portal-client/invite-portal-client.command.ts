import { Command } from '@nestjs/cqrs';

import type { PortalInvitationView } from '../../domain/portal-account.view';

/** Staff invite a patient to the client portal at `email` (a new account, or a new invitation for an unused one). */
export class InvitePortalClientCommand extends Command<PortalInvitationView> {
  constructor(
    readonly patientId: string,
    readonly email: string,
  ) {
    super();
  }
}
