import type { OutboxPublisher } from '@cairn/platform/messaging';
import { PM_CHARGE_STATUS_CHANGED_V1 } from '@cairn/platform/scheduling';

import type { PmRow } from '../../pm.tx';

type Charge = PmRow<'charge'>;

/** Publishes `pm_charge_status_changed.v1` for a transition, in its transaction (the outbox). */
export function publishChargeStatusChanged(
  outbox: OutboxPublisher,
  charge: Charge,
  previousStatus: string,
  changedBy: string | null,
  replacedBy: string | null = null,
) {
  return outbox.publish(PM_CHARGE_STATUS_CHANGED_V1, charge.organizationId, {
    organization_id: charge.organizationId,
    charge_id: charge.id,
    source_type: charge.sourceType,
    source_id: charge.sourceId,
    previous_status: previousStatus,
    status: charge.status,
    reason: charge.voidReason,
    replaced_by_charge_id: replacedBy,
    changed_by: changedBy,
    changed_at: (charge.voidedAt ?? charge.billedAt ?? new Date()).toISOString(),
  });
}
