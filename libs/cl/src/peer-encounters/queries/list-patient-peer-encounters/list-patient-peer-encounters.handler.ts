import { QueryHandler } from '@nestjs/cqrs';

import { Page } from '@cairn/platform/http';
import { pagedAuditedList, TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, toPeerEncounterView } from '../../domain/peer-encounter.view';
import { ListPatientPeerEncountersQuery } from './list-patient-peer-encounters.query';

@QueryHandler(ListPatientPeerEncountersQuery)
@TenantUseCase(ListPatientPeerEncountersQuery, {
  audit: { action: 'peer-encounter.list', resource: 'patient', id: (q) => q.filter.patientId, patient: (q) => q.filter.patientId },
})
export class ListPatientPeerEncountersHandler implements ClUseCaseHandler<ListPatientPeerEncountersQuery, Page<PeerEncounterView> | null> {
  async execute({ filter }: ListPatientPeerEncountersQuery, { ctx, tx, audit }: ClUseCase): Promise<Page<PeerEncounterView> | null> {
    const org = ctx.organizationId;
    const patient = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: org, id: filter.patientId } },
      select: { chart: { select: { isPart2: true } } },
    });
    if (!patient) return null;
    // Row-level security drops encounters outside the caller's sites and, on a Part 2 chart, every one when no
    // consent covers peer encounters for the caller: the list is then empty.
    const where = {
      organizationId: org,
      patientId: filter.patientId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.from || filter.to
        ? {
            serviceDate: {
              ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
              ...(filter.to ? { lte: new Date(`${filter.to}T00:00:00Z`) } : {}),
            },
          }
        : {}),
    };
    const part2 = patient.chart?.isPart2 === true;
    return pagedAuditedList(audit, {
      page: filter,
      sequential: true,
      count: () => tx.peerEncounter.count({ where }),
      rows: ({ skip, take }) =>
        tx.peerEncounter.findMany({
          where,
          include: PEER_ENCOUNTER_INCLUDE,
          orderBy: [{ serviceDate: 'desc' }, { startTime: 'desc' }, { id: 'asc' }],
          skip,
          take,
        }),
      toItems: (rows) => rows.map(toPeerEncounterView),
      scope: ({ rows }) => ({
        peerEncounterIds: rows.map((r) => r.id),
        ...(part2 ? { part2: true, part2NoticeApplies: rows.length > 0 } : {}),
      }),
    });
  }
}
