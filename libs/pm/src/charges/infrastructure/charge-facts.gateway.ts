import type { QueryBus } from '@nestjs/cqrs';

import { ValidateCodeQuery, type UnitBasis } from '@cairn/platform/code-library';
import { wallClockIn } from '@cairn/platform/kernel';

import type { PmTx } from '../../pm.tx';

/**
 * The latest calendar day anywhere on Earth (UTC+14): a service date after it is in the future wherever the service
 * was given. Used for a charge without a site (a peer charge whose event names no PM encounter).
 */
const LATEST_ZONE = 'Etc/GMT-14';

/** Today (YYYY-MM-DD) at each site, in its time zone; for `null` (no site), today at the latest zone on Earth. */
export async function todayBySite(tx: PmTx, organizationId: string, siteIds: readonly (string | null)[], now = new Date()) {
  const ids = [...new Set(siteIds.filter((s): s is string => s !== null))];
  const sites = ids.length
    ? await tx.site.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true, timezone: true } })
    : [];
  const out = new Map<string | null, string>([[null, wallClockIn(LATEST_ZONE, now).date]]);
  for (const id of ids) {
    const zone = sites.find((s) => s.id === id)?.timezone ?? LATEST_ZONE;
    out.set(id, wallClockIn(zone, now).date);
  }
  return out;
}

/**
 * The code library's unit basis of each (code, date), through the PF-70 contract: what counts the units of a
 * charge no fee schedule entry prices yet. Keyed `code|date`; null when the library does not know the code then.
 */
export async function codeUnitBases(queries: QueryBus, wanted: readonly { code: string; on: string }[]) {
  const out = new Map<string, UnitBasis | null>();
  for (const w of wanted) {
    const key = `${w.code}|${w.on}`;
    if (out.has(key)) continue;
    const validity = await queries.execute(new ValidateCodeQuery(w.code, w.on));
    out.set(key, validity.code?.unitBasis ?? null);
  }
  return out;
}
