import { Command } from '@nestjs/cqrs';

export class LogoutCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
