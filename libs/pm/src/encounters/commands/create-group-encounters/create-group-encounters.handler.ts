import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/http';
import { idKey } from '@cairn/platform/kernel';
import { CreatedGroupEncounter, CreateGroupEncountersCommand, GroupEncountersCreated } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { groupEncounterInputProblems } from '../../domain/encounter.rules';
import { EncountersRepository } from '../../infrastructure/encounters.repository';

/**
 * One `group` encounter per present or partial attendee of a CL-14 group session, for CL's encounter generation.
 * One multi-row INSERT ... ON CONFLICT DO NOTHING on (organization, 'group_session', session, patient): rows that
 * already exist (a replayed event) are left as they are and their ids returned with created: false. Runs in the
 * caller's transaction (the consumer's), so the encounters commit or roll back with the generations.
 */
@CommandHandler(CreateGroupEncountersCommand)
@TenantUseCase(CreateGroupEncountersCommand, {
  audit: { action: 'encounter.create_group', resource: 'group_session', id: (c) => c.input.groupSessionId, actor: 'derived-from-context' },
})
export class CreateGroupEncountersHandler implements PmUseCaseHandler<CreateGroupEncountersCommand, GroupEncountersCreated> {
  constructor(private readonly encounters: EncountersRepository) {}

  async execute({ input }: CreateGroupEncountersCommand, { ctx, tx, audit }: PmUseCase): Promise<GroupEncountersCreated> {
    const problems = groupEncounterInputProblems(input);
    if (problems.length > 0) throw new InvalidInputError('The group encounters cannot be created.', problems);
    const org = ctx.organizationId;
    const a = input.attendees;
    const inserted = await this.encounters.insertGroupOnce(
      tx,
      {
        organizationId: org,
        groupSessionId: input.groupSessionId,
        siteId: input.siteId,
        serviceDate: input.serviceDate,
        renderingProviderId: input.renderingProviderId,
      },
      a,
    );
    const created = new Map(inserted.map((r) => [r.patient_id, r.id]));
    const missing = a.filter((x) => !created.has(idKey(x.patientId))).map((x) => x.patientId);
    const existing = await this.encounters.groupEncountersOf(tx, org, input.groupSessionId, missing);
    const found = new Map(existing.map((r) => [r.patient_id, r.id]));
    const encounters: CreatedGroupEncounter[] = a.map((x) => {
      const key = idKey(x.patientId);
      const encounterId = created.get(key) ?? found.get(key);
      if (!encounterId) throw new Error(`group encounter for session ${input.groupSessionId} was neither inserted nor found`);
      return { patientId: x.patientId, encounterId, created: created.has(key) };
    });
    // One audit row per session (ids only): the encounters' patients are listed by the generations CL records.
    // A replay that inserted nothing changed nothing and writes none.
    if (inserted.length > 0) audit.scope({ siteId: input.siteId, created: inserted.length, alreadyPresent: a.length - inserted.length });
    else audit.skip('a replay: every encounter exists already');
    return { encounters };
  }
}
