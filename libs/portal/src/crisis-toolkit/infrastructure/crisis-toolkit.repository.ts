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

  /**
   * May the staff caller write this patient's staff-written portal rows (the current primary therapist or a
   * portal admin, under the chart's consent check)? The row policy's own rule, asked before writing so that a
   * patient out of scope is a 404 and not a refused statement.
   */
  // The patient must also be an active patient of the organization: the row rule alone would let a portal admin
  // write rows for an id that names no patient here.
  async staffMayWrite(tx: PortalTx, organizationId: string, patientId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_row_writable(${organizationId}::uuid, ${patientId}::uuid, 'staff')
      AND cl_patient_is_active(${organizationId}::uuid, ${patientId}::uuid) AS ok`;
    return rows[0]?.ok === true;
  }

  /** May the staff caller read this patient's portal rows (the row policy's read rule, for a shared row)? */
  async staffMaySee(tx: PortalTx, organizationId: string, patientId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_row_visible(${organizationId}::uuid, ${patientId}::uuid, true) AS ok`;
    return rows[0]?.ok === true;
  }
}
