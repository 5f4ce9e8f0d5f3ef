import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '@cairn/platform/http';
import { CreatePeerEncounterCommand, PeerEncounterCreated } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';
import { peerEncounterInputProblems } from '../../encounter-rules';
import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';

/**
 * The `peer` encounter of a finalized CL-19 peer encounter. INSERT ... ON CONFLICT DO NOTHING on (organization,
 * 'peer_encounter', peer encounter, patient): a second send returns the existing encounter. Runs in the caller's
 * transaction, so the encounter commits or rolls back with the finalization.
 */
@CommandHandler(CreatePeerEncounterCommand)
@TenantUseCase(CreatePeerEncounterCommand, {
  audit: {
    action: 'encounter.create_peer', resource: 'peer_encounter', id: (c) => c.input.peerEncounterId, patient: (c) => c.input.patientId,
    actor: 'derived-from-context',
  },
})
export class CreatePeerEncounterHandler implements PmUseCaseHandler<CreatePeerEncounterCommand, PeerEncounterCreated> {
  async execute({ input }: CreatePeerEncounterCommand, { ctx, tx, audit }: PmUseCase): Promise<PeerEncounterCreated> {
    const problems = peerEncounterInputProblems(input);
    if (problems.length > 0) throw new InvalidInputError('The peer encounter cannot be created.', problems);
    const org = ctx.organizationId;
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date,
                                 rendering_provider_id, duration_minutes, attendance_status, source_type, source_id)
      VALUES (${org}::uuid, ${randomUUID()}::uuid, ${input.patientId}::uuid, ${input.chartId}::uuid, ${input.siteId}::uuid, 'peer',
              ${input.serviceDate}::date, ${input.renderingProviderId}::uuid, ${input.durationMinutes}, NULL, 'peer_encounter', ${input.peerEncounterId}::uuid)
      ON CONFLICT (organization_id, source_type, source_id, patient_id) DO NOTHING
      RETURNING id`;
    if (inserted[0]) {
      audit.scope({ encounterId: inserted[0].id, siteId: input.siteId });
      return { encounterId: inserted[0].id, created: true };
    }
    // A second send changed nothing: its caller's (finalization's) row is the record.
    audit.skip('the encounter exists already');
    const existing = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM pm_encounters WHERE organization_id = ${org}::uuid AND source_type = 'peer_encounter'
        AND source_id = ${input.peerEncounterId}::uuid AND patient_id = ${input.patientId}::uuid`;
    if (!existing[0]) throw new Error(`peer encounter ${input.peerEncounterId} was neither inserted nor found in pm_encounters`);
    return { encounterId: existing[0].id, created: false };
  }
}
