import { Command } from '@nestjs/cqrs';

import type { MoodEntryView } from '../../domain/mood-entry.view';

/** The client shows or hides one mood entry from the clinician. */
export class SetMoodEntrySharingCommand extends Command<MoodEntryView | null> {
  constructor(
    readonly patientId: string,
    readonly moodEntryId: string,
    readonly sharedWithClinician: boolean,
  ) {
    super();
  }
}
