import type { UseCaseAuditEvent } from './audit-scope';

/**
 * Where the pipeline writes its rows: platform/audit's AuditService, bound to this token by AuditModule (the audit
 * library's own handlers run through the pipeline too, so this library cannot import it).
 */
export abstract class UseCaseAuditWriter {
  /** In the current transaction. */
  abstract record(event: UseCaseAuditEvent): Promise<void>;
  /** Committed on its own (a refusal whose transaction rolled back). */
  abstract recordDetached(event: UseCaseAuditEvent): Promise<void>;
}
