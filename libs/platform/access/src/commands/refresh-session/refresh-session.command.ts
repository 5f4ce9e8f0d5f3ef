import { Command } from '@nestjs/cqrs';

import type { IssuedSession } from '../../auth/token.service';

export class RefreshSessionCommand extends Command<IssuedSession> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
