import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, peerPart2Scope, toPeerEncounterView } from '../../domain/peer-encounter.view';
import { GetPeerEncounterQuery } from './get-peer-encounter.query';

@QueryHandler(GetPeerEncounterQuery)
@TenantUseCase(GetPeerEncounterQuery, { audit: { action: 'peer-encounter.read', resource: 'peer_encounter', id: (q) => q.id } })
export class GetPeerEncounterHandler implements ClUseCaseHandler<GetPeerEncounterQuery, PeerEncounterView | null> {
  async execute({ id }: GetPeerEncounterQuery, { ctx, tx, audit }: ClUseCase): Promise<PeerEncounterView | null> {
    // Row-level security: organization, site, patient scope and the Part 2 consent check, in one statement.
    const e = await tx.peerEncounter.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id } },
      include: PEER_ENCOUNTER_INCLUDE,
    });
    if (!e) return null;
    audit.set({ patientId: e.patientId });
    const part2 = peerPart2Scope(e);
    if (part2.part2) audit.scope(part2);
    return toPeerEncounterView(e);
  }
}
