import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { calendarDay, isoDate } from '@cairn/platform/kernel';
import { ListPatientAppointmentsQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import type { MoodTrendView } from '../../domain/mood-entry.view';
import { addDays, attendanceCorrelation, dayIn, moodTrend, TREND_DAYS } from '../../domain/mood.rules';
import { GetMoodTrendQuery } from './get-mood-trend.query';

@QueryHandler(GetMoodTrendQuery)
@TenantUseCase(GetMoodTrendQuery, { audit: { action: 'portal.mood-trend.read', resource: 'mood_entry', patient: (q) => q.patientId } })
export class GetMoodTrendHandler implements PortalUseCaseHandler<GetMoodTrendQuery, MoodTrendView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: GetMoodTrendQuery, { ctx, tx, audit }: PortalUseCase): Promise<MoodTrendView | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (!relationship) return null;
    const org = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { timezone: true } });
    const timeZone = org?.timezone ?? 'UTC';
    const to = dayIn(timeZone, new Date());
    const from = addDays(to, -(TREND_DAYS - 1));
    const rows = await tx.moodEntry.findMany({
      where: { organizationId: ctx.organizationId, patientId, entryDate: { gte: calendarDay(from), lte: calendarDay(to) } },
      select: { entryDate: true, score: true, symptoms: true },
    });
    const points = rows.map((r) => ({ date: isoDate(r.entryDate), score: r.score, symptoms: r.symptoms }));
    let attendance = null;
    if (relationship !== 'client') {
      // A day's margin on both sides: the window is in the organization's time zone, the query in instants.
      const appointments = await this.queries.execute(
        new ListPatientAppointmentsQuery(patientId, new Date(`${addDays(from, -1)}T00:00:00Z`), new Date(`${addDays(to, 2)}T00:00:00Z`)),
      );
      attendance = attendanceCorrelation(points, appointments, timeZone, from, to);
    }
    audit.scope({ as: relationship, entries: points.length, from, to });
    return { patientId, ...moodTrend(points, from, to), attendance };
  }
}
