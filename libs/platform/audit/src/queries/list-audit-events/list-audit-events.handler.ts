import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { AuditService } from '../../audit.service';
import { auditWhere, toAuditEventView } from './audit-event-filter';
import { ListAuditEventsQuery } from './list-audit-events.query';

@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter, page, pageSize }: ListAuditEventsQuery) {
    const ctx = this.requestContext.requireTenant();
    const where = auditWhere(ctx.organizationId, filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [total, rows] = await Promise.all([
        tx.auditEvent.count({ where }),
        tx.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
      ]);
      // Reading the audit log is itself audited.
      await this.audit.record({
        action: 'audit.list', resourceType: 'audit_event', outcome: 'success', patientId: filter.patientId ?? null,
        scope: { filters: Object.keys(filter).filter((k) => filter[k as keyof typeof filter] !== undefined), page, pageSize, total },
      });
      return { items: rows.map(toAuditEventView), page, pageSize, total };
    });
  }
}
