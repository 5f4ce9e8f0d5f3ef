import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { JournalEntryView, toJournalEntryView } from '../../domain/journal-entry.view';
import { WriteJournalEntryCommand } from './write-journal-entry.command';

@CommandHandler(WriteJournalEntryCommand)
@TenantUseCase(WriteJournalEntryCommand, {
  audit: { action: 'portal.journal-entry.create', resource: 'journal_entry', patient: (c) => c.patientId },
})
export class WriteJournalEntryHandler implements PortalUseCaseHandler<WriteJournalEntryCommand, JournalEntryView> {
  constructor(private readonly commands: CommandBus) {}

  async execute(cmd: WriteJournalEntryCommand, { ctx, tx, audit }: PortalUseCase): Promise<JournalEntryView> {
    const entry = await tx.journalEntry.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        title: cmd.title ?? null,
        body: cmd.body,
        sharedWithClinician: cmd.sharedWithClinician,
      },
    });
    if (entry.sharedWithClinician)
      await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'journal_entry.shared', 'journal_entry', entry.id));
    audit.set({ resourceId: entry.id }).scope({ shared: entry.sharedWithClinician });
    return toJournalEntryView(entry);
  }
}
