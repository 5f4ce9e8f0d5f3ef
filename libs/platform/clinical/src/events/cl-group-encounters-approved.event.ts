/**
 * `cl_group_encounters_approved.v1` — published by CL-14-EN-01 when generated group encounters are approved
 * (single or bulk); consumed by PM-07 charge creation (queue `charge-creation`). Payload as the seed
 * (group-encounter-generation.md, "Published Events") defines it.
 */
export const CL_GROUP_ENCOUNTERS_APPROVED_V1 = 'cl_group_encounters_approved.v1';

export interface ClGroupEncountersApprovedV1 {
  organization_id: string;
  session_id: string;
  approved_generations: Array<{
    generation_id: string;
    encounter_id: string;
    patient_id: string;
    /** Advisory: PM-07 determines the final code, modifiers and units at charge capture. */
    proposed_cpt_code: string;
    duration_minutes: number;
    modifiers: string[];
    /**
     * Cairn's extension (ADR 0011): the generation's review round when its decision was reopened and approved again
     * (2, 3, ...); absent for a first approval (round 1), so a first approval carries exactly the seed's fields. PM
     * charges each round once.
     */
    review_round?: number;
  }>;
}
