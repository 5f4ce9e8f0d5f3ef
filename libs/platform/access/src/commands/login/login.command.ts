import { Command } from '@nestjs/cqrs';

import type { IssuedSession } from '../../auth/token.service';

export class LoginCommand extends Command<IssuedSession> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly ip: string,
  ) {
    super();
  }
}
