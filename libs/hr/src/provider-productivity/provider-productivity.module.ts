import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { ProviderProductivityAuditFilter } from './http/provider-productivity-audit.filter';
import { ProviderProductivityController } from './http/provider-productivity.controller';
import { GetProviderProductivityHandler } from './queries/get-provider-productivity/get-provider-productivity.handler';

/** HR provider productivity: the workforce contract's GetProviderProductivityQuery through the SECURITY DEFINER function get_provider_productivity(...), its route and CSV. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ProviderProductivityController],
  providers: [ProviderProductivityAuditFilter, GetProviderProductivityHandler],
})
export class ProviderProductivityModule {}
