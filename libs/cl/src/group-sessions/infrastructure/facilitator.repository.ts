import { RuleViolationError } from '@cairn/platform/kernel';

import type { ClTx } from '../../cl.tx';

type Tx = ClTx;

/** Roles whose holders may facilitate a group (they deliver the clinical service). */
export const FACILITATOR_ROLES = ['clinician', 'peer_specialist', 'supervisor'] as const;

/**
 * Every facilitator must hold an active clinical role binding in the organization that covers the group's site.
 * Returns the ids, deduplicated, in the order given.
 */
export async function assertFacilitators(tx: Tx, organizationId: string, siteId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const bindings = await tx.roleBinding.findMany({
    where: { organizationId, staffUserId: { in: unique }, revokedAt: null, roleKey: { in: [...FACILITATOR_ROLES] } },
    select: { staffUserId: true, allSites: true, siteIds: true },
  });
  const ok = new Set(bindings.filter((b) => b.allSites || b.siteIds.includes(siteId)).map((b) => b.staffUserId));
  const bad = unique.findIndex((id) => !ok.has(id));
  if (bad >= 0) {
    const field = `facilitatorIds.${ids.indexOf(unique[bad]!)}`;
    throw new RuleViolationError("Every facilitator must hold a clinician, peer specialist or supervisor role at the group's site.", [
      { field, message: `${field} is not a clinical staff member at this site` },
    ]);
  }
  return unique;
}
