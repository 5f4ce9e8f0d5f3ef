import { CommandHandler } from '@nestjs/cqrs';

import { RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { loadPeerVocabulary, type PeerServiceTypeView } from '../../infrastructure/peer-vocabulary.repository';
import { UpdatePeerServiceTypeCommand } from './update-peer-service-type.command';

@CommandHandler(UpdatePeerServiceTypeCommand)
@TenantUseCase(UpdatePeerServiceTypeCommand, {
  audit: { action: 'peer-service-type.update', resource: 'peer_service_type', id: (c) => c.id },
})
export class UpdatePeerServiceTypeHandler implements ClUseCaseHandler<UpdatePeerServiceTypeCommand, PeerServiceTypeView | null> {
  async execute({ id, changes }: UpdatePeerServiceTypeCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerServiceTypeView | null> {
    const org = ctx.organizationId;
    const where = { organizationId_id: { organizationId: org, id } };
    const before = await tx.peerServiceType.findUnique({ where });
    // Not found writes no row, as before this use case was declared: a service type is configuration, not a record.
    if (!before) {
      audit.skip('no such service type');
      return null;
    }
    if (changes.active === false && before.active) {
      const vocabulary = await loadPeerVocabulary(tx, org);
      if (!vocabulary.usePf15 && vocabulary.inForce.length === 1) {
        throw new RuleViolationError('The last active peer service type in force cannot be retired.', [
          { field: 'active', message: 'switch back to the PF-15 types or add another type first' },
        ]);
      }
    }
    const t = await tx.peerServiceType.update({
      where,
      data: {
        ...(changes.label !== undefined ? { label: changes.label.trim() } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      },
    });
    audit.scope({ key: t.key, before: { label: before.label, active: before.active }, after: { label: t.label, active: t.active } });
    return { id: t.id, key: t.key, label: t.label, source: 'organization', active: t.active };
  }
}
