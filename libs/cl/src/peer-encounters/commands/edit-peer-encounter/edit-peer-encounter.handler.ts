import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ForbiddenError, isoDate } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertNoUnconfirmedOverlap, assertPeerDraft, peerDuration } from '../../domain/peer-encounter.rules';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, peerPart2Scope, toPeerEncounterView } from '../../domain/peer-encounter.view';
import {
  lockPeerEncounter,
  overlappingPeerEncounters,
  priceablePeerCode,
  serviceTypeInForce,
} from '../../infrastructure/peer-encounter.repository';
import { EditPeerEncounterCommand } from './edit-peer-encounter.command';

@CommandHandler(EditPeerEncounterCommand)
@TenantUseCase(EditPeerEncounterCommand, { audit: { action: 'peer-encounter.update', resource: 'peer_encounter', id: (c) => c.id } })
export class EditPeerEncounterHandler implements ClUseCaseHandler<EditPeerEncounterCommand, PeerEncounterView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ id, input, confirmOverlap }: EditPeerEncounterCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerEncounterView | null> {
    const org = ctx.organizationId;
    const where = { organizationId_id: { organizationId: org, id } };
    // The row lock orders this edit against a concurrent finalize of the same encounter.
    const locked = await lockPeerEncounter(tx, org, id);
    if (!locked) return null;
    // Not the peer provider, or not a draft: refused without an audit row, as before.
    if (locked.peer_provider_id !== ctx.userId) throw new ForbiddenError('Only the peer provider edits a peer encounter.');
    assertPeerDraft(locked);
    const before = await tx.peerEncounter.findUniqueOrThrow({ where });
    const startTime = input.startTime ?? before.startTime;
    const endTime = input.endTime ?? before.endTime;
    const serviceDate = input.serviceDate ?? isoDate(before.serviceDate);
    const hcpcsCode = input.hcpcsCode ?? before.hcpcsCode;
    const minutes = peerDuration(startTime, endTime, input.durationMinutes);
    const serviceTypeSource =
      input.serviceType !== undefined && input.serviceType !== before.serviceType
        ? await serviceTypeInForce(tx, org, input.serviceType)
        : before.serviceTypeSource;
    const { unitBasis, units } = await priceablePeerCode(this.queries, hcpcsCode, serviceDate, before.siteId, minutes);
    // Only a change of day or times is checked: an encounter saved over a confirmed overlap keeps its notes editable.
    const moved = serviceDate !== isoDate(before.serviceDate) || startTime !== before.startTime || endTime !== before.endTime;
    const overlaps = moved ? await overlappingPeerEncounters(tx, org, before.patientId, serviceDate, startTime, endTime, id) : [];
    assertNoUnconfirmedOverlap(overlaps, confirmOverlap);
    await tx.peerEncounter.update({
      where,
      data: {
        serviceDate: new Date(`${serviceDate}T00:00:00Z`),
        startTime,
        endTime,
        durationMinutes: minutes,
        serviceType: input.serviceType ?? before.serviceType,
        serviceTypeSource,
        hcpcsCode,
        unitBasis,
        units,
        ...(input.focusNotes !== undefined ? { focusNotes: input.focusNotes } : {}),
      },
    });
    const row = await tx.peerEncounter.findUniqueOrThrow({ where, include: PEER_ENCOUNTER_INCLUDE });
    audit.set({ patientId: row.patientId }).scope({
      fields: Object.keys(input)
        .filter((k) => input[k as keyof typeof input] !== undefined)
        .sort(),
      ...(overlaps.length > 0 ? { overlapConfirmedWith: overlaps.map((o) => o.id) } : {}),
      ...peerPart2Scope(row),
    });
    return toPeerEncounterView(row);
  }
}
