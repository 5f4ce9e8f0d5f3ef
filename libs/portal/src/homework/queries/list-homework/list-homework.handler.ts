import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { HomeworkView, toHomeworkView } from '../../domain/homework.view';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { ListHomeworkQuery } from './list-homework.query';

@QueryHandler(ListHomeworkQuery)
@TenantUseCase(ListHomeworkQuery, { audit: { action: 'portal.homework.list', resource: 'homework', patient: (q) => q.patientId } })
export class ListHomeworkHandler implements PortalUseCaseHandler<ListHomeworkQuery, Page<HomeworkView> | null> {
  constructor(
    private readonly repo: HomeworkRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute({ patientId, filter }: ListHomeworkQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<HomeworkView> | null> {
    const organizationId = ctx.organizationId;
    if (!((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) !== null)) return null;
    const today = await this.repo.today(tx, organizationId);
    const where = { organizationId, patientId, ...(filter.status ? { status: filter.status } : {}) };
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter),
      sequential: true,
      count: () => tx.homeworkAssignment.count({ where }),
      rows: ({ skip, take }) => tx.homeworkAssignment.findMany({ where, orderBy: [{ dueOn: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map((r) => toHomeworkView(r, today)),
      scope: ({ rows }) => ({ resultCount: rows.length }),
    });
  }
}
