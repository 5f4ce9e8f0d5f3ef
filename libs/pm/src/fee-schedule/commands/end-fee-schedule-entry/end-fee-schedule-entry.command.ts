import { Command } from '@nestjs/cqrs';

import type { FeeScheduleEntryView } from '../../domain/fee-schedule-entry.view';

/**
 * Sets an entry's last day (inclusive). Charges already created keep the entry they were priced with; events
 * processed later use whatever entry is in effect on their service date. Null when there is no such entry.
 */
export class EndFeeScheduleEntryCommand extends Command<FeeScheduleEntryView | null> {
  constructor(
    readonly entryId: string,
    readonly effectiveTo: string,
  ) {
    super();
  }
}
