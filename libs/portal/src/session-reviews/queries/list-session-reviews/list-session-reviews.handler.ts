import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { SessionReviewView, toSessionReviewView } from '../../domain/session-review.view';
import { ListSessionReviewsQuery } from './list-session-reviews.query';

@QueryHandler(ListSessionReviewsQuery)
@TenantUseCase(ListSessionReviewsQuery, {
  audit: { action: 'portal.session-review.list', resource: 'session_review', patient: (q) => q.patientId ?? undefined },
})
export class ListSessionReviewsHandler implements PortalUseCaseHandler<ListSessionReviewsQuery, Page<SessionReviewView> | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute(
    { patientId, filter }: ListSessionReviewsQuery,
    { ctx, tx, audit }: PortalUseCase,
  ): Promise<Page<SessionReviewView> | null> {
    const organizationId = ctx.organizationId;
    if (patientId !== null && (await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    // The therapist's own view: reviews of the sessions they gave that the policy shows them (shared, not anonymous).
    const whose = patientId !== null ? { patientId } : { clinicianId: ctx.userId, status: 'submitted' };
    const where = { organizationId, ...whose, ...(filter.status ? { status: filter.status } : {}) };
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter),
      sequential: true,
      count: () => tx.sessionReview.count({ where }),
      rows: ({ skip, take }) => tx.sessionReview.findMany({ where, orderBy: [{ promptedAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map(toSessionReviewView),
      scope: ({ rows }) => ({ resultCount: rows.length, own: patientId === null }),
    });
  }
}
