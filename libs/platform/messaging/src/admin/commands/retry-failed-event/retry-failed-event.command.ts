import { Command } from '@nestjs/cqrs';

import type { QueueName } from '../../../job-map';

export interface RetriedEvent {
  id: string;
  /** The queues whose failed job went back to waiting. */
  queues: QueueName[];
  state: 'waiting';
}

export class RetryFailedEventCommand extends Command<RetriedEvent> {
  constructor(readonly eventId: string) {
    super();
  }
}
