import { Command } from '@nestjs/cqrs';

import type { ReviewResult } from '../../domain/review-result.view';

/** Approves generations pending review (one or many); answers per id. */
export class ApproveGroupEncountersCommand extends Command<ReviewResult> {
  constructor(readonly ids: string[]) {
    super();
  }
}
