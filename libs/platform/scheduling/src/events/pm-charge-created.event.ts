/**
 * `pm_charge_created.v1` — published by PM-07 when its charge-creation consumer creates charges for one source
 * event (an approval of group encounters, a finalized peer encounter), in the transaction that inserts them; not
 * published when a replay creates none (insert-once). Issue 16: real-time charge metrics. Headline facts only: no
 * patient, no chart.
 */
export const PM_CHARGE_CREATED_V1 = 'pm_charge_created.v1';

export interface PmChargeCreatedV1 {
  organization_id: string;
  /** group_encounter_generation | peer_encounter */
  source_type: string;
  charges: Array<{
    charge_id: string;
    /** Null only for a peer encounter without a PM encounter. */
    site_id: string | null;
    rendering_provider_id: string;
    /** YYYY-MM-DD */
    service_date: string;
    /** ready | on_hold */
    status: string;
    /** The final code, or the proposed one while on hold. */
    code: string;
    /** Null while on hold. */
    amount_cents: number | null;
    /** ISO 8601 */
    created_at: string;
  }>;
}
