import { ConflictError, isoDate } from '@cairn/platform/kernel';

import { periodsOverlap } from '../../charges/domain/charge.rules';
import type { PmTx } from '../../pm.tx';

type Tx = PmTx;

/**
 * No two entries of one key (organization, code, modifier match, modifiers) may share a day, or the matching rule
 * would have two answers. Checked under a transaction-level advisory lock on the key, so two concurrent writes of
 * the same key serialise and the second sees the first. (An exclusion constraint would need btree_gist and a
 * text key for the array; the lock keeps it portable, Citus included.)
 */
export async function assertNoOverlap(
  tx: Tx,
  organizationId: string,
  key: { code: string; modifierMatch: string; modifiers: string[] },
  period: { effectiveFrom: string; effectiveTo: string | null },
  exceptId?: string,
): Promise<void> {
  const lockKey = `pm_fee_schedule:${organizationId}:${key.code}:${key.modifierMatch}:${key.modifiers.join('+')}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
  const sameKey = await tx.feeScheduleEntry.findMany({
    where: {
      organizationId,
      code: key.code,
      modifierMatch: key.modifierMatch,
      modifiers: { equals: key.modifiers },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
  });
  const clash = sameKey.find((e) =>
    periodsOverlap({ effectiveFrom: isoDate(e.effectiveFrom), effectiveTo: e.effectiveTo ? isoDate(e.effectiveTo) : null }, period),
  );
  if (clash) {
    const until = clash.effectiveTo ? isoDate(clash.effectiveTo) : 'open-ended';
    throw new ConflictError(
      `An entry for ${key.code} with the same modifiers rule is in effect ${isoDate(clash.effectiveFrom)} to ${until} (${clash.id}): end it first.`,
      [{ field: 'effectiveFrom', message: `overlaps entry ${clash.id}` }],
    );
  }
}
