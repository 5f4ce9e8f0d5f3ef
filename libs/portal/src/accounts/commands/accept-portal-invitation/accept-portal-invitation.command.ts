import { Command } from '@nestjs/cqrs';

import type { IssuedPortalSession } from '../../infrastructure/portal-tokens.service';

/** The client sets a password with the invitation token, and is signed in. */
export class AcceptPortalInvitationCommand extends Command<IssuedPortalSession> {
  constructor(
    readonly token: string,
    readonly password: string,
  ) {
    super();
  }
}
