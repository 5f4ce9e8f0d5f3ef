import { Command } from '@nestjs/cqrs';

import type { HomeworkType } from '../../domain/homework.rules';
import type { HomeworkView } from '../../domain/homework.view';

/** The therapist assigns homework to a client (seed scenario 2, step 1). */
export class AssignHomeworkCommand extends Command<HomeworkView> {
  constructor(
    readonly patientId: string,
    readonly title: string,
    readonly description: string,
    readonly homeworkType: HomeworkType,
    /** YYYY-MM-DD */
    readonly dueOn: string,
  ) {
    super();
  }
}
