import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ForbiddenError, isoDate } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { lockPeerEncounter, priceablePeerCode, serviceTypeInForce } from '../../peer-encounter-checks';
import { assertPeerDraft, peerDuration } from '../../peer-encounter-rules';
import { PEER_ENCOUNTER_INCLUDE, peerPart2Scope, toPeerEncounterView } from '../../peer-encounter.view';
import { EditPeerEncounterCommand } from './edit-peer-encounter.command';

@CommandHandler(EditPeerEncounterCommand)
export class EditPeerEncounterHandler implements ICommandHandler<EditPeerEncounterCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
    private readonly queries: QueryBus,
  ) {}

  async execute({ id, input }: EditPeerEncounterCommand) {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: org, id } };
      // The row lock orders this edit against a concurrent finalize of the same encounter.
      const locked = await lockPeerEncounter(tx, org, id);
      if (!locked) {
        await this.audit.record({ action: 'peer-encounter.update', resourceType: 'peer_encounter', resourceId: id, outcome: 'not_found' });
        return null;
      }
      if (locked.peer_provider_id !== ctx.userId) throw new ForbiddenError('Only the peer provider edits a peer encounter.');
      assertPeerDraft(locked);
      const before = await tx.peerEncounter.findUniqueOrThrow({ where });
      const startTime = input.startTime ?? before.startTime;
      const endTime = input.endTime ?? before.endTime;
      const serviceDate = input.serviceDate ?? isoDate(before.serviceDate);
      const hcpcsCode = input.hcpcsCode ?? before.hcpcsCode;
      const minutes = peerDuration(startTime, endTime, input.durationMinutes);
      const serviceTypeSource = input.serviceType !== undefined && input.serviceType !== before.serviceType
        ? await serviceTypeInForce(tx, org, input.serviceType) : before.serviceTypeSource;
      const { unitBasis, units } = await priceablePeerCode(this.queries, hcpcsCode, serviceDate, before.siteId, minutes);
      await tx.peerEncounter.update({
        where,
        data: {
          serviceDate: new Date(`${serviceDate}T00:00:00Z`), startTime, endTime, durationMinutes: minutes, serviceType: input.serviceType ?? before.serviceType,
          serviceTypeSource, hcpcsCode, unitBasis, units, ...(input.focusNotes !== undefined ? { focusNotes: input.focusNotes } : {}),
        },
      });
      const row = await tx.peerEncounter.findUniqueOrThrow({ where, include: PEER_ENCOUNTER_INCLUDE });
      await this.audit.record({
        action: 'peer-encounter.update', resourceType: 'peer_encounter', resourceId: id, patientId: row.patientId, outcome: 'success',
        scope: { fields: Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined).sort(), ...peerPart2Scope(row) },
      });
      return toPeerEncounterView(row);
    });
  }
}
