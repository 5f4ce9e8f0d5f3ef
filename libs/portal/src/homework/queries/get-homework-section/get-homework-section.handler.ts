import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { GetHomeworkSectionQuery, HomeworkSectionView } from './get-homework-section.query';

@QueryHandler(GetHomeworkSectionQuery)
@TenantUseCase(GetHomeworkSectionQuery, {
  audit: false,
  reason: 'a section of a portal overview (portal activity, dashboard), whose own use case audits the read',
})
export class GetHomeworkSectionHandler implements PortalUseCaseHandler<GetHomeworkSectionQuery, HomeworkSectionView | null> {
  constructor(
    private readonly repo: HomeworkRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute({ patientId }: GetHomeworkSectionQuery, { ctx, tx }: PortalUseCase): Promise<HomeworkSectionView | null> {
    const organizationId = ctx.organizationId;
    if ((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    const today = await this.repo.today(tx, organizationId);
    return this.repo.section(tx, organizationId, patientId, today);
  }
}
