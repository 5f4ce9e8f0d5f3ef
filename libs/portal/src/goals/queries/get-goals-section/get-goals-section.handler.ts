import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { GoalsRepository } from '../../infrastructure/goals.repository';
import { GetGoalsSectionQuery, GoalsSectionView } from './get-goals-section.query';

@QueryHandler(GetGoalsSectionQuery)
@TenantUseCase(GetGoalsSectionQuery, {
  audit: false,
  reason: 'a section of a portal overview (portal activity, dashboard), whose own use case audits the read',
})
export class GetGoalsSectionHandler implements PortalUseCaseHandler<GetGoalsSectionQuery, GoalsSectionView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly repo: GoalsRepository,
  ) {}

  async execute({ patientId }: GetGoalsSectionQuery, { ctx, tx }: PortalUseCase): Promise<GoalsSectionView | null> {
    if ((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    return this.repo.section(tx, ctx.organizationId, patientId);
  }
}
