import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupEncounterGenerationView, part2AuditScope, toGenerationView } from '../../domain/group-encounter-generation.view';
import { generationsByIds } from '../../infrastructure/group-encounter-generation.repository';
import { GetGroupEncounterGenerationQuery } from './get-group-encounter-generation.query';

/**
 * One generation, as the review queue shows it: row-level security keeps it to the caller's organization and
 * permitted sites (anything else is not found, audited as such); a Part 2 row the caller has no consent for is
 * withheld (its id and why, nothing else), a disclosed one carries the §2.32 notice. Audited either way, with the
 * patient only when disclosed.
 */
@QueryHandler(GetGroupEncounterGenerationQuery)
@TenantUseCase(GetGroupEncounterGenerationQuery, {
  audit: { action: 'group-encounter-generation.read', resource: 'group_encounter_generation', id: (m) => m.generationId },
})
export class GetGroupEncounterGenerationHandler implements ClUseCaseHandler<
  GetGroupEncounterGenerationQuery,
  GroupEncounterGenerationView | null
> {
  async execute(
    { generationId }: GetGroupEncounterGenerationQuery,
    { ctx, tx, audit }: ClUseCase,
  ): Promise<GroupEncounterGenerationView | null> {
    const [row] = await generationsByIds(tx, ctx.organizationId, [generationId]);
    if (!row) return null;
    if (row.consented) audit.set({ patientId: row.patient_id });
    audit.scope({ sessionId: row.consented ? row.group_session_id : null, ...part2AuditScope([row]) });
    return toGenerationView(row);
  }
}
