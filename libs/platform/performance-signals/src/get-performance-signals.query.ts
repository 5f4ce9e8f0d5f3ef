import { Query } from '@nestjs/cqrs';

import type { SignalBucket, SignalSourceKey } from './signal-sources';

/**
 * Aggregates for [from, to] (inclusive, YYYY-MM-DD) of one source. Runs in a tenant transaction: from an API
 * request (the caller's organization) or from the worker under a system context for one organization.
 *
 * One query type, several owning contexts: CQRS allows one handler per query class, so this query is answered
 * by a router (`PerformanceSignalsRouter`, registered by AuditModule of platform/audit) that sends the
 * per-source query below (SOURCE_SIGNAL_QUERIES[source]) on the same bus, in the same transaction; each owning
 * context handles its own per-source class. Callers use this class (or the per-source ones directly).
 */
export class GetPerformanceSignalsQuery extends Query<SignalBucket[]> {
  constructor(
    readonly organizationId: string,
    readonly source: SignalSourceKey,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

/** The per-source query an owning context handles: the same arguments without the source. */
export abstract class SourceSignalsQuery extends Query<SignalBucket[]> {
  abstract readonly source: SignalSourceKey;
  constructor(
    readonly organizationId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

/** pm.appointments, handled by PM. */
export class GetAppointmentSignalsQuery extends SourceSignalsQuery {
  readonly source = 'pm.appointments';
}
/** pm.charges, handled by PM. */
export class GetChargeSignalsQuery extends SourceSignalsQuery {
  readonly source = 'pm.charges';
}
/** cl.documentation, handled by CL. */
export class GetDocumentationSignalsQuery extends SourceSignalsQuery {
  readonly source = 'cl.documentation';
}
/** cl.group-encounters, handled by CL. */
export class GetGroupEncounterSignalsQuery extends SourceSignalsQuery {
  readonly source = 'cl.group-encounters';
}
/** cl.peer, handled by CL. */
export class GetPeerSignalsQuery extends SourceSignalsQuery {
  readonly source = 'cl.peer';
}
/** cl.caseload, handled by CL. */
export class GetCaseloadSignalsQuery extends SourceSignalsQuery {
  readonly source = 'cl.caseload';
}
/** cl.consents, handled by CL. */
export class GetConsentSignalsQuery extends SourceSignalsQuery {
  readonly source = 'cl.consents';
}
/** cl.supervision, handled by CL. */
export class GetSupervisionSignalsQuery extends SourceSignalsQuery {
  readonly source = 'cl.supervision';
}
/** platform.audit, handled by platform/audit. */
export class GetAuditSignalsQuery extends SourceSignalsQuery {
  readonly source = 'platform.audit';
}

/** portal.engagement, handled by the portal (adoption, active clients, activity by feature). */
export class GetEngagementSignalsQuery extends SourceSignalsQuery {
  readonly source = 'portal.engagement';
}

type SourceSignalsQueryClass = new (organizationId: string, from: string, to: string) => SourceSignalsQuery;

/** Which per-source query answers each source. */
export const SOURCE_SIGNAL_QUERIES: { readonly [K in SignalSourceKey]: SourceSignalsQueryClass } = {
  'pm.appointments': GetAppointmentSignalsQuery,
  'pm.charges': GetChargeSignalsQuery,
  'cl.documentation': GetDocumentationSignalsQuery,
  'cl.group-encounters': GetGroupEncounterSignalsQuery,
  'cl.peer': GetPeerSignalsQuery,
  'cl.caseload': GetCaseloadSignalsQuery,
  'cl.consents': GetConsentSignalsQuery,
  'cl.supervision': GetSupervisionSignalsQuery,
  'platform.audit': GetAuditSignalsQuery,
  'portal.engagement': GetEngagementSignalsQuery,
};

/** The per-source query of a GetPerformanceSignalsQuery, or undefined for an unknown source. */
export function toSourceSignalsQuery(q: GetPerformanceSignalsQuery): SourceSignalsQuery | undefined {
  const Class = (SOURCE_SIGNAL_QUERIES as Record<string, SourceSignalsQueryClass | undefined>)[q.source];
  return Class ? new Class(q.organizationId, q.from, q.to) : undefined;
}
