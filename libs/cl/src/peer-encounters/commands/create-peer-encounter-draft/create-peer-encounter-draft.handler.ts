import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ForbiddenError, InvalidInputError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { sudConsentAllowsCurrentUser } from '../../../consents/infrastructure/part2-consent.repository';
import { assertNoUnconfirmedOverlap, peerDuration } from '../../domain/peer-encounter.rules';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, peerPart2Scope, toPeerEncounterView } from '../../domain/peer-encounter.view';
import {
  assertPeerProvider,
  overlappingPeerEncounters,
  priceablePeerCode,
  serviceTypeInForce,
} from '../../infrastructure/peer-encounter.repository';
import { CreatePeerEncounterDraftCommand } from './create-peer-encounter-draft.command';

@CommandHandler(CreatePeerEncounterDraftCommand)
@TenantUseCase(CreatePeerEncounterDraftCommand, {
  // The patient is named on success and on the Part 2 refusal; a patient not in scope is not (not_found).
  audit: { action: 'peer-encounter.create', resource: 'peer_encounter', patient: (c) => c.input.patientId },
})
export class CreatePeerEncounterDraftHandler implements ClUseCaseHandler<CreatePeerEncounterDraftCommand, PeerEncounterView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ input }: CreatePeerEncounterDraftCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerEncounterView | null> {
    const org = ctx.organizationId;
    const minutes = peerDuration(input.startTime, input.endTime, input.durationMinutes);
    // Row-level security limits this to patients in the caller's scope (care team or site-wide).
    const patient = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: org, id: input.patientId } },
      select: { siteId: true, chart: { select: { id: true } } },
    });
    if (!patient || !patient.chart) {
      audit.scope({ patientIdGiven: true });
      return null;
    }
    const siteId = input.siteId ?? patient.siteId;
    if (
      input.siteId &&
      input.siteId !== patient.siteId &&
      !(await tx.site.findUnique({ where: { organizationId_id: { organizationId: org, id: input.siteId } }, select: { id: true } }))
    ) {
      throw new InvalidInputError("The site is not one of your organization's.", [
        { field: 'siteId', message: 'siteId is not a site of the organization' },
      ]);
    }
    if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(siteId))
      throw new ForbiddenError('You do not document peer encounters at this site.');
    const chartId = patient.chart.id;
    // A peer encounter of a Part 2 chart is a Part 2 record: only a user a consent covers may write (and read) it.
    const consented = await sudConsentAllowsCurrentUser(tx, chartId, 'peer_encounter');
    if (!consented) {
      throw audit.refuse(
        'part2: no consent covers peer encounters of this chart for you',
        new ForbiddenError('This is a 42 CFR Part 2 record and no consent on file covers peer encounters for you.'),
        'denied',
        { part2: true },
      );
    }
    const peerProviderId = input.peerProviderId ?? ctx.userId;
    await assertPeerProvider(tx, org, siteId, peerProviderId);
    const serviceTypeSource = await serviceTypeInForce(tx, org, input.serviceType);
    const { unitBasis, units } = await priceablePeerCode(this.queries, input.hcpcsCode, input.serviceDate, siteId, minutes);
    const overlaps = await overlappingPeerEncounters(tx, org, input.patientId, input.serviceDate, input.startTime, input.endTime);
    assertNoUnconfirmedOverlap(overlaps, input.confirmOverlap === true);
    const id = randomUUID();
    await tx.peerEncounter.create({
      data: {
        organizationId: org,
        id,
        siteId,
        patientId: input.patientId,
        chartId,
        peerProviderId,
        serviceDate: new Date(`${input.serviceDate}T00:00:00Z`),
        startTime: input.startTime,
        endTime: input.endTime,
        durationMinutes: minutes,
        serviceType: input.serviceType,
        serviceTypeSource,
        hcpcsCode: input.hcpcsCode,
        unitBasis,
        units,
        focusNotes: input.focusNotes ?? '',
        createdBy: ctx.userId,
      },
    });
    const row = await tx.peerEncounter.findUniqueOrThrow({
      where: { organizationId_id: { organizationId: org, id } },
      include: PEER_ENCOUNTER_INCLUDE,
    });
    audit.set({ resourceId: id }).scope({
      siteId,
      peerProviderId,
      hcpcsCode: input.hcpcsCode,
      units,
      ...(overlaps.length > 0 ? { overlapConfirmedWith: overlaps.map((o) => o.id) } : {}),
      ...peerPart2Scope(row),
    });
    return toPeerEncounterView(row);
  }
}
