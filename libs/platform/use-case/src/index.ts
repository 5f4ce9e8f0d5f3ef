export { AuditScope } from './audit-scope';
export type { AuditFields, PatientRow, UseCaseAuditEvent, UseCaseAuditOutcome } from './audit-scope';
export { pagedAuditedList, setFilterNames } from './paged-audited-list';
export type { PagedAuditedListSpec } from './paged-audited-list';
export {
  OUTSIDE_USE_CASE_PIPELINE,
  OutsideUseCasePipeline,
  TENANT_USE_CASE,
  TenantUseCase,
  outsidePipelineReasonOf,
  useCaseDeclarationOf,
} from './tenant-use-case.decorator';
export type { TenantUseCaseDeclaration, TenantUseCaseOptions, UseCaseAuditDeclaration } from './tenant-use-case.decorator';
export type { TenantUseCaseHandler, UseCase, UseCaseTx } from './use-case';
export { UseCaseAuditWriter } from './use-case-audit-writer';
export { UseCasePipeline } from './use-case-pipeline';
export { UseCaseModule, UseCaseRegistrar, isBehindUseCasePipeline } from './use-case.module';
