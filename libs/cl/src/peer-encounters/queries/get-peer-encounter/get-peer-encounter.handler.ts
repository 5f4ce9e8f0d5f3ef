import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PEER_ENCOUNTER_INCLUDE, peerPart2Scope, PeerEncounterView, toPeerEncounterView } from '../../peer-encounter.view';
import { GetPeerEncounterQuery } from './get-peer-encounter.query';

@QueryHandler(GetPeerEncounterQuery)
export class GetPeerEncounterHandler implements IQueryHandler<GetPeerEncounterQuery, PeerEncounterView | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ id }: GetPeerEncounterQuery): Promise<PeerEncounterView | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      // Row-level security: organization, site, patient scope and the Part 2 consent check, in one statement.
      const e = await this.txHost.tx.peerEncounter.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id } }, include: PEER_ENCOUNTER_INCLUDE });
      await this.audit.record({
        action: 'peer-encounter.read', resourceType: 'peer_encounter', resourceId: id, patientId: e?.patientId ?? null, outcome: e ? 'success' : 'not_found',
        ...(e && peerPart2Scope(e).part2 ? { scope: peerPart2Scope(e) } : {}),
      });
      return e ? toPeerEncounterView(e) : null;
    });
  }
}
