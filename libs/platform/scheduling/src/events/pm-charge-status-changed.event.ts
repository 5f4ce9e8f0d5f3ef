/**
 * `pm_charge_status_changed.v1` — published by PM-07 in the transaction of every charge lifecycle transition
 * (ADR 0011): a charge billed, voided by hand, voided and corrected, or voided and re-priced once a fee schedule
 * entry prices it. No context consumes it yet (claims and dashboards are its expected readers), so it waits in the
 * outbox (EVENTS_WITHOUT_CONSUMER of platform/messaging). Ids and facts only.
 */
export const PM_CHARGE_STATUS_CHANGED_V1 = 'pm_charge_status_changed.v1';

export interface PmChargeStatusChangedV1 {
  organization_id: string;
  charge_id: string;
  /** group_encounter_generation | peer_encounter */
  source_type: string;
  source_id: string;
  previous_status: string;
  /** billed | voided */
  status: string;
  /** For a void: voided | corrected | repriced | reopened; null for billed. */
  reason: string | null;
  /** The new charge that replaces a corrected or re-priced one. */
  replaced_by_charge_id: string | null;
  /** The staff user; null when PM did it itself (re-pricing after a fee schedule entry is added counts as its author's). */
  changed_by: string | null;
  /** ISO 8601 */
  changed_at: string;
}
