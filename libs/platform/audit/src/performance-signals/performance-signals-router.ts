import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/kernel';
import {
  GetPerformanceSignalsQuery,
  ListSignalRecordsQuery,
  SignalBucket,
  SignalRecordPage,
  toOwnerSignalRecordsQuery,
  toSourceSignalsQuery,
} from '@cairn/platform/performance-signals';
import { TenantUseCase, TenantUseCaseHandler } from '@cairn/platform/use-case';

/**
 * One query type, several owning contexts (ADR 0014): CQRS allows one handler per query class, so
 * GetPerformanceSignalsQuery is answered here by sending the source's own query class on the same bus. The inner
 * use case joins this tenant transaction and applies its context's rules; this router reads nothing itself.
 */
@QueryHandler(GetPerformanceSignalsQuery)
@TenantUseCase(GetPerformanceSignalsQuery, {
  audit: false,
  reason: "routes to the owning context's per-source use case in the same transaction; it reads nothing itself",
})
export class PerformanceSignalsRouter implements TenantUseCaseHandler<GetPerformanceSignalsQuery, SignalBucket[]> {
  constructor(private readonly queryBus: QueryBus) {}

  execute(query: GetPerformanceSignalsQuery): Promise<SignalBucket[]> {
    const routed = toSourceSignalsQuery(query);
    if (!routed)
      throw new InvalidInputError('Unknown signal source.', [{ field: 'source', message: 'source must be one of SIGNAL_SOURCES' }]);
    return this.queryBus.execute(routed);
  }
}

/** The drill-through counterpart: the owning context's query audits the PHI read and applies its rules. */
@QueryHandler(ListSignalRecordsQuery)
@TenantUseCase(ListSignalRecordsQuery, {
  audit: false,
  reason: "routes to the owning context's drill-through use case, which audits the PHI read; it reads nothing itself",
})
export class SignalRecordsRouter implements TenantUseCaseHandler<ListSignalRecordsQuery, SignalRecordPage> {
  constructor(private readonly queryBus: QueryBus) {}

  execute(query: ListSignalRecordsQuery): Promise<SignalRecordPage> {
    const routed = toOwnerSignalRecordsQuery(query);
    if (!routed)
      throw new InvalidInputError('Unknown drill-through.', [{ field: 'drillKey', message: 'drillKey must be one of DRILL_KEYS' }]);
    return this.queryBus.execute(routed);
  }
}
