import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { toGoalView } from '../../domain/goal.view';
import { GetGoalsSectionQuery, GoalsSectionView } from './get-goals-section.query';

const MAX_ACTIVE = 20;

@QueryHandler(GetGoalsSectionQuery)
@TenantUseCase(GetGoalsSectionQuery, {
  audit: false,
  reason: 'a section of a portal overview (portal activity, dashboard), whose own use case audits the read',
})
export class GetGoalsSectionHandler implements PortalUseCaseHandler<GetGoalsSectionQuery, GoalsSectionView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: GetGoalsSectionQuery, { ctx, tx }: PortalUseCase): Promise<GoalsSectionView | null> {
    if ((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    const where = { organizationId: ctx.organizationId, patientId };
    const active = await tx.therapeuticGoal.findMany({
      where: { ...where, status: 'active' },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: MAX_ACTIVE,
    });
    const [achieved, discontinued] = await Promise.all([
      tx.therapeuticGoal.count({ where: { ...where, status: 'achieved' } }),
      tx.therapeuticGoal.count({ where: { ...where, status: 'discontinued' } }),
    ]);
    return { active: active.map(toGoalView), achieved, discontinued };
  }
}
