// Checked as: libs/cl/src/patients/cl-writes-platform-table.ts
// Expect: pf_sites
// Expect tsc: Property 'update' does not exist
// CL reads the platform's kernel rows (an organization's sites) but never writes them.
import type { ClTx } from '../cl.tx';

export async function renameSite(tx: ClTx, organizationId: string, siteId: string, name: string): Promise<unknown> {
  const viaModel = await tx.site.update({ where: { organizationId_id: { organizationId, id: siteId } }, data: { name } });
  const viaSql = await tx.$executeRaw`UPDATE pf_sites SET name = ${name} WHERE id = ${siteId}::uuid`;
  return { viaModel, viaSql };
}
