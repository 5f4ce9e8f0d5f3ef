import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { GetProviderProductivityHandler } from './provider-productivity/queries/get-provider-productivity/get-provider-productivity.handler';
import { ProviderProductivityAuditFilter } from './provider-productivity/http/provider-productivity-audit.filter';
import { ProviderProductivityController } from './provider-productivity/http/provider-productivity.controller';

/**
 * The hr bounded context: workforce analytics, never reading CL's or PM's tables (and never importing them).
 * It handles the platform/workforce contract's GetProviderProductivityQuery itself, through the SECURITY
 * DEFINER function get_provider_productivity(...), as PM handles the scheduling contract.
 */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ProviderProductivityController],
  providers: [GetProviderProductivityHandler, ProviderProductivityAuditFilter],
})
export class HrModule {}
