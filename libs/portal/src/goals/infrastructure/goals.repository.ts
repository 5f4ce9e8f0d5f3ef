import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';

/** SQL of goals beyond one model call. */
@Injectable()
export class GoalsRepository {
  /**
   * May the caller write this patient's goals: the client (their own, in a portal transaction), the current primary
   * therapist or a portal admin? The row policy's own rule, asked first so that a patient out of scope is a 404.
   */
  // The patient must also be an active patient of the organization: the row rule alone would let a portal admin
  // write rows for an id that names no patient here.
  async mayWrite(tx: PortalTx, organizationId: string, patientId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_row_writable(${organizationId}::uuid, ${patientId}::uuid, 'both')
      AND cl_patient_is_active(${organizationId}::uuid, ${patientId}::uuid) AS ok`;
    return rows[0]?.ok === true;
  }

  /** May the caller read this patient's (shared) portal rows? */
  async maySee(tx: PortalTx, organizationId: string, patientId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_row_visible(${organizationId}::uuid, ${patientId}::uuid, true) AS ok`;
    return rows[0]?.ok === true;
  }
}
