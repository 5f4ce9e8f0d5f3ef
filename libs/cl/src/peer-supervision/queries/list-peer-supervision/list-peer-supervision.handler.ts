import { QueryHandler } from '@nestjs/cqrs';

import { assertDateRange, dateRange, Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PeerSupervisionSummaryView, toPeerSupervisionSummary } from '../../domain/peer-supervision.view';
import { ListPeerSupervisionQuery } from './list-peer-supervision.query';

@QueryHandler(ListPeerSupervisionQuery)
@TenantUseCase(ListPeerSupervisionQuery, { audit: { action: 'peer-supervision.list', resource: 'peer_supervision' } })
export class ListPeerSupervisionHandler implements ClUseCaseHandler<ListPeerSupervisionQuery, Page<PeerSupervisionSummaryView>> {
  execute({ filter }: ListPeerSupervisionQuery, { ctx, tx, audit }: ClUseCase): Promise<Page<PeerSupervisionSummaryView>> {
    assertDateRange(filter.from, filter.to);
    // Row-level security keeps a peer to their own supervision; the (organization, peer | supervisor, date) indexes serve it.
    const where = {
      organizationId: ctx.organizationId,
      ...(filter.peerProviderId ? { peerProviderId: filter.peerProviderId } : {}),
      ...(filter.supervisorId ? { supervisorId: filter.supervisorId } : {}),
      ...(filter.modality ? { modality: filter.modality } : {}),
      ...(filter.from || filter.to ? { supervisionDate: dateRange(filter.from, filter.to) } : {}),
    };
    return pagedAuditedList(audit, {
      page: filter,
      // Every key of the filter that holds a value (page and pageSize included), as before.
      filters: setFilterNames(filter),
      sequential: true,
      count: () => tx.peerSupervision.count({ where }),
      rows: ({ skip, take }) =>
        tx.peerSupervision.findMany({ where, orderBy: [{ supervisionDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map(toPeerSupervisionSummary),
      scope: ({ rows }) => ({ resultCount: rows.length, ids: rows.map((r) => r.id) }),
    });
  }
}
