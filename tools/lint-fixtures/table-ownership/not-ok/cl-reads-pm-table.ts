// Checked as: libs/cl/src/patients/cl-reads-pm-table.ts
// Expect: pm_charges
// Expect tsc: Property 'charge' does not exist
// CL must not read PM's tables, neither through the Prisma client nor in raw SQL: a charge is PM's, and CL learns
// what it needs through the platform contracts (ARCHITECTURE §3). ClTx has no `charge` delegate, and the
// table-ownership spec rejects pm_* in CL's SQL.
import type { ClTx } from '../cl.tx';

export async function chargesOfPatient(tx: ClTx, patientId: string): Promise<unknown> {
  const viaModel = await tx.charge.findMany({ where: { patientId } });
  const viaSql = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM pm_charges WHERE patient_id = ${patientId}::uuid`;
  return { viaModel, viaSql };
}
