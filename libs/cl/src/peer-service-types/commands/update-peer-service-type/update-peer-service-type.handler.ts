import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RuleViolationError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadPeerVocabulary, type PeerServiceTypeView } from '../../peer-vocabulary';
import { UpdatePeerServiceTypeCommand } from './update-peer-service-type.command';

@CommandHandler(UpdatePeerServiceTypeCommand)
export class UpdatePeerServiceTypeHandler implements ICommandHandler<UpdatePeerServiceTypeCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ id, changes }: UpdatePeerServiceTypeCommand): Promise<PeerServiceTypeView | null> {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: org, id } };
      const before = await tx.peerServiceType.findUnique({ where });
      if (!before) return null;
      if (changes.active === false && before.active) {
        const vocabulary = await loadPeerVocabulary(tx, org);
        if (!vocabulary.usePf15 && vocabulary.inForce.length === 1) {
          throw new RuleViolationError('The last active peer service type in force cannot be retired.', [
            { field: 'active', message: 'switch back to the PF-15 types or add another type first' },
          ]);
        }
      }
      const t = await tx.peerServiceType.update({ where, data: { ...(changes.label !== undefined ? { label: changes.label.trim() } : {}), ...(changes.active !== undefined ? { active: changes.active } : {}) } });
      await this.audit.record({
        action: 'peer-service-type.update', resourceType: 'peer_service_type', resourceId: id, outcome: 'success',
        scope: { key: t.key, before: { label: before.label, active: before.active }, after: { label: t.label, active: t.active } },
      });
      return { id: t.id, key: t.key, label: t.label, source: 'organization', active: t.active };
    });
  }
}
