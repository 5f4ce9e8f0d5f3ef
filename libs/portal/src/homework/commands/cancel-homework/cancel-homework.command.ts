import { Command } from '@nestjs/cqrs';

import type { HomeworkView } from '../../domain/homework.view';

/** The therapist withdraws homework the client has not completed yet. */
export class CancelHomeworkCommand extends Command<HomeworkView | null> {
  constructor(
    readonly patientId: string,
    readonly homeworkId: string,
  ) {
    super();
  }
}
