export { AuditApiModule, AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export { AUDIT_CSV_HEADER, AUDIT_EXPORT_BATCH } from './audit-export.service';
export type { AuditEventInput, AuditOutcome } from './audit-event';
export { csvField } from './queries/list-audit-events/audit-event-filter';
export { toVerification } from './queries/verify-audit-chain/verify-audit-chain.handler';
export type { VerifyRow } from './queries/verify-audit-chain/verify-audit-chain.handler';
