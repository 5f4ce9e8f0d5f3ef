import { Command } from '@nestjs/cqrs';

import type { IssuedPortalSession } from '../../infrastructure/portal-tokens.service';

/** A client signs in to the portal (POST /api/v1/portal/auth/login). */
export class PortalLoginCommand extends Command<IssuedPortalSession> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly ip: string,
  ) {
    super();
  }
}
