import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { MoodEntryView } from '../../domain/mood-entry.view';

/** A patient's mood entries, newest first: the client's all, a clinician's what the policy shows. */
export class ListMoodEntriesQuery extends Query<Page<MoodEntryView> | null> {
  constructor(
    readonly patientId: string,
    readonly page: { page?: number; pageSize?: number },
  ) {
    super();
  }
}
