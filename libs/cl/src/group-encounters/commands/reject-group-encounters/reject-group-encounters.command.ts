import { Command } from '@nestjs/cqrs';

import type { ReviewResult } from '../../domain/review-result.view';

/** Rejects generations pending review (one or many) with the reviewer's reason; answers per id. */
export class RejectGroupEncountersCommand extends Command<ReviewResult> {
  constructor(
    readonly ids: string[],
    readonly reason: string,
  ) {
    super();
  }
}
