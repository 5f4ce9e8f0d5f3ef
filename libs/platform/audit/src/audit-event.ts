/** Outcome of an audited access. */
export type AuditOutcome = 'success' | 'denied' | 'failure' | 'not_found';

/**
 * What an audit event records: who, what, which resource and patient, in which scope, with what outcome.
 * Never PHI values: `scope` holds site ids, filter NAMES, counts, changed field NAMES, result ids.
 */
export interface AuditEventInput {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  scope?: Record<string, unknown>;
  outcome: AuditOutcome;
  reason?: string | null;
  /** Overrides: normally taken from the request context. */
  organizationId?: string | null;
  actorUserId?: string | null;
  /** 'client': a portal client (the actor id is the portal account); derived from a portal request's context. */
  actorType?: 'staff' | 'anonymous' | 'system' | 'client';
}
