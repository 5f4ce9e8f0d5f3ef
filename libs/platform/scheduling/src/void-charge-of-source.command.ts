import { Command } from '@nestjs/cqrs';

export interface VoidChargeOfSourceInput {
  /** The charge's source: a CL group encounter generation. */
  sourceType: 'group_encounter_generation';
  sourceId: string;
  /** The review round whose charge is voided (the generation's round before it is reopened). */
  sourceRound: number;
}

export interface ChargeOfSourceVoided {
  /** The charge voided now, or null when the round's current charge was already voided (by hand). */
  voidedChargeId: string | null;
}

/**
 * Sent by CL when a review decision is reopened, handled by PM (which owns pm_charges) in the caller's
 * transaction: the round's current charge (its latest correction) goes to `voided` with the reason `reopened`.
 * Throws ConflictError (409) when that charge is billed, or when the approval has no charge yet (the approval
 * event is still on its way: reopening then would leave a charge for a row back in review). Idempotent: a charge
 * voided already is left as it is.
 */
export class VoidChargeOfSourceCommand extends Command<ChargeOfSourceVoided> {
  constructor(readonly input: VoidChargeOfSourceInput) {
    super();
  }
}
