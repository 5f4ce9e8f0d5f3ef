import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { idKey } from '@cairn/platform/kernel';
import { IntegrationEvent, OutboxPublisher } from '@cairn/platform/messaging';
import { PM_CHARGE_CREATED_V1 } from '@cairn/platform/scheduling';

import { EncountersRepository } from '../../encounters/infrastructure/encounters.repository';
import type { PmTx } from '../../pm.tx';
import { chargeCreatedPayload } from '../domain/charge-created-event.mapper';
import { decideCharge, storedMinutes } from '../domain/charge.rules';
import { ChargesRepository } from '../infrastructure/charges.repository';
import { profilesBySite } from '../infrastructure/jurisdiction-profiles.gateway';

/**
 * PM-07 charge capture for `peer_encounter_finalized.v1` (CL-19): one charge per peer encounter, idempotent on the
 * peer encounter id. With an encounter_id, the patient, site, date and provider come from PM's encounter; without
 * one, PM looks up and creates nothing: the charge carries the payload's facts (chart, provider, date) and the
 * organization's jurisdiction, with no site or patient (the event names the chart only).
 */
@Injectable()
export class CreateChargeWhenPeerEncounterFinalizedHandler {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly encounters: EncountersRepository,
    private readonly audit: AuditService,
    private readonly queries: QueryBus,
    private readonly outbox: OutboxPublisher,
  ) {}

  async handle(event: IntegrationEvent<'peer_encounter_finalized.v1'>, tx: PmTx): Promise<void> {
    const org = event.organizationId;
    const p = event.payload;
    let encounter = null;
    if (p.encounter_id) {
      encounter = (await this.encounters.factsByIds(tx, org, [p.encounter_id])).get(idKey(p.encounter_id)) ?? null;
      if (!encounter) throw new Error(`peer encounter ${p.peer_encounter_id} references unknown encounter ${p.encounter_id}`);
    }
    const serviceDate = encounter?.serviceDate ?? p.service_date;
    const siteId = encounter?.siteId ?? null;
    const entries = await this.charges.feeEntries(tx, org, [p.hcpcs_code], serviceDate, serviceDate);
    const profile = (await profilesBySite(this.queries, [siteId])).get(siteId)!;
    const decision = decideCharge(
      { code: p.hcpcs_code, modifiers: [], durationMinutes: p.duration_minutes, serviceDate },
      entries,
      profile,
    );
    const created = await this.charges.insert(tx, org, [
      {
        ...decision,
        sourceType: 'peer_encounter',
        sourceId: p.peer_encounter_id,
        encounterId: encounter?.id ?? null,
        patientId: encounter?.patientId ?? null,
        chartId: encounter?.chartId ?? p.chart_id,
        siteId,
        serviceDate,
        renderingProviderId: encounter?.renderingProviderId ?? p.peer_provider_id,
        groupSessionId: null,
        durationMinutes: storedMinutes(p.duration_minutes),
        proposedCode: p.hcpcs_code,
        proposedModifiers: [],
        jurisdictionProfileKey: profile.key,
      },
    ]);
    // Real-time charge metrics (issue 16): in this transaction, only for charges this delivery created.
    if (created.length > 0) await this.outbox.publish(PM_CHARGE_CREATED_V1, org, chargeCreatedPayload(org, 'peer_encounter', created));
    await this.audit.record({
      action: 'charge.create',
      resourceType: 'peer_encounter',
      resourceId: p.peer_encounter_id,
      patientId: encounter?.patientId ?? null,
      outcome: 'success',
      actorType: 'system',
      scope: {
        eventId: event.id,
        sourceType: 'peer_encounter',
        chargeIds: created.map((c) => c.id),
        onHold: created.filter((c) => c.status === 'on_hold').length,
        alreadyCharged: 1 - created.length,
      },
    });
  }
}
