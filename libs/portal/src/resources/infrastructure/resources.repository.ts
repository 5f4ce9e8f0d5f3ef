import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';

/** SQL of resources beyond one model call. */
@Injectable()
export class ResourcesRepository {
  /** The row policy's staff write rule (current primary therapist or portal admin), asked first for a clean 404. */
  // The patient must also be an active patient of the organization: the row rule alone would let a portal admin
  // write rows for an id that names no patient here.
  async staffMayWrite(tx: PortalTx, organizationId: string, patientId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_row_writable(${organizationId}::uuid, ${patientId}::uuid, 'staff')
      AND cl_patient_is_active(${organizationId}::uuid, ${patientId}::uuid) AS ok`;
    return rows[0]?.ok === true;
  }

  /** May the caller read this patient's (shared) portal rows? */
  async maySee(tx: PortalTx, organizationId: string, patientId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_row_visible(${organizationId}::uuid, ${patientId}::uuid, true) AS ok`;
    return rows[0]?.ok === true;
  }
}
