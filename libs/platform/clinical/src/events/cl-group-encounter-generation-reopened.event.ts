/**
 * `cl_group_encounter_generation_reopened.v1` — published by CL-14-EN-01 when an approved or rejected generation
 * goes back to pending review (ADR 0011), in the reopen's transaction (where PM also voided its unbilled charge
 * through VoidChargeOfSourceCommand). No context consumes it yet, so it waits in the outbox
 * (EVENTS_WITHOUT_CONSUMER of platform/messaging). Ids and facts only.
 */
export const CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1 = 'cl_group_encounter_generation_reopened.v1';

export interface ClGroupEncounterGenerationReopenedV1 {
  organization_id: string;
  generation_id: string;
  session_id: string;
  /** approved | rejected */
  previous_status: string;
  /** The round just closed; the row is now in round previous_round + 1. */
  previous_round: number;
  /** The charge PM voided, when the decision was an approval whose charge was not voided already. */
  voided_charge_id: string | null;
  reopened_by: string;
  /** ISO 8601 */
  reopened_at: string;
}
