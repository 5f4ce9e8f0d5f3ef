import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { JournalEntryView } from '../../domain/journal-entry.view';

/** Journal entries, newest first: the client's all; a clinician's only the shared ones (the row policy). */
export class ListJournalEntriesQuery extends Query<Page<JournalEntryView> | null> {
  constructor(
    readonly patientId: string,
    readonly page: { page?: number; pageSize?: number },
  ) {
    super();
  }
}
