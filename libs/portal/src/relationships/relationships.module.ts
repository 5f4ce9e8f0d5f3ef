import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalRelationshipRepository } from './infrastructure/portal-relationship.repository';
import { GetPortalRelationshipHandler } from './queries/get-portal-relationship/get-portal-relationship.handler';

/** Who the caller is to a patient (client, portal admin, current primary therapist), on the query bus for the other features. */
@Module({ imports: [CqrsModule], providers: [PortalRelationshipRepository, GetPortalRelationshipHandler] })
export class RelationshipsModule {}
