import { RuleViolationError } from '@cairn/platform/kernel';

import type { ClTx } from '../../cl.tx';
import { PEER_ROLE, SUPERVISING_ROLES, todayIn } from '../domain/peer-supervision.rules';

type Tx = ClTx;

const rule = (field: string, message: string) => new RuleViolationError(message, [{ field, message }]);

/** Whether a staff user, active, holds one of `roles` through an active binding in the organization. */
async function holdsRole(tx: Tx, organizationId: string, staffUserId: string, roles: readonly string[]): Promise<boolean> {
  const found = await tx.roleBinding.findFirst({
    where: { organizationId, staffUserId, revokedAt: null, roleKey: { in: [...roles] }, staffUser: { status: 'active' } },
    select: { id: true },
  });
  return found !== null;
}

/** The supervisee must be an active peer specialist of the organization (422 naming the field otherwise). */
export async function assertPeerProvider(tx: Tx, organizationId: string, peerProviderId: string): Promise<void> {
  if (!(await holdsRole(tx, organizationId, peerProviderId, [PEER_ROLE]))) {
    throw rule('peerProviderId', 'peerProviderId is not an active peer specialist of this organization');
  }
}

/** The supervisor must hold a supervising role in the organization (422 naming the field otherwise). */
export async function assertSupervisor(tx: Tx, organizationId: string, supervisorId: string): Promise<void> {
  if (!(await holdsRole(tx, organizationId, supervisorId, SUPERVISING_ROLES))) {
    throw rule('supervisorId', 'supervisorId does not hold a supervising role in this organization');
  }
}

/** Whether the caller holds a supervising role (the supervisor defaults to them then). */
export function callerSupervises(tx: Tx, organizationId: string, userId: string): Promise<boolean> {
  return holdsRole(tx, organizationId, userId, SUPERVISING_ROLES);
}

/** Today in the organization's time zone: "no future dates" is judged where the supervision happened. */
export async function organizationToday(tx: Tx, organizationId: string): Promise<string> {
  const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return todayIn(org?.timezone ?? 'UTC');
}

/** Whether the context's user may see every supervision record of the organization (the same test RLS makes). */
export async function seesOrganization(tx: Tx): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT cl_peer_supervision_org_wide() AS ok`;
  return row?.ok === true;
}
