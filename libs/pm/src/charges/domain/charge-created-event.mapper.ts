import { isoDate } from '@cairn/platform/kernel';
import type { PmChargeCreatedV1 } from '@cairn/platform/scheduling';

import type { CreatedCharge } from '../infrastructure/charges.repository';

/** The pm_charge_created.v1 payload of the charges one source event created (ids and headline facts only). */
export function chargeCreatedPayload(organizationId: string, sourceType: string, created: readonly CreatedCharge[]): PmChargeCreatedV1 {
  return {
    organization_id: organizationId,
    source_type: sourceType,
    charges: created.map((c) => ({
      charge_id: c.id,
      site_id: c.site_id,
      rendering_provider_id: c.rendering_provider_id,
      service_date: isoDate(c.service_date),
      status: c.status,
      code: c.code,
      amount_cents: c.amount_cents,
      created_at: c.created_at.toISOString(),
    })),
  };
}
