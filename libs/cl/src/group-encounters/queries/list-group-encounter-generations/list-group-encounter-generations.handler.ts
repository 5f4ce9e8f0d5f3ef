import { QueryHandler } from '@nestjs/cqrs';

import { Page, pageOf, pageWindow } from '@cairn/platform/http';
import { setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupEncounterGenerationView, part2AuditScope, toGenerationView } from '../../domain/group-encounter-generation.view';
import { listGenerations } from '../../infrastructure/group-encounter-generation.repository';
import { ListGroupEncounterGenerationsQuery } from './list-group-encounter-generations.query';

/**
 * One page of the review queue (row-level security keeps it to the caller's organization and permitted sites).
 * Part 2 rows the reviewer has no consent for stay in the list with their identifiers hidden and
 * `consentRequired`; the consent decision is part of the page's one query. Audited with the ids listed and,
 * for Part 2 rows, which were disclosed (§2.32 notice) and which withheld.
 */
@QueryHandler(ListGroupEncounterGenerationsQuery)
@TenantUseCase(ListGroupEncounterGenerationsQuery, {
  audit: { action: 'group-encounter-generation.list', resource: 'group_encounter_generation' },
})
export class ListGroupEncounterGenerationsHandler implements ClUseCaseHandler<
  ListGroupEncounterGenerationsQuery,
  Page<GroupEncounterGenerationView>
> {
  async execute(
    { filter, page, sort }: ListGroupEncounterGenerationsQuery,
    { ctx, tx, audit }: ClUseCase,
  ): Promise<Page<GroupEncounterGenerationView>> {
    const { skip, take } = pageWindow(page);
    // The repository reads the page and its count together (listGenerations), hence no pagedAuditedList.
    const { rows, total } = await listGenerations(tx, ctx.organizationId, filter, skip, take, sort);
    audit.scope({
      filters: setFilterNames(filter),
      sort: sort ?? null,
      total,
      generationIds: rows.map((r) => r.id),
      ...part2AuditScope(rows),
    });
    return pageOf(rows.map(toGenerationView), total, page);
  }
}
