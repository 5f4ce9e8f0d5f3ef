import { CommandHandler } from '@nestjs/cqrs';

import { RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { loadPeerVocabulary, PeerVocabularyView } from '../../infrastructure/peer-vocabulary.repository';
import { SetPeerSettingsCommand } from './set-peer-settings.command';

@CommandHandler(SetPeerSettingsCommand)
@TenantUseCase(SetPeerSettingsCommand, { audit: { action: 'peer-settings.update', resource: 'peer_settings' } })
export class SetPeerSettingsHandler implements ClUseCaseHandler<SetPeerSettingsCommand, PeerVocabularyView> {
  async execute({ usePf15 }: SetPeerSettingsCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerVocabularyView> {
    const org = ctx.organizationId;
    const before = await loadPeerVocabulary(tx, org);
    // Switching to the organization's own list with nothing active in it would leave no type to document with.
    if (!usePf15 && !before.organizationTypes.some((t) => t.active)) {
      throw new RuleViolationError('Define at least one active peer service type before switching from the PF-15 types.', [
        { field: 'usePf15', message: 'the organization has no active peer service type of its own' },
      ]);
    }
    await tx.peerSettings.upsert({
      where: { organizationId: org },
      create: { organizationId: org, usePf15, updatedBy: ctx.userId },
      update: { usePf15, updatedBy: ctx.userId },
    });
    // The setting is the organization's: its id is the row's resource id.
    audit.set({ resourceId: org }).scope({ before: { usePf15: before.usePf15 }, after: { usePf15 } });
    return loadPeerVocabulary(tx, org);
  }
}
