import { Command } from '@nestjs/cqrs';

import type { IssuedPortalSession } from '../../infrastructure/portal-tokens.service';

/** Exchange a portal refresh token for a new session (rotation). */
export class RefreshPortalSessionCommand extends Command<IssuedPortalSession> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
