import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertPeerAmendable } from '../../peer-encounter-rules';
import { PEER_ENCOUNTER_INCLUDE, peerPart2Scope, toPeerEncounterView } from '../../peer-encounter.view';
import { AddPeerEncounterAddendumCommand } from './add-peer-encounter-addendum.command';

@CommandHandler(AddPeerEncounterAddendumCommand)
export class AddPeerEncounterAddendumHandler implements ICommandHandler<AddPeerEncounterAddendumCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ id, body }: AddPeerEncounterAddendumCommand) {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: org, id } };
      const e = await tx.peerEncounter.findUnique({ where, include: PEER_ENCOUNTER_INCLUDE });
      if (!e) {
        await this.audit.record({ action: 'peer-encounter.addendum', resourceType: 'peer_encounter', resourceId: id, outcome: 'not_found' });
        return null;
      }
      assertPeerAmendable(e);
      const addendumId = randomUUID();
      await tx.peerEncounterAddendum.create({ data: { organizationId: org, id: addendumId, peerEncounterId: id, authorId: ctx.userId, body } });
      await this.audit.record({
        action: 'peer-encounter.addendum', resourceType: 'peer_encounter', resourceId: id, patientId: e.patientId, outcome: 'success',
        scope: { addendumId, ...peerPart2Scope(e) },
      });
      return toPeerEncounterView(await tx.peerEncounter.findUniqueOrThrow({ where, include: PEER_ENCOUNTER_INCLUDE }));
    });
  }
}
