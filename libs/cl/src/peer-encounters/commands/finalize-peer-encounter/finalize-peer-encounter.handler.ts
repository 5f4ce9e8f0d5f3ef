import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ConflictError, DomainError, ForbiddenError, isoDate, RuleViolationError } from '@cairn/platform/http';
import { PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { OutboxPublisher } from '@cairn/platform/messaging';
import type { PeerEncounterFinalizedV1 } from '@cairn/platform/clinical';
import { CreatePeerEncounterCommand } from '@cairn/platform/scheduling';
import { RequestContextService } from '@cairn/platform/tenancy';
import { lockPeerEncounter, priceablePeerCode } from '../../peer-encounter-checks';
import { PEER_ENCOUNTER_INCLUDE, peerPart2Scope, toPeerEncounterView } from '../../peer-encounter.view';
import { FinalizePeerEncounterCommand } from './finalize-peer-encounter.command';

@CommandHandler(FinalizePeerEncounterCommand)
export class FinalizePeerEncounterHandler implements ICommandHandler<FinalizePeerEncounterCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxPublisher,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ id }: FinalizePeerEncounterCommand) {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: org, id } };
      // The guard against double finalizing: the row lock. Of two concurrent finalizes the second waits for the
      // first to commit, then reads 'finalized' and answers 409: one PM encounter, one event.
      const locked = await lockPeerEncounter(tx, org, id);
      if (!locked) {
        await this.audit.record({ action: 'peer-encounter.finalize', resourceType: 'peer_encounter', resourceId: id, outcome: 'not_found' });
        return null;
      }
      const refuse = async (reason: string, error: DomainError): Promise<never> => {
        await this.audit.recordDetached({ action: 'peer-encounter.finalize', resourceType: 'peer_encounter', resourceId: id, outcome: 'denied', reason });
        throw error;
      };
      if (locked.peer_provider_id !== ctx.userId) await refuse('not_peer_provider', new ForbiddenError('Only the peer provider finalizes a peer encounter.'));
      if (locked.status !== 'draft') await refuse('already_finalized', new ConflictError('The peer encounter is already finalized.'));
      const e = await tx.peerEncounter.findUniqueOrThrow({ where });
      const serviceDate = isoDate(e.serviceDate);
      if (serviceDate > isoDate(new Date())) {
        await refuse('future_service_date', new RuleViolationError('A peer encounter is finalized once it has happened.', [{ field: 'serviceDate', message: 'serviceDate is in the future' }]));
      }
      // The code is checked again on the service date (the library may have changed since the draft was saved).
      const { unitBasis, units } = await priceablePeerCode(this.queries, e.hcpcsCode, serviceDate, e.siteId, e.durationMinutes);
      const pm = await this.commands.execute(new CreatePeerEncounterCommand({
        peerEncounterId: id, patientId: e.patientId, chartId: e.chartId, siteId: e.siteId, serviceDate,
        renderingProviderId: e.peerProviderId, durationMinutes: e.durationMinutes,
      }));
      const finalizedAt = new Date();
      await tx.peerEncounter.update({ where, data: { status: 'finalized', finalizedAt, finalizedBy: ctx.userId, encounterId: pm.encounterId, unitBasis, units } });
      const payload: PeerEncounterFinalizedV1 = {
        organization_id: org,
        peer_encounter_id: id,
        chart_id: e.chartId,
        encounter_id: pm.encounterId,
        peer_provider_id: e.peerProviderId,
        service_date: serviceDate,
        hcpcs_code: e.hcpcsCode,
        duration_minutes: e.durationMinutes,
      };
      const event = await this.outbox.publish(PEER_ENCOUNTER_FINALIZED_V1, org, payload);
      const row = await tx.peerEncounter.findUniqueOrThrow({ where, include: PEER_ENCOUNTER_INCLUDE });
      await this.audit.record({
        action: 'peer-encounter.finalize', resourceType: 'peer_encounter', resourceId: id, patientId: e.patientId, outcome: 'success',
        scope: { eventId: event.id, encounterId: pm.encounterId, hcpcsCode: e.hcpcsCode, units, ...peerPart2Scope(row) },
      });
      return toPeerEncounterView(row);
    });
  }
}
