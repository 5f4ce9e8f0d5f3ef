import { Injectable } from '@nestjs/common';

import { pgErrorOf } from '@cairn/platform/db';
import { ForbiddenError } from '@cairn/platform/kernel';

import type { PortalTx } from '../../portal.tx';

/** Rows erased per portal table, or null when the patient is not in the caller's scope. */
export type ErasedRows = Record<string, number> | null;

@Injectable()
export class PatientErasureRepository {
  /**
   * po_erase_patient (migration 20261207100000_added_patient_deletion_and_portal_erasure): every po_* table with
   * organization_id and patient_id, discovered from the catalogue, in the caller's transaction. Its refusal (42501:
   * no patients.delete) becomes a ForbiddenError; any other error is left to abort the transaction.
   */
  async erase(tx: PortalTx, organizationId: string, patientId: string): Promise<ErasedRows> {
    try {
      const rows = await tx.$queryRaw<
        { erased: Record<string, number | string> | null }[]
      >`SELECT po_erase_patient(${organizationId}::uuid, ${patientId}::uuid) AS erased`;
      const erased = rows[0]?.erased ?? null;
      if (!erased) return null;
      return Object.fromEntries(Object.entries(erased).map(([table, n]) => [table, Number(n)]));
    } catch (e) {
      if (pgErrorOf(e)?.code === '42501') {
        throw new ForbiddenError('You do not have permission "patients.delete" for this organization.');
      }
      throw e;
    }
  }
}
