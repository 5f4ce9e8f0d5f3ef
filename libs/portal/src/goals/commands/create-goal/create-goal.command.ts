import { Command } from '@nestjs/cqrs';

import type { GoalDetailView } from '../../domain/goal.view';

/** The therapist or the client creates a therapeutic goal for the client. */
export class CreateGoalCommand extends Command<GoalDetailView> {
  constructor(
    readonly patientId: string,
    readonly title: string,
    readonly description: string | null,
    /** YYYY-MM-DD or null */
    readonly targetDate: string | null,
  ) {
    super();
  }
}
