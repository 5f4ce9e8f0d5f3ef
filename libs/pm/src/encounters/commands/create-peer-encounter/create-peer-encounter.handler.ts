import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/http';
import { CreatePeerEncounterCommand, PeerEncounterCreated } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { peerEncounterInputProblems } from '../../domain/encounter.rules';
import { EncountersRepository } from '../../infrastructure/encounters.repository';

/**
 * The `peer` encounter of a finalized CL-19 peer encounter. INSERT ... ON CONFLICT DO NOTHING on (organization,
 * 'peer_encounter', peer encounter, patient): a second send returns the existing encounter. Runs in the caller's
 * transaction, so the encounter commits or rolls back with the finalization.
 */
@CommandHandler(CreatePeerEncounterCommand)
@TenantUseCase(CreatePeerEncounterCommand, {
  audit: {
    action: 'encounter.create_peer',
    resource: 'peer_encounter',
    id: (c) => c.input.peerEncounterId,
    patient: (c) => c.input.patientId,
    actor: 'derived-from-context',
  },
})
export class CreatePeerEncounterHandler implements PmUseCaseHandler<CreatePeerEncounterCommand, PeerEncounterCreated> {
  constructor(private readonly encounters: EncountersRepository) {}

  async execute({ input }: CreatePeerEncounterCommand, { ctx, tx, audit }: PmUseCase): Promise<PeerEncounterCreated> {
    const problems = peerEncounterInputProblems(input);
    if (problems.length > 0) throw new InvalidInputError('The peer encounter cannot be created.', problems);
    const org = ctx.organizationId;
    const insertedId = await this.encounters.insertPeerOnce(tx, {
      organizationId: org,
      peerEncounterId: input.peerEncounterId,
      patientId: input.patientId,
      chartId: input.chartId,
      siteId: input.siteId,
      serviceDate: input.serviceDate,
      renderingProviderId: input.renderingProviderId,
      durationMinutes: input.durationMinutes,
    });
    if (insertedId) {
      audit.scope({ encounterId: insertedId, siteId: input.siteId });
      return { encounterId: insertedId, created: true };
    }
    // A second send changed nothing: its caller's (finalization's) row is the record.
    audit.skip('the encounter exists already');
    const existing = await this.encounters.peerEncounterOf(tx, org, input.peerEncounterId, input.patientId);
    if (!existing) throw new Error(`peer encounter ${input.peerEncounterId} was neither inserted nor found in pm_encounters`);
    return { encounterId: existing, created: false };
  }
}
