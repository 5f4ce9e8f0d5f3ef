import { Query } from '@nestjs/cqrs';

import type { GoalDetailView } from '../../domain/goal.view';

/** One goal with its progress history. */
export class GetGoalQuery extends Query<GoalDetailView | null> {
  constructor(
    readonly patientId: string,
    readonly goalId: string,
  ) {
    super();
  }
}
