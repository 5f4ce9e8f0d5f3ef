import type { QueryBus } from '@nestjs/cqrs';

import { GetJurisdictionProfileQuery, JurisdictionProfile } from '@cairn/platform/jurisdiction';

/**
 * The jurisdiction profile per site (the site's state, else the organization's; `null` = the organization's),
 * asked once per distinct site of the batch through the PF-96 contract (it joins the consumer's transaction).
 */
export async function profilesBySite(
  queries: QueryBus,
  siteIds: readonly (string | null)[],
): Promise<Map<string | null, JurisdictionProfile>> {
  const out = new Map<string | null, JurisdictionProfile>();
  for (const siteId of new Set(siteIds)) {
    const resolved = await queries.execute(new GetJurisdictionProfileQuery(siteId ? { siteId } : {}));
    out.set(siteId, resolved.profile);
  }
  return out;
}
