import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { PEER_ENCOUNTER_FINALIZED_V1, type PeerEncounterFinalizedV1 } from '@cairn/platform/clinical';
import { ConflictError, ForbiddenError, isoDate, RuleViolationError } from '@cairn/platform/http';
import { serviceHasEnded } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { CreatePeerEncounterCommand } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, peerPart2Scope, toPeerEncounterView } from '../../domain/peer-encounter.view';
import { lockPeerEncounter, priceablePeerCode } from '../../infrastructure/peer-encounter.repository';
import { FinalizePeerEncounterCommand } from './finalize-peer-encounter.command';

@CommandHandler(FinalizePeerEncounterCommand)
@TenantUseCase(FinalizePeerEncounterCommand, { audit: { action: 'peer-encounter.finalize', resource: 'peer_encounter', id: (c) => c.id } })
export class FinalizePeerEncounterHandler implements ClUseCaseHandler<FinalizePeerEncounterCommand, PeerEncounterView | null> {
  constructor(
    private readonly outbox: OutboxPublisher,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ id }: FinalizePeerEncounterCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerEncounterView | null> {
    const org = ctx.organizationId;
    const where = { organizationId_id: { organizationId: org, id } };
    // The guard against double finalizing: the row lock. Of two concurrent finalizes the second waits for the
    // first to commit, then reads 'finalized' and answers 409: one PM encounter, one event.
    const locked = await lockPeerEncounter(tx, org, id);
    if (!locked) return null;
    if (locked.peer_provider_id !== ctx.userId)
      throw audit.refuse('not_peer_provider', new ForbiddenError('Only the peer provider finalizes a peer encounter.'));
    if (locked.status !== 'draft') throw audit.refuse('already_finalized', new ConflictError('The peer encounter is already finalized.'));
    const e = await tx.peerEncounter.findUniqueOrThrow({ where });
    const serviceDate = isoDate(e.serviceDate);
    // No billing before the service: finalized once it has ended (date and end time past in the site's time zone),
    // the rule group sessions follow too (serviceHasEnded).
    const site = await tx.site.findUnique({
      where: { organizationId_id: { organizationId: org, id: e.siteId } },
      select: { timezone: true },
    });
    if (!serviceHasEnded(serviceDate, e.endTime, site?.timezone ?? 'UTC')) {
      throw audit.refuse(
        'future_service_date',
        new RuleViolationError('A peer encounter is finalized once it has happened.', [
          { field: 'serviceDate', message: 'the service has not ended yet (serviceDate and endTime are not past in the site time zone)' },
        ]),
      );
    }
    // The code is checked again on the service date (the library may have changed since the draft was saved).
    const { unitBasis, units } = await priceablePeerCode(this.queries, e.hcpcsCode, serviceDate, e.siteId, e.durationMinutes);
    const pm = await this.commands.execute(
      new CreatePeerEncounterCommand({
        peerEncounterId: id,
        patientId: e.patientId,
        chartId: e.chartId,
        siteId: e.siteId,
        serviceDate,
        renderingProviderId: e.peerProviderId,
        durationMinutes: e.durationMinutes,
      }),
    );
    const finalizedAt = new Date();
    await tx.peerEncounter.update({
      where,
      data: { status: 'finalized', finalizedAt, finalizedBy: ctx.userId, encounterId: pm.encounterId, unitBasis, units },
    });
    const payload: PeerEncounterFinalizedV1 = {
      organization_id: org,
      peer_encounter_id: id,
      chart_id: e.chartId,
      encounter_id: pm.encounterId,
      peer_provider_id: e.peerProviderId,
      service_date: serviceDate,
      hcpcs_code: e.hcpcsCode,
      duration_minutes: e.durationMinutes,
    };
    const event = await this.outbox.publish(PEER_ENCOUNTER_FINALIZED_V1, org, payload);
    const row = await tx.peerEncounter.findUniqueOrThrow({ where, include: PEER_ENCOUNTER_INCLUDE });
    audit
      .set({ patientId: e.patientId })
      .scope({ eventId: event.id, encounterId: pm.encounterId, hcpcsCode: e.hcpcsCode, units, ...peerPart2Scope(row) });
    return toPeerEncounterView(row);
  }
}
