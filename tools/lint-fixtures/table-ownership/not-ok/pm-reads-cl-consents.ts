// Checked as: libs/pm/src/charges/pm-reads-cl-consents.ts
// Expect: cl_part2_consents
// Expect tsc: Property 'part2Consent' does not exist
// PM must not read CL's consents: it asks cl_check_sud_consent (the SECURITY DEFINER helper) instead.
import type { PmTx } from '../pm.tx';

export async function consentsOfChart(tx: PmTx, chartId: string): Promise<unknown> {
  const viaModel = await tx.part2Consent.findMany({ where: { chartId } });
  const viaSql = await tx.$queryRaw<{ id: string }[]>`SELECT c.id FROM cl_part2_consents c WHERE c.chart_id = ${chartId}::uuid`;
  return { viaModel, viaSql };
}
