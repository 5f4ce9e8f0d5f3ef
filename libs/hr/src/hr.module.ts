import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { ProviderProductivityAuditFilter } from './provider-productivity/provider-productivity-audit.filter';
import { ProviderProductivityController } from './provider-productivity/provider-productivity.controller';

/**
 * The hr bounded context: workforce analytics over platform contracts only (never CL or PM). The handler of
 * GetProviderProductivityQuery is registered by WorkforceDataModule (libs/platform/workforce-data), which the
 * app composes.
 */
@Module({ imports: [CqrsModule, AuditModule], controllers: [ProviderProductivityController], providers: [ProviderProductivityAuditFilter] })
export class HrModule {}
