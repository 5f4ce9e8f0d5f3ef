import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PortalRelationshipRepository } from '../../infrastructure/portal-relationship.repository';
import { GetPortalRelationshipQuery, PortalRelationship } from './get-portal-relationship.query';

@QueryHandler(GetPortalRelationshipQuery)
@TenantUseCase(GetPortalRelationshipQuery, {
  audit: false,
  reason: 'answers who the caller is to a patient inside another portal use case, which audits its own access',
})
export class GetPortalRelationshipHandler implements PortalUseCaseHandler<GetPortalRelationshipQuery, PortalRelationship | null> {
  constructor(private readonly repo: PortalRelationshipRepository) {}

  execute({ patientId }: GetPortalRelationshipQuery, { tx }: PortalUseCase): Promise<PortalRelationship | null> {
    return this.repo.relationshipTo(tx, patientId);
  }
}
