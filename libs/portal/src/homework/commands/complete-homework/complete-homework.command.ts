import { Command } from '@nestjs/cqrs';

import type { HomeworkView } from '../../domain/homework.view';

/** The client marks an assignment complete, with an optional note and worksheet (seed scenario 2, step 4). */
export class CompleteHomeworkCommand extends Command<HomeworkView | null> {
  constructor(
    readonly patientId: string,
    readonly homeworkId: string,
    readonly note: string | null,
    /** A file the client uploaded through the portal's storage port, or null. */
    readonly submissionFileId: string | null = null,
  ) {
    super();
  }
}
