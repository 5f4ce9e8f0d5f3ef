import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';
import { GetProviderProductivityQuery, ProviderProductivityReport } from '@cairn/platform/workforce';

import type { HrUseCase, HrUseCaseHandler } from '../../../hr.tx';
import { toReport } from '../../infrastructure/productivity-row.mapper';
import { auditParameters, productivityError } from '../../infrastructure/productivity.errors';
import { productivityRows } from '../../infrastructure/provider-productivity.repository';

export const PRODUCTIVITY_AUDIT_ACTION = 'hr.provider-productivity.read';

/**
 * Handles the platform contract by calling get_provider_productivity(...) in the request's tenant transaction
 * (whose context the function checks hr.productivity.view against). HR owns this use case, as PM owns the
 * scheduling contract's: the function spans CL's and PM's tables behind a SECURITY DEFINER boundary, and no
 * TypeScript here reads them. Every call is audited with the caller and the parameters: in the same transaction when it succeeds,
 * in a transaction of its own when the function refuses it (the work's transaction rolls back).
 */
@QueryHandler(GetProviderProductivityQuery)
@TenantUseCase(GetProviderProductivityQuery, {
  audit: { action: PRODUCTIVITY_AUDIT_ACTION, resource: 'provider_productivity' },
  // The query names its organization; the function checks the permission against the transaction's context.
  tenant: 'optional',
})
export class GetProviderProductivityHandler implements HrUseCaseHandler<GetProviderProductivityQuery, ProviderProductivityReport> {
  async execute({ organizationId, options }: GetProviderProductivityQuery, { tx, audit }: HrUseCase): Promise<ProviderProductivityReport> {
    const parameters = auditParameters({ ...options, organizationId });
    audit.scope({ parameters });
    try {
      const report = toReport(await productivityRows(tx, organizationId, options));
      audit.scope({ rows: report.items.length, suppressedProviders: report.suppressedProviderCount });
      return report;
    } catch (e) {
      // The function's refusals and failures are audited too: committed on their own, the transaction rolls back.
      const mapped = productivityError(e);
      throw audit.refuse(
        mapped ? `${mapped.kind}: ${mapped.message}` : 'error',
        mapped ?? e,
        mapped?.kind === 'forbidden' ? 'denied' : 'failure',
      );
    }
  }
}
