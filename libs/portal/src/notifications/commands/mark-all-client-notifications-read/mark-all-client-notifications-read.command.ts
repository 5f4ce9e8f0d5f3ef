import { Command } from '@nestjs/cqrs';

/** The client marks every unread notification of theirs read; answers how many changed. */
export class MarkAllClientNotificationsReadCommand extends Command<{ marked: number }> {
  constructor(readonly patientId: string) {
    super();
  }
}
