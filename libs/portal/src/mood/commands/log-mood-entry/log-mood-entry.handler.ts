import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { calendarDay } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { MoodEntryView, toMoodEntryView } from '../../domain/mood-entry.view';
import { dayIn, LOW_MOOD_SCORE } from '../../domain/mood.rules';
import { LogMoodEntryCommand } from './log-mood-entry.command';

/**
 * Stores the entry (the row policy admits only the client's own patient) and, when it is shared, tells the
 * clinician: `mood_entry.low_score` at 3/10 or below (seed scenario 1), else `mood_entry.logged`.
 */
@CommandHandler(LogMoodEntryCommand)
@TenantUseCase(LogMoodEntryCommand, { audit: { action: 'portal.mood-entry.create', resource: 'mood_entry', patient: (c) => c.patientId } })
export class LogMoodEntryHandler implements PortalUseCaseHandler<LogMoodEntryCommand, MoodEntryView> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ patientId, input }: LogMoodEntryCommand, { ctx, tx, audit }: PortalUseCase): Promise<MoodEntryView> {
    const org = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { timezone: true } });
    const entry = await tx.moodEntry.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        patientId,
        entryDate: calendarDay(dayIn(org?.timezone ?? 'UTC', new Date())),
        score: input.score,
        symptoms: [...new Set(input.symptoms)],
        note: input.note ?? null,
        sharedWithClinician: input.sharedWithClinician ?? true,
      },
    });
    if (entry.sharedWithClinician) {
      const kind = entry.score <= LOW_MOOD_SCORE ? 'mood_entry.low_score' : 'mood_entry.logged';
      await this.commands.execute(new RecordPortalNotificationCommand(patientId, kind, 'mood_entry', entry.id));
    }
    audit.set({ resourceId: entry.id }).scope({ shared: entry.sharedWithClinician, symptoms: entry.symptoms.length });
    return toMoodEntryView(entry);
  }
}
