import { Command } from '@nestjs/cqrs';

import type { JournalEntryView } from '../../domain/journal-entry.view';

/** Only the client decides whether the clinician sees a journal entry. */
export class SetJournalEntrySharingCommand extends Command<JournalEntryView | null> {
  constructor(
    readonly patientId: string,
    readonly journalEntryId: string,
    readonly sharedWithClinician: boolean,
  ) {
    super();
  }
}
