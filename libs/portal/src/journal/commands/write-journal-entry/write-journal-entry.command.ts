import { Command } from '@nestjs/cqrs';

import type { JournalEntryView } from '../../domain/journal-entry.view';

/** The client writes a journal entry: private unless `sharedWithClinician` (seed §6: default false). */
export class WriteJournalEntryCommand extends Command<JournalEntryView> {
  constructor(
    readonly patientId: string,
    readonly title: string | undefined,
    readonly body: string,
    readonly sharedWithClinician: boolean,
  ) {
    super();
  }
}
