import { QueryHandler } from '@nestjs/cqrs';

import type { Prisma } from '@cairn/platform/db';
import { calendarDay, ForbiddenError, isoDate } from '@cairn/platform/kernel';
import { assertSignalRecordRequest, ListPeerEncounterSignalRecordsQuery, SignalRecordPage } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { drillSites, filterNames, pageOfRows } from '../../domain/drill-through.rules';

const COLUMNS = [
  { key: 'serviceDate', label: 'Service date' },
  { key: 'startTime', label: 'Start' },
  { key: 'endTime', label: 'End' },
  { key: 'serviceType', label: 'Service type' },
  { key: 'peerProviderId', label: 'Peer specialist' },
  { key: 'siteId', label: 'Site' },
  { key: 'patientId', label: 'Patient' },
];

/**
 * The encounters behind peer-encounters.draft: drafts now, with a service date within [from, to], with CL's peer
 * encounter rules: cl.peer-encounters.view, row-level security on the caller's sites, patient scope and Part 2
 * consent (an encounter the policy hides is not listed, as its read answers 404). No focus notes. Audited like a
 * peer encounter read, naming every encounter and patient listed. The link opens the patient's chart. Read-only.
 */
@QueryHandler(ListPeerEncounterSignalRecordsQuery)
@TenantUseCase(ListPeerEncounterSignalRecordsQuery, { audit: { action: 'peer-encounter.list', resource: 'peer_encounter' } })
export class ListPeerEncounterSignalRecordsHandler implements ClUseCaseHandler<ListPeerEncounterSignalRecordsQuery, SignalRecordPage> {
  async execute(query: ListPeerEncounterSignalRecordsQuery, { ctx, tx, audit, principal }: ClUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    if (query.drillKey !== 'peer-encounters.draft') throw new ForbiddenError('Not a peer encounter drill-through.');
    const sites = drillSites(principal, ctx.organizationId, 'cl.peer-encounters.view', audit);
    const f = query.filters;
    const and: Prisma.PeerEncounterWhereInput[] = [
      { organizationId: ctx.organizationId, status: 'draft', serviceDate: { gte: calendarDay(f.from), lte: calendarDay(f.to) } },
    ];
    if (sites !== 'all') and.push({ siteId: { in: sites } });
    if (f.siteId) and.push({ siteId: f.siteId });
    if (f.providerId) and.push({ peerProviderId: f.providerId });
    const where = { AND: and };
    const { page, pageSize } = query.page;
    const [total, rows] = await Promise.all([
      tx.peerEncounter.count({ where }),
      tx.peerEncounter.findMany({ where, orderBy: [{ serviceDate: 'asc' }, { id: 'asc' }], skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    audit.scope({
      drillKey: query.drillKey,
      filters: filterNames(f),
      total,
      page,
      pageSize,
      resultPeerEncounterIds: rows.map((r) => r.id),
      resultPatientIds: [...new Set(rows.map((r) => r.patientId))],
      ...(rows.length > 0 ? { part2: true } : {}),
    });
    return pageOfRows(
      COLUMNS,
      rows.map((r) => ({
        id: r.id,
        cells: {
          serviceDate: isoDate(r.serviceDate),
          startTime: r.startTime,
          endTime: r.endTime,
          serviceType: r.serviceType,
          peerProviderId: r.peerProviderId,
          siteId: r.siteId,
          patientId: r.patientId,
        },
        withheld: null,
        link: `/patients/${r.patientId}`,
      })),
      total,
      query.page,
    );
  }
}
