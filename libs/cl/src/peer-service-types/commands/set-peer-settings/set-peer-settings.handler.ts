import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RuleViolationError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadPeerVocabulary } from '../../peer-vocabulary';
import { SetPeerSettingsCommand } from './set-peer-settings.command';

@CommandHandler(SetPeerSettingsCommand)
export class SetPeerSettingsHandler implements ICommandHandler<SetPeerSettingsCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ usePf15 }: SetPeerSettingsCommand) {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const before = await loadPeerVocabulary(tx, org);
      // Switching to the organization's own list with nothing active in it would leave no type to document with.
      if (!usePf15 && !before.organizationTypes.some((t) => t.active)) {
        throw new RuleViolationError('Define at least one active peer service type before switching from the PF-15 types.', [
          { field: 'usePf15', message: 'the organization has no active peer service type of its own' },
        ]);
      }
      await tx.peerSettings.upsert({ where: { organizationId: org }, create: { organizationId: org, usePf15, updatedBy: ctx.userId }, update: { usePf15, updatedBy: ctx.userId } });
      await this.audit.record({ action: 'peer-settings.update', resourceType: 'peer_settings', resourceId: org, outcome: 'success', scope: { before: { usePf15: before.usePf15 }, after: { usePf15 } } });
      return loadPeerVocabulary(tx, org);
    });
  }
}
