import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { CrisisToolkitRepository } from '../../infrastructure/crisis-toolkit.repository';
import { CrisisAlertsSectionView, GetCrisisAlertsSectionQuery } from './get-crisis-alerts-section.query';

/** Staff only: a client (even about themselves) gets null, as alerts are never part of what the client sees. */
@QueryHandler(GetCrisisAlertsSectionQuery)
@TenantUseCase(GetCrisisAlertsSectionQuery, {
  audit: false,
  reason: "a section of the therapist's portal activity, whose own use case audits the read",
})
export class GetCrisisAlertsSectionHandler implements PortalUseCaseHandler<GetCrisisAlertsSectionQuery, CrisisAlertsSectionView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly repo: CrisisToolkitRepository,
  ) {}

  async execute({ patientId }: GetCrisisAlertsSectionQuery, { ctx, tx }: PortalUseCase): Promise<CrisisAlertsSectionView | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (relationship === null || relationship === 'client') return null;
    return this.repo.alertsSection(tx, ctx.organizationId, patientId);
  }
}
