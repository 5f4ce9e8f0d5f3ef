import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import { todayIn } from '../domain/homework.rules';

/** SQL of homework beyond one model call. */
@Injectable()
export class HomeworkRepository {
  /**
   * May the staff caller write this patient's staff-written portal rows (the current primary therapist or a
   * portal admin, under the chart's consent check)? The row policy's own rule, asked first so that a patient out
   * of scope is a 404 and nothing is written.
   */
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

  /** Today in the organization's time zone (for due dates and "overdue"). */
  async today(tx: PortalTx, organizationId: string): Promise<string> {
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
    return todayIn(org?.timezone ?? 'UTC');
  }
}
