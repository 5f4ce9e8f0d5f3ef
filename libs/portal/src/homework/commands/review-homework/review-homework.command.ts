import { Command } from '@nestjs/cqrs';

import type { HomeworkView } from '../../domain/homework.view';

/** The therapist reviews completed homework and gives feedback the client sees (seed scenario 2, steps 6-8). */
export class ReviewHomeworkCommand extends Command<HomeworkView | null> {
  constructor(
    readonly patientId: string,
    readonly homeworkId: string,
    readonly feedback: string,
  ) {
    super();
  }
}
