export { WorkforceDataModule } from './workforce-data.module';
export { GetProviderProductivityHandler, PRODUCTIVITY_AUDIT_ACTION } from './get-provider-productivity.handler';
export { auditParameters, productivityError } from './productivity-errors';
