import { Query } from '@nestjs/cqrs';

import type { ProviderProductivityOptions, ProviderProductivityReport } from './provider-productivity-summary';

/**
 * The seed's getProviderProductivity(organizationId, { siteId, providerId, periodStart, periodEnd }) as a
 * query on the CQRS bus. The handler (HR's, libs/hr) calls the SECURITY DEFINER function
 * get_provider_productivity(...), which validates the parameters (one calendar month, quarter or year) and checks
 * hr.productivity.view (or hr.productivity.supervised for scope 'supervised') from the transaction context; every
 * call, allowed or refused, is audited.
 */
export class GetProviderProductivityQuery extends Query<ProviderProductivityReport> {
  constructor(
    readonly organizationId: string,
    readonly options: ProviderProductivityOptions,
  ) {
    super();
  }
}

/** Anything that executes queries (the QueryBus). */
export interface QueryExecutor {
  execute<R>(query: Query<R>): Promise<R>;
}

/** The seed's function signature, over the bus. */
export function getProviderProductivity(
  bus: QueryExecutor,
  organizationId: string,
  options: ProviderProductivityOptions,
): Promise<ProviderProductivityReport> {
  return bus.execute(new GetProviderProductivityQuery(organizationId, options));
}
