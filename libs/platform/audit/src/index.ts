export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export type { AuditEventInput, AuditOutcome } from './audit-event';
