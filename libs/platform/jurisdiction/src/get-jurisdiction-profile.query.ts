import { Query } from '@nestjs/cqrs';

import type { ResolvedJurisdictionProfile } from './jurisdiction-profile';

export interface JurisdictionSelector {
  /** A site of the context's organization: its jurisdiction, else the organization's. */
  siteId?: string;
  /** A state code asked for directly (e.g. 'AZ'), bypassing the organization's setting. */
  stateCode?: string;
}

/**
 * The seeds' `useJurisdictionProfile()`: the profile for a site (or the organization of the current tenant
 * context, or a state), falling back to the CMS default when the state has no profile of its own.
 */
export class GetJurisdictionProfileQuery extends Query<ResolvedJurisdictionProfile> {
  constructor(readonly selector: JurisdictionSelector = {}) {
    super();
  }
}
