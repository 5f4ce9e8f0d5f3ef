import { Command } from '@nestjs/cqrs';

import type { ServiceTypeView } from '../../domain/service-type.view';

/** Creates a service type or changes its category (and name, active flag): the mapping is data, not code. */
export class SetServiceTypeCategoryCommand extends Command<ServiceTypeView> {
  constructor(
    readonly code: string,
    readonly category: string,
    readonly name?: string,
    readonly active?: boolean,
  ) {
    super();
  }
}
