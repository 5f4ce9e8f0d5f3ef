import type { ClTx } from '../../cl.tx';

export interface NewPeerServiceType {
  organizationId: string;
  id: string;
  key: string;
  label: string;
  createdBy: string;
}

/**
 * Inserts an organization's peer service type unless its key is taken (ON CONFLICT: a taken key does not abort
 * the transaction). True when the row was inserted.
 */
export async function insertPeerServiceTypeOnce(tx: ClTx, t: NewPeerServiceType): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO cl_peer_service_types (organization_id, id, key, label, created_by)
      VALUES (${t.organizationId}::uuid, ${t.id}::uuid, ${t.key}, ${t.label}, ${t.createdBy}::uuid)
      ON CONFLICT (organization_id, key) DO NOTHING RETURNING id`;
  return rows.length > 0;
}
