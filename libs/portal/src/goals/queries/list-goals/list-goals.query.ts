import { Query } from '@nestjs/cqrs';

import type { GoalView } from '../../domain/goal.view';

/** A client's goals (active first, then newest), for the client or their therapist. At most 200. */
export class ListGoalsQuery extends Query<GoalView[] | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
