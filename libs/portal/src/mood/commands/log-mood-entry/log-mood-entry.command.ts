import { Command } from '@nestjs/cqrs';

import type { MoodEntryView } from '../../domain/mood-entry.view';

export interface LogMoodEntryInput {
  score: number;
  symptoms: string[];
  note?: string;
  /** Default true (seed §6); the client can change it later. */
  sharedWithClinician?: boolean;
}

/** The client logs a mood check-in for today (the organization's calendar day). */
export class LogMoodEntryCommand extends Command<MoodEntryView> {
  constructor(
    readonly patientId: string,
    readonly input: LogMoodEntryInput,
  ) {
    super();
  }
}
