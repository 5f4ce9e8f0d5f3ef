// Checked as: libs/pm/src/charges/pm-asks-cl-consent-helper.ts
// PM writes its own pm_* tables and asks CL's SECURITY DEFINER helper, never CL's tables, about Part 2 consent.
import type { PmTx } from '../pm.tx';

export async function consentedCharges(tx: PmTx, organizationId: string): Promise<unknown> {
  const charges = await tx.charge.findMany({ where: { organizationId } });
  const rows = await tx.$queryRaw<{ id: string; ok: boolean }[]>`
    SELECT ch.id, COALESCE(cl_check_sud_consent(ch.chart_id, 'billing', pf_ctx_user()), false) AS ok
    FROM pm_charges ch WHERE ch.organization_id = ${organizationId}::uuid`;
  return { charges, rows };
}
