import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { assertDateRange, dateRange, Page, pageOf, pageWindow } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PeerSupervisionSummaryView, toPeerSupervisionSummary } from '../../peer-supervision.view';
import { ListPeerSupervisionQuery } from './list-peer-supervision.query';

@QueryHandler(ListPeerSupervisionQuery)
export class ListPeerSupervisionHandler implements IQueryHandler<ListPeerSupervisionQuery, Page<PeerSupervisionSummaryView>> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter }: ListPeerSupervisionQuery): Promise<Page<PeerSupervisionSummaryView>> {
    const ctx = this.requestContext.requireTenant();
    assertDateRange(filter.from, filter.to);
    const { skip, take } = pageWindow(filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row-level security keeps a peer to their own supervision; the (organization, peer | supervisor, date) indexes serve it.
      const where = {
        organizationId: ctx.organizationId,
        ...(filter.peerProviderId ? { peerProviderId: filter.peerProviderId } : {}),
        ...(filter.supervisorId ? { supervisorId: filter.supervisorId } : {}),
        ...(filter.modality ? { modality: filter.modality } : {}),
        ...(filter.from || filter.to ? { supervisionDate: dateRange(filter.from, filter.to) } : {}),
      };
      const rows = await tx.peerSupervision.findMany({ where, orderBy: [{ supervisionDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }], skip, take });
      const total = await tx.peerSupervision.count({ where });
      await this.audit.record({
        action: 'peer-supervision.list', resourceType: 'peer_supervision', outcome: 'success',
        scope: {
          filters: Object.keys(filter).filter((k) => (filter as Record<string, unknown>)[k] !== undefined),
          resultCount: rows.length, total, ids: rows.map((r) => r.id),
        },
      });
      return pageOf(rows.map(toPeerSupervisionSummary), total, filter);
    });
  }
}
