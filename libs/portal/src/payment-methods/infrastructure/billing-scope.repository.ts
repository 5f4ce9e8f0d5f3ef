import type { PortalTx } from '../../portal.tx';

/**
 * Whether the caller may see a patient's billing rows (insurance cards, payment methods): the client always sees its
 * own; staff as po_billing_visible decides it (portal.billing.view over the patients in their CL scope, with the
 * chart's consent check), so a staff read of a patient outside it is a 404 rather than an empty list.
 */
export async function billingVisible(tx: PortalTx, organizationId: string, patientId: string, asClient: boolean): Promise<boolean> {
  if (asClient) return true;
  const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT po_billing_visible(${organizationId}::uuid, ${patientId}::uuid) AS ok`;
  return row?.ok === true;
}
