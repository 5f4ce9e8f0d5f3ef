import type { ClTx } from '../../cl.tx';

type Tx = ClTx;

/**
 * Locks a session row for the rest of the transaction and returns its status (null when not in scope).
 * Every write to a draft takes this lock first, so a concurrent document (a conditional UPDATE of the same
 * row) either sees the write committed or runs before it and makes it answer 409: attendance cannot slip in
 * after the roster was published.
 */
export async function lockSession(tx: Tx, organizationId: string, sessionId: string): Promise<{ status: string } | null> {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM cl_group_sessions WHERE organization_id = ${organizationId}::uuid AND id = ${sessionId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
