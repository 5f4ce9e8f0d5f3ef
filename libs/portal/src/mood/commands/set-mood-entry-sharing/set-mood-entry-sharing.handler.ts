import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { MoodEntryView, toMoodEntryView } from '../../domain/mood-entry.view';
import { SetMoodEntrySharingCommand } from './set-mood-entry-sharing.command';

@CommandHandler(SetMoodEntrySharingCommand)
@TenantUseCase(SetMoodEntrySharingCommand, {
  audit: { action: 'portal.mood-entry.share', resource: 'mood_entry', id: (c) => c.moodEntryId, patient: (c) => c.patientId },
})
export class SetMoodEntrySharingHandler implements PortalUseCaseHandler<SetMoodEntrySharingCommand, MoodEntryView | null> {
  async execute(cmd: SetMoodEntrySharingCommand, { ctx, tx, audit }: PortalUseCase): Promise<MoodEntryView | null> {
    const key = { organizationId_id: { organizationId: ctx.organizationId, id: cmd.moodEntryId } };
    const found = await tx.moodEntry.findUnique({ where: key });
    if (!found || found.patientId !== cmd.patientId) return null;
    const updated = await tx.moodEntry.update({ where: key, data: { sharedWithClinician: cmd.sharedWithClinician } });
    audit.scope({ shared: cmd.sharedWithClinician, was: found.sharedWithClinician });
    return toMoodEntryView(updated);
  }
}
