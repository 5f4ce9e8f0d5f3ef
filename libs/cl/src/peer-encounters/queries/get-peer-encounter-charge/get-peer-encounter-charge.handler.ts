import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { GetChargeOfSourceQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PeerEncounterChargeView, toPeerEncounterChargeView } from '../../domain/peer-encounter-charge.view';
import { GetPeerEncounterChargeQuery } from './get-peer-encounter-charge.query';

/**
 * The charge status of a peer encounter the caller may read. The encounter is read first under row-level security
 * (organization, site, patient scope and the Part 2 consent for peer encounters): an encounter the caller may not
 * read answers null (404) and PM is never asked. Then PM answers through the platform contract, in this transaction.
 */
@QueryHandler(GetPeerEncounterChargeQuery)
@TenantUseCase(GetPeerEncounterChargeQuery, {
  audit: { action: 'peer-encounter.charge_read', resource: 'peer_encounter', id: (q) => q.id },
})
export class GetPeerEncounterChargeHandler implements ClUseCaseHandler<GetPeerEncounterChargeQuery, PeerEncounterChargeView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ id }: GetPeerEncounterChargeQuery, { ctx, tx, audit }: ClUseCase): Promise<PeerEncounterChargeView | null> {
    const e = await tx.peerEncounter.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id } },
      select: { status: true, patientId: true, patient: { select: { chart: { select: { isPart2: true } } } } },
    });
    if (!e) return null;
    audit.set({ patientId: e.patientId });
    // A Part 2 chart's encounter is read only with a consent (RLS above); the row says the notice applied.
    if (e.patient.chart?.isPart2 === true) audit.scope({ part2: true, part2NoticeApplies: true });
    const status = e.status as 'draft' | 'finalized';
    const charge = status === 'finalized' ? await this.queries.execute(new GetChargeOfSourceQuery('peer_encounter', id)) : null;
    return toPeerEncounterChargeView(id, status, charge);
  }
}
