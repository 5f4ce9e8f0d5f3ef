import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { AuditService } from './audit.service';
import { AUDIT_CSV_COLUMNS, auditWhere, csvRow, toAuditEventView } from './queries/list-audit-events/audit-event-filter';
import type { AuditEventFilter } from './queries/list-audit-events/list-audit-events.query';

const BATCH = 1000;

/**
 * Streams the audit log as CSV in batches (keyset pagination on seq), so memory stays flat whatever the size.
 * The export is audited, and committed, before the first byte is sent.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async stream(filter: AuditEventFilter, write: (chunk: string) => Promise<void>): Promise<number> {
    const ctx = this.requestContext.requireTenant();
    const where = auditWhere(ctx.organizationId, filter);
    await this.txHost.withTransaction(() =>
      this.audit.record({
        action: 'audit.export', resourceType: 'audit_event', outcome: 'success', patientId: filter.patientId ?? null,
        scope: { format: 'csv', filters: Object.keys(filter).filter((k) => filter[k as keyof typeof filter] !== undefined) },
      }),
    );
    await write(AUDIT_CSV_COLUMNS.join(',') + '\r\n');
    let after: bigint | undefined;
    let count = 0;
    for (;;) {
      const rows = await this.txHost.withTransaction(() =>
        this.txHost.tx.auditEvent.findMany({
          where: after === undefined ? where : { AND: [where, { seq: { lt: after } }] },
          orderBy: { seq: 'desc' },
          take: BATCH,
        }),
      );
      if (rows.length === 0) break;
      await write(rows.map((r) => csvRow(toAuditEventView(r))).join(''));
      count += rows.length;
      after = rows[rows.length - 1]!.seq ?? undefined;
      if (rows.length < BATCH) break;
    }
    return count;
  }
}
