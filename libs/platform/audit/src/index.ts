export { AuditApiModule, AuditCheckpointModule, AuditModule, PerformanceSignalsRouterModule } from './audit.module';
export { AuditService } from './audit.service';
export { AUDIT_EXPORT_BATCH } from './audit-export.service';
export type { AuditEventInput, AuditOutcome } from './audit-event';
export { toVerification } from './queries/verify-audit-chain/verify-audit-chain.handler';
export type { VerifyRow } from './queries/verify-audit-chain/verify-audit-chain.handler';
export {
  appendCheckpoint,
  CHECKPOINT_FILE,
  checkpointProblem,
  ensureCheckpointKey,
  keyIdOf,
  loadPrivateKey,
  loadPublicKey,
  readCheckpointLines,
  signCheckpoint,
  signedBytes,
} from './checkpoint/audit-checkpoint';
export type { AuditCheckpoint, ChainHead } from './checkpoint/audit-checkpoint';
export { AuditCheckpointPublisher } from './checkpoint/audit-checkpoint.publisher';
export type { PublishOutcome } from './checkpoint/audit-checkpoint.publisher';
