import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GoalDetailView, toGoalDetailView } from '../../domain/goal.view';
import { GetGoalQuery } from './get-goal.query';

@QueryHandler(GetGoalQuery)
@TenantUseCase(GetGoalQuery, {
  audit: { action: 'portal.goal.read', resource: 'therapeutic_goal', id: (q) => q.goalId, patient: (q) => q.patientId },
})
export class GetGoalHandler implements PortalUseCaseHandler<GetGoalQuery, GoalDetailView | null> {
  async execute({ patientId, goalId }: GetGoalQuery, { ctx, tx }: PortalUseCase): Promise<GoalDetailView | null> {
    const organizationId = ctx.organizationId;
    // Row-level security: the client's own, the current primary therapist's clients, or a portal admin.
    const goal = await tx.therapeuticGoal.findFirst({ where: { organizationId, id: goalId, patientId } });
    if (!goal) return null;
    const history = await tx.goalProgressUpdate.findMany({
      where: { organizationId, goalId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    return toGoalDetailView(goal, history);
  }
}
