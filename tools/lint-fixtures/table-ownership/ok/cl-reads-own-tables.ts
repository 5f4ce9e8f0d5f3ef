// Checked as: libs/cl/src/patients/cl-reads-own-tables.ts
// CL reads and writes its own cl_* tables, reads the platform's kernel rows, and asks the shared SECURITY
// DEFINER helper about Part 2 consent with the transaction's user (pf_ctx_user()).
import type { ClTx } from '../cl.tx';

export async function chartFacts(tx: ClTx, organizationId: string, patientId: string): Promise<unknown> {
  const patient = await tx.patient.findUnique({ where: { organizationId_id: { organizationId, id: patientId } } });
  const site = patient ? await tx.site.findUnique({ where: { organizationId_id: { organizationId, id: patient.siteId } } }) : null;
  const [consent] = await tx.$queryRaw<{ ok: boolean }[]>`
    SELECT COALESCE(cl_check_sud_consent(c.id, 'progress_note', pf_ctx_user()), false) AS ok, s.name AS site
    FROM cl_charts c JOIN pf_sites s ON s.id = ${patient?.siteId ?? null}::uuid WHERE c.patient_id = ${patientId}::uuid`;
  await tx.$executeRaw`UPDATE cl_patients SET updated_at = now() WHERE id = ${patientId}::uuid`;
  return { patient, site, consent };
}
