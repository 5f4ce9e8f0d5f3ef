import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { SetJournalEntrySharingHandler } from './commands/set-journal-entry-sharing/set-journal-entry-sharing.handler';
import { WriteJournalEntryHandler } from './commands/write-journal-entry/write-journal-entry.handler';
import { ClientJournalController, PatientJournalController } from './http/journal.controller';
import { ListJournalEntriesHandler } from './queries/list-journal-entries/list-journal-entries.handler';

/** The client's journal (seed §6 JournalEntry: private by default). */
@Module({
  imports: [CqrsModule],
  controllers: [ClientJournalController, PatientJournalController],
  providers: [WriteJournalEntryHandler, SetJournalEntrySharingHandler, ListJournalEntriesHandler],
})
export class JournalModule {}
