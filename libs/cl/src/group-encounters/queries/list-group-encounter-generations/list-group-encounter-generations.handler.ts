import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { Page, pageOf, pageWindow } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { listGenerations } from '../../group-encounter-generation.repository';
import { GroupEncounterGenerationView, part2AuditScope, toGenerationView } from '../../group-encounter-generation.view';
import { ListGroupEncounterGenerationsQuery } from './list-group-encounter-generations.query';

/**
 * One page of the review queue (row-level security keeps it to the caller's organization and permitted sites).
 * Part 2 rows the reviewer has no consent for stay in the list with their identifiers hidden and
 * `consentRequired`; the consent decision is part of the page's one query. Audited with the ids listed and,
 * for Part 2 rows, which were disclosed (§2.32 notice) and which withheld.
 */
@QueryHandler(ListGroupEncounterGenerationsQuery)
export class ListGroupEncounterGenerationsHandler implements IQueryHandler<ListGroupEncounterGenerationsQuery, Page<GroupEncounterGenerationView>> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter, page }: ListGroupEncounterGenerationsQuery): Promise<Page<GroupEncounterGenerationView>> {
    const ctx = this.requestContext.requireTenant();
    const { skip, take } = pageWindow(page);
    return this.txHost.withTransaction(async () => {
      const { rows, total } = await listGenerations(this.txHost.tx, ctx.organizationId, filter, skip, take);
      await this.audit.record({
        action: 'group-encounter-generation.list', resourceType: 'group_encounter_generation', outcome: 'success',
        scope: {
          filters: Object.keys(filter).filter((k) => filter[k as keyof typeof filter] !== undefined),
          total, generationIds: rows.map((r) => r.id), ...part2AuditScope(rows),
        },
      });
      return pageOf(rows.map(toGenerationView), total, page);
    });
  }
}
