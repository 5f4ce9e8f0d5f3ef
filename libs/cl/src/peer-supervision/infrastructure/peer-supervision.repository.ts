import { Prisma } from '@cairn/platform/db';

import type { ClTx } from '../../cl.tx';
import type { SupervisionAggregate } from '../domain/peer-supervision.rules';

/** Locks a supervision row the caller may read (row-level security), so two corrections apply one after the other. */
export async function lockPeerSupervision(tx: ClTx, organizationId: string, id: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM cl_peer_supervision WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
}

/**
 * Sessions and minutes per peer, month and modality in [start, endExclusive) (row-level security limits the sums
 * to the rows the caller may see); one peer's only when `peer` is given.
 */
export async function supervisionAggregates(
  tx: ClTx,
  organizationId: string,
  start: string,
  endExclusive: string,
  peer: string | undefined,
): Promise<SupervisionAggregate[]> {
  return tx.$queryRaw<SupervisionAggregate[]>`
      SELECT peer_provider_id::text AS "peerProviderId", to_char(supervision_date, 'YYYY-MM') AS month, modality,
             count(*)::int AS "sessionCount", sum(duration_minutes)::int AS minutes
        FROM cl_peer_supervision
       WHERE organization_id = ${organizationId}::uuid
         AND supervision_date >= ${start}::date AND supervision_date < ${endExclusive}::date
         ${peer ? Prisma.sql`AND peer_provider_id = ${peer}::uuid` : Prisma.empty}
       GROUP BY 1, 2, 3`;
}
