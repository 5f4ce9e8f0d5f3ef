import { Injectable } from '@nestjs/common';

import { CL_GROUP_SESSION_DOCUMENTED_V1 } from '@cairn/platform/clinical';
import { ConsumerDeps, EventConsumer, QueueEvent } from '@cairn/platform/messaging';

import type { ClTx } from '../cl.tx';
import { GenerateEncountersWhenGroupSessionDocumentedHandler } from '../group-encounters/event-handlers/generate-encounters-when-group-session-documented.handler';

/**
 * The one consumer of the `encounter-generation` queue, dispatching on the event type; it does nothing else. The
 * base class runs each event in one transaction as the system for the event's organization and makes a
 * redelivery a no-op (pf_processed_events, keyed by `consumerName`).
 */
@Injectable()
export class EncounterGenerationProcessor extends EventConsumer<'encounter-generation'> {
  readonly queue = 'encounter-generation';
  /** Stable: the processed-events key (named after the handler it had before the processor split; renaming it would replay processed events). */
  readonly consumerName = 'cl.generate-encounters-when-group-session-documented';

  constructor(
    deps: ConsumerDeps,
    private readonly sessionDocumented: GenerateEncountersWhenGroupSessionDocumentedHandler,
  ) {
    super(deps);
  }

  protected async handle(event: QueueEvent<'encounter-generation'>, tx: ClTx): Promise<void> {
    switch (event.type) {
      case CL_GROUP_SESSION_DOCUMENTED_V1:
        return this.sessionDocumented.handle(event, tx);
    }
  }
}
