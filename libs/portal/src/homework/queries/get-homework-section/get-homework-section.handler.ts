import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { toHomeworkView } from '../../domain/homework.view';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { GetHomeworkSectionQuery, HomeworkSectionView } from './get-homework-section.query';

const SECTION_ITEMS = 5;

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
    const where = { organizationId, patientId };
    const counts = await tx.homeworkAssignment.groupBy({ by: ['status'], where, _count: { _all: true } });
    const countOf = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
    const overdue = await tx.homeworkAssignment.count({
      where: { ...where, status: 'assigned', dueOn: { lt: new Date(`${today}T00:00:00Z`) } },
    });
    const due = await tx.homeworkAssignment.findMany({
      where: { ...where, status: 'assigned' },
      orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
      take: SECTION_ITEMS,
    });
    const recent = await tx.homeworkAssignment.findMany({
      where: { ...where, status: { in: ['completed', 'reviewed'] } },
      orderBy: [{ completedAt: 'desc' }, { id: 'asc' }],
      take: SECTION_ITEMS,
    });
    return {
      assigned: countOf('assigned'),
      overdue,
      awaitingReview: countOf('completed'),
      reviewed: countOf('reviewed'),
      due: due.map((h) => toHomeworkView(h, today)),
      recentlyCompleted: recent.map((h) => toHomeworkView(h, today)),
    };
  }
}
