import type { ClTx } from '../../cl.tx';

/**
 * The organization's next medical record number (1, 2, ...): one upsert on cl_mrn_counters, whose row lock
 * serialises concurrent registrations of one organization until the transaction ends.
 */
export async function nextMrnValue(tx: ClTx, organizationId: string): Promise<bigint> {
  const [{ value }] = await tx.$queryRaw<{ value: bigint }[]>`
      INSERT INTO cl_mrn_counters (organization_id, next_value) VALUES (${organizationId}::uuid, 2)
      ON CONFLICT (organization_id) DO UPDATE SET next_value = cl_mrn_counters.next_value + 1
      RETURNING next_value - 1 AS value`;
  return value;
}
