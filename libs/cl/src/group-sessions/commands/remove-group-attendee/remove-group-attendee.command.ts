import { Command } from '@nestjs/cqrs';

/** What the command changes, and what it returns (null: not found in the caller's scope). */
export class RemoveGroupAttendeeCommand extends Command<null> {
  constructor(readonly groupAttendeeId: string) {
    super();
  }
}
