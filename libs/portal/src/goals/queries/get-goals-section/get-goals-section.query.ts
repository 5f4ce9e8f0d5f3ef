import { Query } from '@nestjs/cqrs';

import type { GoalView } from '../../domain/goal.view';

/** The goals part of a client's portal overview: active goals with their progress, and how many are closed. */
export interface GoalsSectionView {
  active: GoalView[];
  achieved: number;
  discontinued: number;
}

/** Sent on the query bus by the use case that assembles a portal overview (which audits the read). */
export class GetGoalsSectionQuery extends Query<GoalsSectionView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
