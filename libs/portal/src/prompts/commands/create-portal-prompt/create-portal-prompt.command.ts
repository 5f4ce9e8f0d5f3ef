import { Command } from '@nestjs/cqrs';

import type { PortalPromptView, PromptKind } from '../../domain/portal-prompt.view';

export interface CreatePortalPromptInput {
  kind: PromptKind;
  question: string;
  /** ISO 8601; default now (a scheduled check-in names its time). */
  availableFrom?: string;
  /** A daily prompt's last day (YYYY-MM-DD). */
  endsOn?: string;
}

/** The therapist sends a daily prompt or schedules a check-in (seed scenario 1 step 4). */
export class CreatePortalPromptCommand extends Command<PortalPromptView> {
  constructor(
    readonly patientId: string,
    readonly input: CreatePortalPromptInput,
  ) {
    super();
  }
}
