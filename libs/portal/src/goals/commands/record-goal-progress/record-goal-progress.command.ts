import { Command } from '@nestjs/cqrs';

import type { GoalStatus } from '../../domain/goal.rules';
import type { GoalDetailView } from '../../domain/goal.view';

/** The therapist or the client records progress on a goal (kept as history). */
export class RecordGoalProgressCommand extends Command<GoalDetailView | null> {
  constructor(
    readonly patientId: string,
    readonly goalId: string,
    readonly progress: number,
    readonly status: GoalStatus,
    readonly note: string | null,
  ) {
    super();
  }
}
