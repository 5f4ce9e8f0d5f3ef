import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GoalView, toGoalView } from '../../domain/goal.view';
import { GoalsRepository } from '../../infrastructure/goals.repository';
import { ListGoalsQuery } from './list-goals.query';

const MAX_GOALS = 200;

@QueryHandler(ListGoalsQuery)
@TenantUseCase(ListGoalsQuery, { audit: { action: 'portal.goal.list', resource: 'therapeutic_goal', patient: (q) => q.patientId } })
export class ListGoalsHandler implements PortalUseCaseHandler<ListGoalsQuery, GoalView[] | null> {
  constructor(private readonly repo: GoalsRepository) {}

  async execute({ patientId }: ListGoalsQuery, { ctx, tx, audit }: PortalUseCase): Promise<GoalView[] | null> {
    const organizationId = ctx.organizationId;
    if (!(await this.repo.maySee(tx, organizationId, patientId))) return null;
    const rows = await tx.therapeuticGoal.findMany({
      where: { organizationId, patientId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: MAX_GOALS,
    });
    audit.scope({ resultCount: rows.length });
    const active = rows.filter((g) => g.status === 'active');
    return [...active, ...rows.filter((g) => g.status !== 'active')].map(toGoalView);
  }
}
