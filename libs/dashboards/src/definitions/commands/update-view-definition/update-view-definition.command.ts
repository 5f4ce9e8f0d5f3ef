import { Command } from '@nestjs/cqrs';

import type { ViewDefinitionView } from '../../domain/definition.view';

/** A practice's change of a view: which modules (domains) it includes, whether users keep their own layout. */
export class UpdateViewDefinitionCommand extends Command<ViewDefinitionView> {
  constructor(
    readonly viewKey: string,
    readonly change: Record<string, unknown>,
  ) {
    super();
  }
}
