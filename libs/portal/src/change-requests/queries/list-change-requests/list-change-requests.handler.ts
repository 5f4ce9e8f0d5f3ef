import { QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { ChangeRequestView, toChangeRequestView } from '../../domain/change-request.view';
import { ListChangeRequestsQuery } from './list-change-requests.query';

/** Row-level security decides the reach: portal admins every request, sensitive or not; a client its own. */
@QueryHandler(ListChangeRequestsQuery)
@TenantUseCase(ListChangeRequestsQuery, {
  audit: { action: 'portal.change-request.list', resource: 'therapist_change_request', patient: (q) => q.filter.patientId ?? null },
})
export class ListChangeRequestsHandler implements PortalUseCaseHandler<ListChangeRequestsQuery, Page<ChangeRequestView>> {
  execute({ filter }: ListChangeRequestsQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<ChangeRequestView>> {
    const where = {
      organizationId: ctx.organizationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.patientId ? { patientId: filter.patientId } : {}),
    };
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter, ['status']),
      sequential: true,
      count: () => tx.therapistChangeRequest.count({ where }),
      rows: ({ skip, take }) =>
        tx.therapistChangeRequest.findMany({ where, orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map(toChangeRequestView),
      scope: ({ rows }) => ({ resultCount: rows.length, patientIds: [...new Set(rows.map((r) => r.patientId))] }),
    });
  }
}
