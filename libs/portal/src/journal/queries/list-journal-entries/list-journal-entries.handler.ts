import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { JournalEntryView, toJournalEntryView } from '../../domain/journal-entry.view';
import { ListJournalEntriesQuery } from './list-journal-entries.query';

@QueryHandler(ListJournalEntriesQuery)
@TenantUseCase(ListJournalEntriesQuery, {
  audit: { action: 'portal.journal-entry.list', resource: 'journal_entry', patient: (q) => q.patientId },
})
export class ListJournalEntriesHandler implements PortalUseCaseHandler<ListJournalEntriesQuery, Page<JournalEntryView> | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, page }: ListJournalEntriesQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<JournalEntryView> | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (!relationship) return null;
    const where = { organizationId: ctx.organizationId, patientId };
    return pagedAuditedList(audit, {
      page,
      count: () => tx.journalEntry.count({ where }),
      rows: (w) => tx.journalEntry.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...w }),
      toItems: (rows) => rows.map(toJournalEntryView),
      scope: ({ rows }) => ({ as: relationship, shared: rows.filter((r) => r.sharedWithClinician).length }),
      sequential: true,
    });
  }
}
