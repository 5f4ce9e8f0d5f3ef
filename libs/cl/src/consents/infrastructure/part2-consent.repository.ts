import type { ClTx } from '../../cl.tx';

/**
 * The Part 2 consent decisions, asked of the SQL helpers the row-level security policies call (so TypeScript and
 * RLS cannot disagree). cl_check_sud_consent is SECURITY DEFINER: it reads the consents whoever asks.
 */

/** cl_check_sud_consent for an explicit subject: true only when it answers true (null, a missing chart, is no). */
export async function sudConsentAllows(tx: ClTx, chartId: string, recordType: string, subjectUserId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<
    { allowed: boolean }[]
  >`SELECT cl_check_sud_consent(${chartId}::uuid, ${recordType}, ${subjectUserId}::uuid) AS allowed`;
  return row?.allowed === true;
}

/** cl_check_sud_consent for the transaction's user (pf_ctx_user()). */
export async function sudConsentAllowsCurrentUser(tx: ClTx, chartId: string, recordType: string): Promise<boolean> {
  const [{ consented }] = await tx.$queryRaw<{ consented: boolean }[]>`
      SELECT COALESCE(cl_check_sud_consent(${chartId}::uuid, ${recordType}, pf_ctx_user()), false) AS consented`;
  return consented;
}

/** May the transaction's user write (and read) progress notes of this patient's chart (cl_progress_note_consented)? */
export async function progressNoteConsented(tx: ClTx, organizationId: string, patientId: string): Promise<boolean> {
  const [{ consented }] = await tx.$queryRaw<{ consented: boolean }[]>`
      SELECT cl_progress_note_consented(${organizationId}::uuid, ${patientId}::uuid) AS consented`;
  return consented;
}
