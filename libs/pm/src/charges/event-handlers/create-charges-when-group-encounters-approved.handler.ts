import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { idKey } from '@cairn/platform/kernel';
import { IntegrationEvent, OutboxPublisher } from '@cairn/platform/messaging';
import { PM_CHARGE_CREATED_V1 } from '@cairn/platform/scheduling';

import { EncountersRepository } from '../../encounters/infrastructure/encounters.repository';
import type { PmTx } from '../../pm.tx';
import { chargeCreatedPayload } from '../domain/charge-created-event.mapper';
import { decideCharge, normalizeModifiers, storedMinutes } from '../domain/charge.rules';
import { ChargesRepository, NewCharge } from '../infrastructure/charges.repository';
import { profilesBySite } from '../infrastructure/jurisdiction-profiles.gateway';

/**
 * PM-07 charge capture for `cl_group_encounters_approved.v1`: one charge per approved generation, idempotent on
 * the generation id. The service date, site and rendering provider come from PM's own encounter (the payload's
 * encounter_id); the fee schedule decides the final code, modifiers and units. Four statements per event,
 * whatever its size: encounters, fee entries, one multi-row insert, one audit row (plus the profile per site).
 */
@Injectable()
export class CreateChargesWhenGroupEncountersApprovedHandler {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly encounters: EncountersRepository,
    private readonly audit: AuditService,
    private readonly queries: QueryBus,
    private readonly outbox: OutboxPublisher,
  ) {}

  async handle(event: IntegrationEvent<'cl_group_encounters_approved.v1'>, tx: PmTx): Promise<void> {
    const org = event.organizationId;
    const generations = event.payload.approved_generations ?? [];
    if (generations.length === 0) return;
    const encounters = await this.encounters.factsByIds(
      tx,
      org,
      generations.map((g) => g.encounter_id),
    );
    const missing = generations.filter((g) => !encounters.has(idKey(g.encounter_id)));
    if (missing.length > 0) {
      // The encounter is created before the generation it belongs to: a missing one is a fault to look into, not a
      // charge to guess. Throwing retries the event and then leaves it in the failed set (ids only in the message).
      throw new Error(
        `approved generations reference unknown encounters: ${missing.map((g) => `${g.generation_id}->${g.encounter_id}`).join(', ')}`,
      );
    }
    const facts = generations.map((g) => ({ g, e: encounters.get(idKey(g.encounter_id))! }));
    const dates = facts.map((f) => f.e.serviceDate).sort();
    const entries = await this.charges.feeEntries(
      tx,
      org,
      generations.map((g) => g.proposed_cpt_code),
      dates[0]!,
      dates[dates.length - 1]!,
    );
    const profiles = await profilesBySite(
      this.queries,
      facts.map((f) => f.e.siteId),
    );
    const rows: NewCharge[] = facts.map(({ g, e }) => {
      const profile = profiles.get(e.siteId)!;
      const decision = decideCharge(
        { code: g.proposed_cpt_code, modifiers: g.modifiers ?? [], durationMinutes: g.duration_minutes, serviceDate: e.serviceDate },
        entries,
        profile,
      );
      return {
        ...decision,
        sourceType: 'group_encounter_generation',
        sourceId: g.generation_id,
        encounterId: e.id,
        patientId: e.patientId,
        chartId: e.chartId,
        siteId: e.siteId,
        serviceDate: e.serviceDate,
        renderingProviderId: e.renderingProviderId,
        groupSessionId: event.payload.session_id,
        durationMinutes: storedMinutes(g.duration_minutes),
        proposedCode: g.proposed_cpt_code,
        proposedModifiers: normalizeModifiers(g.modifiers ?? []),
        jurisdictionProfileKey: profile.key,
      };
    });
    const created = await this.charges.insert(tx, org, rows);
    // Real-time charge metrics (issue 16): in this transaction, only for charges this delivery created.
    if (created.length > 0)
      await this.outbox.publish(PM_CHARGE_CREATED_V1, org, chargeCreatedPayload(org, 'group_encounter_generation', created));
    // One audit row per event (ids only), cheap at pipeline rates; generations already charged are counted.
    await this.audit.record({
      action: 'charge.create',
      resourceType: 'group_session',
      resourceId: event.payload.session_id,
      outcome: 'success',
      actorType: 'system',
      scope: {
        eventId: event.id,
        sourceType: 'group_encounter_generation',
        chargeIds: created.map((c) => c.id),
        onHold: created.filter((c) => c.status === 'on_hold').length,
        alreadyCharged: rows.length - created.length,
        patientIds: [...new Set(rows.map((r) => r.patientId))],
      },
    });
  }
}
