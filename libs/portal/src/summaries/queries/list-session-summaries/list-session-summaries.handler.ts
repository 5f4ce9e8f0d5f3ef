import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { SessionSummaryView, toSessionSummaryView } from '../../domain/session-summary.view';
import { ListSessionSummariesQuery } from './list-session-summaries.query';

@QueryHandler(ListSessionSummariesQuery)
@TenantUseCase(ListSessionSummariesQuery, {
  audit: { action: 'portal.session-summary.list', resource: 'session_summary', patient: (q) => q.patientId },
})
export class ListSessionSummariesHandler implements PortalUseCaseHandler<ListSessionSummariesQuery, Page<SessionSummaryView> | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute(
    { patientId, filter }: ListSessionSummariesQuery,
    { ctx, tx, audit }: PortalUseCase,
  ): Promise<Page<SessionSummaryView> | null> {
    if ((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    const where = { organizationId: ctx.organizationId, patientId };
    return pagedAuditedList(audit, {
      page: filter,
      sequential: true,
      count: () => tx.sessionSummary.count({ where }),
      rows: ({ skip, take }) => tx.sessionSummary.findMany({ where, orderBy: [{ appointmentStartAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map(toSessionSummaryView),
      scope: ({ rows }) => ({ resultCount: rows.length }),
    });
  }
}
