import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';

/** SQL of the crisis toolkit beyond one model call. */
@Injectable()
export class CrisisToolkitRepository {
  /**
   * Serialises the opens of one client (until the transaction ends), so that two opens at the same moment cannot
   * both find two earlier opens and raise two alerts for one episode.
   */
  async lockClientOpens(tx: PortalTx, organizationId: string, patientId: string): Promise<void> {
    const key = `po_crisis_toolkit_opens:${organizationId}:${patientId}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
}
