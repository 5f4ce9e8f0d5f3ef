import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { GoalView, toGoalView } from '../../domain/goal.view';
import { ListGoalsQuery } from './list-goals.query';

const MAX_GOALS = 200;

@QueryHandler(ListGoalsQuery)
@TenantUseCase(ListGoalsQuery, { audit: { action: 'portal.goal.list', resource: 'therapeutic_goal', patient: (q) => q.patientId } })
export class ListGoalsHandler implements PortalUseCaseHandler<ListGoalsQuery, GoalView[] | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: ListGoalsQuery, { ctx, tx, audit }: PortalUseCase): Promise<GoalView[] | null> {
    const organizationId = ctx.organizationId;
    if (!((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) !== null)) return null;
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
