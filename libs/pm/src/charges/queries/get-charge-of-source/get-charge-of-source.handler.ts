import { QueryHandler } from '@nestjs/cqrs';

import { ChargeOfSource, GetChargeOfSourceQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { ChargesRepository } from '../../infrastructure/charges.repository';

/**
 * The current charge of a CL record, for CL's own read of that record (CL has checked the caller may read it,
 * Part 2 consent included). Status and amounts only: no code proposal, no patient facts beyond the audit row.
 * Null (audited as not_found) while the charge does not exist yet.
 */
@QueryHandler(GetChargeOfSourceQuery)
@TenantUseCase(GetChargeOfSourceQuery, {
  audit: { action: 'charge.read_of_source', resource: 'charge', actor: 'derived-from-context' },
})
export class GetChargeOfSourceHandler implements PmUseCaseHandler<GetChargeOfSourceQuery, ChargeOfSource | null> {
  constructor(private readonly charges: ChargesRepository) {}

  async execute(q: GetChargeOfSourceQuery, { ctx, tx, audit }: PmUseCase): Promise<ChargeOfSource | null> {
    audit.scope({ sourceType: q.sourceType, sourceId: q.sourceId });
    const c = await this.charges.currentOfSource(tx, ctx.organizationId, q.sourceType, q.sourceId);
    if (!c) return null;
    audit.set({ resourceId: c.id, patientId: c.patientId });
    return {
      chargeId: c.id,
      status: c.status as ChargeOfSource['status'],
      holdReason: c.holdReason,
      finalCode: c.finalCode,
      units: c.units,
      amountCents: c.amountCents,
      createdAt: c.createdAt.toISOString(),
    };
  }
}
