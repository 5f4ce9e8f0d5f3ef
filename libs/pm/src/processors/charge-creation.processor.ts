import { Injectable } from '@nestjs/common';

import { CL_GROUP_ENCOUNTERS_APPROVED_V1, PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { ConsumerDeps, EventConsumer, QueueEvent } from '@cairn/platform/messaging';

import { CreateChargeWhenPeerEncounterFinalizedHandler } from '../charges/event-handlers/create-charge-when-peer-encounter-finalized.handler';
import { CreateChargesWhenGroupEncountersApprovedHandler } from '../charges/event-handlers/create-charges-when-group-encounters-approved.handler';
import type { PmTx } from '../pm.tx';

/**
 * The one consumer of the `charge-creation` queue (a queue's jobs are shared among its workers, so one class
 * per queue), dispatching on the event type. Runs each event in one transaction as the system for the event's
 * organization; the base class makes a redelivery a no-op, and the charges' unique source key makes a
 * re-published event (a new event id for the same generations) one too.
 */
@Injectable()
export class ChargeCreationProcessor extends EventConsumer<'charge-creation'> {
  readonly queue = 'charge-creation';
  /** Stable: the processed-events key. */
  readonly consumerName = 'pm.charge-creation';

  constructor(
    deps: ConsumerDeps,
    private readonly groupApproved: CreateChargesWhenGroupEncountersApprovedHandler,
    private readonly peerFinalized: CreateChargeWhenPeerEncounterFinalizedHandler,
  ) {
    super(deps);
  }

  protected async handle(event: QueueEvent<'charge-creation'>, tx: PmTx): Promise<void> {
    switch (event.type) {
      case CL_GROUP_ENCOUNTERS_APPROVED_V1:
        return this.groupApproved.handle(event, tx);
      case PEER_ENCOUNTER_FINALIZED_V1:
        return this.peerFinalized.handle(event, tx);
    }
  }
}
