import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { JournalEntryView, toJournalEntryView } from '../../domain/journal-entry.view';
import { SetJournalEntrySharingCommand } from './set-journal-entry-sharing.command';

@CommandHandler(SetJournalEntrySharingCommand)
@TenantUseCase(SetJournalEntrySharingCommand, {
  audit: { action: 'portal.journal-entry.share', resource: 'journal_entry', id: (c) => c.journalEntryId, patient: (c) => c.patientId },
})
export class SetJournalEntrySharingHandler implements PortalUseCaseHandler<SetJournalEntrySharingCommand, JournalEntryView | null> {
  constructor(private readonly commands: CommandBus) {}

  async execute(cmd: SetJournalEntrySharingCommand, { ctx, tx, audit }: PortalUseCase): Promise<JournalEntryView | null> {
    const key = { organizationId_id: { organizationId: ctx.organizationId, id: cmd.journalEntryId } };
    const found = await tx.journalEntry.findUnique({ where: key });
    if (!found || found.patientId !== cmd.patientId) return null;
    const updated = await tx.journalEntry.update({ where: key, data: { sharedWithClinician: cmd.sharedWithClinician } });
    if (cmd.sharedWithClinician && !found.sharedWithClinician)
      await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'journal_entry.shared', 'journal_entry', found.id));
    audit.scope({ shared: cmd.sharedWithClinician, was: found.sharedWithClinician });
    return toJournalEntryView(updated);
  }
}
