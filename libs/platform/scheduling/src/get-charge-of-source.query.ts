import { Query } from '@nestjs/cqrs';

/** The current charge of a source, as its author may see it: status and what was charged, no patient facts. */
export interface ChargeOfSource {
  chargeId: string;
  status: 'on_hold' | 'ready' | 'billed' | 'voided';
  /** Why it is on hold (no_fee_schedule_entry, zero_units, invalid_duration, future_service_date). */
  holdReason: string | null;
  /** What PM bills (null while on hold). */
  finalCode: string | null;
  units: number;
  amountCents: number | null;
  /** ISO instant the charge was created. */
  createdAt: string;
}

/**
 * Asked by CL for one of its own records (today a finalized peer encounter) after CL has checked the caller may
 * read that record (scope and Part 2 consent): PM answers with the source's current charge, its latest review round
 * and lineage step, or null while the charge does not exist yet (the finalization event is still on its way).
 */
export class GetChargeOfSourceQuery extends Query<ChargeOfSource | null> {
  constructor(
    readonly sourceType: 'peer_encounter',
    readonly sourceId: string,
  ) {
    super();
  }
}
