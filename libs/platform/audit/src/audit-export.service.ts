import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';

import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';

import { AuditService } from './audit.service';
import { auditWhere, csvRow, toAuditEventView } from './queries/list-audit-events/audit-event-filter';
import type { AuditEventFilter } from './queries/list-audit-events/list-audit-events.query';

/** Rows per database page of the export. */
export const AUDIT_EXPORT_BATCH = 1000;

/**
 * The audit log as CSV rows (cell values) in batches (keyset pagination on seq), so memory stays flat whatever the size.
 * The first batch is read in the same transaction that records the export: when the caller pulls it (before
 * sending anything, see streamCsv) the export is audited and committed, or it failed and nothing was
 * sent. Each later page is read when the client has taken the previous one. The export's own event is not in
 * the file (it is written and sealed with that commit); the next export lists it.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async *batches(filter: AuditEventFilter): AsyncGenerator<unknown[][]> {
    const ctx = this.requestContext.requireTenant();
    const where = auditWhere(ctx.organizationId, filter);
    const page = (after: bigint | undefined) =>
      this.txHost.tx.auditEvent.findMany({
        // Every row is sealed as it is inserted; the export's own event waits for the first page's COMMIT.
        where: { AND: [where, { seq: after === undefined ? { not: null } : { lt: after } }] },
        orderBy: { seq: 'desc' },
        take: AUDIT_EXPORT_BATCH,
      });
    let rows = await this.txHost.withTransaction(async () => {
      await this.audit.record({
        action: 'audit.export',
        resourceType: 'audit_event',
        outcome: 'success',
        patientId: filter.patientId ?? null,
        scope: { format: 'csv', filters: Object.keys(filter).filter((k) => filter[k as keyof typeof filter] !== undefined) },
      });
      return page(undefined);
    });
    for (;;) {
      if (rows.length > 0) yield rows.map((r) => csvRow(toAuditEventView(r)));
      if (rows.length < AUDIT_EXPORT_BATCH) return;
      const after = rows[rows.length - 1]!.seq ?? undefined;
      rows = await this.txHost.withTransaction(() => page(after));
    }
  }
}
