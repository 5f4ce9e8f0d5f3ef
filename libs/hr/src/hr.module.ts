import { Module } from '@nestjs/common';

import { ProviderProductivityModule } from './provider-productivity/provider-productivity.module';

/**
 * The hr bounded context: workforce analytics, never reading CL's or PM's tables (and never importing them).
 * It handles the platform/workforce contract's GetProviderProductivityQuery itself, through the SECURITY
 * DEFINER function get_provider_productivity(...), as PM handles the scheduling contract.
 */
@Module({
  imports: [ProviderProductivityModule],
})
export class HrModule {}
