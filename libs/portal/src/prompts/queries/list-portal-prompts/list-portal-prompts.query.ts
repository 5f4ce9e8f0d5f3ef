import { Query } from '@nestjs/cqrs';

import type { PortalPromptView } from '../../domain/portal-prompt.view';

/** A patient's prompts and check-ins with their answers, newest first (`openOnly`: what the client can answer now). */
export class ListPortalPromptsQuery extends Query<PortalPromptView[] | null> {
  constructor(
    readonly patientId: string,
    readonly openOnly: boolean,
  ) {
    super();
  }
}
