import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PeerSupervisionView, toPeerSupervisionView } from '../../peer-supervision.view';
import { GetPeerSupervisionQuery } from './get-peer-supervision.query';

@QueryHandler(GetPeerSupervisionQuery)
export class GetPeerSupervisionHandler implements IQueryHandler<GetPeerSupervisionQuery, PeerSupervisionView | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ id }: GetPeerSupervisionQuery): Promise<PeerSupervisionView | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row-level security: the caller's own supervision (as peer or supervisor), or the organization's with org-wide.
      const row = await tx.peerSupervision.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id } } });
      // The notes are PHI: every read is audited, found or not, never with the text.
      await this.audit.record({
        action: 'peer-supervision.read', resourceType: 'peer_supervision', resourceId: id, outcome: row ? 'success' : 'not_found',
        scope: row ? { peerProviderId: row.peerProviderId, supervisorId: row.supervisorId, hasNotes: row.notes.length > 0 } : {},
      });
      return row ? toPeerSupervisionView(row) : null;
    });
  }
}
