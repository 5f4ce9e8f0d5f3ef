import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { CrisisToolkitView, toCrisisToolkitView } from '../../domain/crisis-toolkit.view';
import { GetCrisisToolkitQuery } from './get-crisis-toolkit.query';

@QueryHandler(GetCrisisToolkitQuery)
@TenantUseCase(GetCrisisToolkitQuery, {
  audit: { action: 'portal.crisis-toolkit.read', resource: 'crisis_toolkit', patient: (q) => q.patientId },
})
export class GetCrisisToolkitHandler implements PortalUseCaseHandler<GetCrisisToolkitQuery, CrisisToolkitView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: GetCrisisToolkitQuery, { ctx, tx, audit }: PortalUseCase): Promise<CrisisToolkitView | null> {
    const organizationId = ctx.organizationId;
    // A toolkit the therapist never customised has no row: ask the row rule whether the patient is in scope.
    if (!((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) !== null)) return null;
    const row = await tx.crisisToolkit.findUnique({ where: { organizationId_patientId: { organizationId, patientId } } });
    if (row) audit.set({ resourceId: row.id });
    return toCrisisToolkitView(patientId, row);
  }
}
