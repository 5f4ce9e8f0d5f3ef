import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PeerSupervisionView, toPeerSupervisionView } from '../../domain/peer-supervision.view';
import { GetPeerSupervisionQuery } from './get-peer-supervision.query';

/** The notes are PHI: every read is audited, found or not, never with the text. */
@QueryHandler(GetPeerSupervisionQuery)
@TenantUseCase(GetPeerSupervisionQuery, { audit: { action: 'peer-supervision.read', resource: 'peer_supervision', id: (q) => q.id } })
export class GetPeerSupervisionHandler implements ClUseCaseHandler<GetPeerSupervisionQuery, PeerSupervisionView | null> {
  async execute({ id }: GetPeerSupervisionQuery, { ctx, tx, audit }: ClUseCase): Promise<PeerSupervisionView | null> {
    // Row-level security: the caller's own supervision (as peer or supervisor), or the organization's with org-wide.
    const row = await tx.peerSupervision.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id } } });
    if (!row) return null;
    audit.scope({ peerProviderId: row.peerProviderId, supervisorId: row.supervisorId, hasNotes: row.notes.length > 0 });
    return toPeerSupervisionView(row);
  }
}
