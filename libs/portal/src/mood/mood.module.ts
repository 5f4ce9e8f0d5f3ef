import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { LogMoodEntryHandler } from './commands/log-mood-entry/log-mood-entry.handler';
import { SetMoodEntrySharingHandler } from './commands/set-mood-entry-sharing/set-mood-entry-sharing.handler';
import { ClientMoodController, PatientMoodController } from './http/mood.controller';
import { GetMoodTrendHandler } from './queries/get-mood-trend/get-mood-trend.handler';
import { ListMoodEntriesHandler } from './queries/list-mood-entries/list-mood-entries.handler';

/** Mood check-ins and the 30-day trend (seed §2 A, §6 MoodEntry). */
@Module({
  imports: [CqrsModule],
  controllers: [ClientMoodController, PatientMoodController],
  providers: [LogMoodEntryHandler, SetMoodEntrySharingHandler, ListMoodEntriesHandler, GetMoodTrendHandler],
})
export class MoodModule {}
