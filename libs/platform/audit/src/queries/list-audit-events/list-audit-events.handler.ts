import { QueryHandler } from '@nestjs/cqrs';

import { Page } from '@cairn/platform/http';
import { pagedAuditedList, TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { auditWhere, toAuditEventView } from './audit-event-filter';
import { AuditEventView, ListAuditEventsQuery } from './list-audit-events.query';

/** Reading the audit log is itself audited. */
@QueryHandler(ListAuditEventsQuery)
@TenantUseCase(ListAuditEventsQuery, { audit: { action: 'audit.list', resource: 'audit_event', patient: (q) => q.filter.patientId } })
export class ListAuditEventsHandler implements TenantUseCaseHandler<ListAuditEventsQuery, Page<AuditEventView>> {
  execute({ filter, page, pageSize }: ListAuditEventsQuery, { ctx, tx, audit }: UseCase): Promise<Page<AuditEventView>> {
    const where = auditWhere(ctx.organizationId, filter);
    return pagedAuditedList(audit, {
      page: { page, pageSize },
      filters: Object.keys(filter).filter((k) => filter[k as keyof typeof filter] !== undefined),
      count: () => tx.auditEvent.count({ where }),
      rows: ({ skip, take }) => tx.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, skip, take }),
      toItems: (rows) => rows.map(toAuditEventView),
      scope: () => ({ page, pageSize }),
    });
  }
}
