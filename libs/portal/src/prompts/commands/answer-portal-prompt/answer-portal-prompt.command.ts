import { Command } from '@nestjs/cqrs';

import type { PortalPromptView } from '../../domain/portal-prompt.view';

/** The client answers a prompt (once a day) or a check-in (once). */
export class AnswerPortalPromptCommand extends Command<PortalPromptView | null> {
  constructor(
    readonly patientId: string,
    readonly promptId: string,
    readonly body: string,
  ) {
    super();
  }
}
