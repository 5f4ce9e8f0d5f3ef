import { Command } from '@nestjs/cqrs';

/** The signed-in client ends the current portal session. */
export class PortalLogoutCommand extends Command<{ revoked: number }> {
  constructor(readonly sessionId: string) {
    super();
  }
}
