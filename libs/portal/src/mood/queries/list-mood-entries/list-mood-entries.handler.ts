import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { MoodEntryView, toMoodEntryView } from '../../domain/mood-entry.view';
import { ListMoodEntriesQuery } from './list-mood-entries.query';

@QueryHandler(ListMoodEntriesQuery)
@TenantUseCase(ListMoodEntriesQuery, { audit: { action: 'portal.mood-entry.list', resource: 'mood_entry', patient: (q) => q.patientId } })
export class ListMoodEntriesHandler implements PortalUseCaseHandler<ListMoodEntriesQuery, Page<MoodEntryView> | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, page }: ListMoodEntriesQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<MoodEntryView> | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (!relationship) return null;
    const where = { organizationId: ctx.organizationId, patientId };
    return pagedAuditedList(audit, {
      page,
      count: () => tx.moodEntry.count({ where }),
      rows: (w) => tx.moodEntry.findMany({ where, orderBy: [{ entryDate: 'desc' }, { createdAt: 'desc' }], ...w }),
      toItems: (rows) => rows.map(toMoodEntryView),
      scope: () => ({ as: relationship }),
      sequential: true,
    });
  }
}
