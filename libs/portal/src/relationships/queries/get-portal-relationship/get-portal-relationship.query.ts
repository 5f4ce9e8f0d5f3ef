import { Query } from '@nestjs/cqrs';

/** Who the caller is to a patient in the portal: the client, a portal admin, the current primary therapist, or nobody. */
export type PortalRelationship = 'client' | 'admin' | 'primary_therapist';

/**
 * Asked by portal use cases before they act on a patient's rows, to answer 404 (or 403) in the domain's words; the
 * row policies decide the same thing in the database regardless (po_relationship, ADR 0015).
 */
export class GetPortalRelationshipQuery extends Query<PortalRelationship | null> {
  constructor(readonly patientId: string) {
    super();
  }
}

/** May this relationship write what staff give a client (homework, resources, goals, the crisis toolkit)? */
export function staffWrites(relationship: PortalRelationship | null): boolean {
  return relationship === 'admin' || relationship === 'primary_therapist';
}
