import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import type { PortalRelationship } from '../queries/get-portal-relationship/get-portal-relationship.query';

@Injectable()
export class PortalRelationshipRepository {
  /** po_relationship (migration 20261206150000_added_portal_foundation): the same rule the row policies apply. */
  async relationshipTo(tx: PortalTx, patientId: string): Promise<PortalRelationship | null> {
    const rows = await tx.$queryRaw<
      { relationship: PortalRelationship | null }[]
    >`SELECT po_relationship(${patientId}::uuid) AS relationship`;
    return rows[0]?.relationship ?? null;
  }
}
