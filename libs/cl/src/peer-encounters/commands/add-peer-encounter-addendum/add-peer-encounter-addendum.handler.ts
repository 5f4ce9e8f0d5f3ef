import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertPeerAmendable } from '../../domain/peer-encounter.rules';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, peerPart2Scope, toPeerEncounterView } from '../../domain/peer-encounter.view';
import { AddPeerEncounterAddendumCommand } from './add-peer-encounter-addendum.command';

@CommandHandler(AddPeerEncounterAddendumCommand)
@TenantUseCase(AddPeerEncounterAddendumCommand, {
  audit: { action: 'peer-encounter.addendum', resource: 'peer_encounter', id: (c) => c.id },
})
export class AddPeerEncounterAddendumHandler implements ClUseCaseHandler<AddPeerEncounterAddendumCommand, PeerEncounterView | null> {
  async execute({ id, body }: AddPeerEncounterAddendumCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerEncounterView | null> {
    const org = ctx.organizationId;
    const where = { organizationId_id: { organizationId: org, id } };
    const e = await tx.peerEncounter.findUnique({ where, include: PEER_ENCOUNTER_INCLUDE });
    if (!e) return null;
    assertPeerAmendable(e);
    const addendumId = randomUUID();
    await tx.peerEncounterAddendum.create({
      data: { organizationId: org, id: addendumId, peerEncounterId: id, authorId: ctx.userId, body },
    });
    audit.set({ patientId: e.patientId }).scope({ addendumId, ...peerPart2Scope(e) });
    return toPeerEncounterView(await tx.peerEncounter.findUniqueOrThrow({ where, include: PEER_ENCOUNTER_INCLUDE }));
  }
}
